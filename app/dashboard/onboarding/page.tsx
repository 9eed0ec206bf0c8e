import type { Metadata } from "next";
import Link from "next/link";
import { OnboardingPanel } from "@/components/dashboard/onboarding-panel";
import { StartSellingButton } from "@/components/dashboard/start-selling";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { pageUser } from "@/lib/auth";
import { getSellerAccount } from "@/lib/connect/accounts";
import { refreshOnboardingStatusAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Onboarding" };

export default async function OnboardingPage() {
  const user = await pageUser("seller", "/dashboard/onboarding");
  const account = await getSellerAccount(user);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Set up payments</h1>
        <p className="text-sm text-slate-600">
          Stripe collects these details to verify you and pay you out. You can stop at any time and continue
          later.
        </p>
      </div>
      {!account || account.disconnectedAt ? (
        <Alert tone="info">
          <div className="space-y-3">
            <p>You don&apos;t have a Stripe account on the platform yet.</p>
            <StartSellingButton />
          </div>
        </Alert>
      ) : account.type !== "express" ? (
        <Alert tone="info">
          Your own Stripe account is connected: Stripe already has your details.{" "}
          <Link prefetch={false} href="/dashboard" className="underline">
            Back to the dashboard
          </Link>
        </Alert>
      ) : (
        <>
          <OnboardingPanel refreshStatusAction={refreshOnboardingStatusAction} />
          <p className="text-sm text-slate-600">
            Trouble with the form?{" "}
            <a href="/api/connect/account-link" className={buttonClass("ghost", "px-1 py-0 underline")}>
              Continue on Stripe&apos;s own onboarding page
            </a>
          </p>
        </>
      )}
    </div>
  );
}
