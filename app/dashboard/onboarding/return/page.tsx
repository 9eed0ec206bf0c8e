import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { accountReadiness, describeRequirements } from "@/lib/connect/account-status";
import { refreshSellerStatus } from "@/lib/connect/accounts";
import { publicMessage } from "@/lib/errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Back from Stripe" };

/**
 * The Account Link's return_url. Coming back does not mean onboarding is complete (Stripe passes no
 * state), so the account is read from Stripe, our row updated, and the seller told where they stand.
 */
export default async function OnboardingReturnPage() {
  const user = await pageUser("seller", "/dashboard/onboarding/return");
  let account;
  try {
    account = await refreshSellerStatus(user);
  } catch (error) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Back from Stripe</h1>
        <Alert tone="error">{publicMessage(error)}</Alert>
        <Link prefetch={false} href="/dashboard" className={buttonClass("secondary")}>
          Go to your dashboard
        </Link>
      </div>
    );
  }
  const readiness = account ? accountReadiness(account) : null;
  const missing = account
    ? describeRequirements([...account.requirementsPastDue, ...account.requirementsCurrentlyDue])
    : [];
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">Back from Stripe</h1>
      {readiness === "ready" ? (
        <Card>
          <div className="space-y-3">
            <Alert tone="success">
              <p className="font-semibold">You&apos;re ready to accept payments.</p>
              <p>Stripe has everything it needs. Your active products are now in the shop.</p>
            </Alert>
            <div className="flex gap-3">
              <Link prefetch={false} href="/dashboard" className={buttonClass("primary")}>
                Go to your dashboard
              </Link>
              <Link prefetch={false} href="/dashboard/products" className={buttonClass("secondary")}>
                Add products
              </Link>
            </div>
          </div>
        </Card>
      ) : readiness === "in_review" ? (
        <Alert tone="info">
          <p className="font-semibold">Thanks — Stripe is reviewing your details.</p>
          <p>Your products appear in the shop as soon as charges are enabled. </p>
          <Link prefetch={false} href="/dashboard" className="underline">
            Go to your dashboard
          </Link>
        </Alert>
      ) : account && readiness !== "disconnected" ? (
        <Card>
          <div className="space-y-3">
            <Alert tone="warning">
              <p className="font-semibold">Stripe needs more information.</p>
              <p>You can continue where you left off; it only takes a few minutes.</p>
            </Alert>
            {missing.length > 0 ? (
              <ul className="list-disc pl-5 text-sm text-slate-700">
                {missing.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            ) : null}
            <div className="flex flex-wrap gap-3">
              <a href="/api/connect/account-link" className={buttonClass("primary")}>
                Continue onboarding
              </a>
              <Link prefetch={false} href="/dashboard" className={buttonClass("secondary")}>
                Later
              </Link>
            </div>
          </div>
        </Card>
      ) : (
        <Alert tone="info">
          You have no Stripe account connected.{" "}
          <Link prefetch={false} href="/dashboard" className="underline">
            Start from your dashboard
          </Link>
          .
        </Alert>
      )}
    </div>
  );
}
