import Link from "next/link";
import type { ReactNode } from "react";
import type { ConnectedAccount } from "@/db/schema";
import type { Readiness } from "@/lib/connect/account-status";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ExpressDashboardButton } from "./login-link-button";

const HEADLINES: Record<Readiness, { title: string; text: string; tone: string }> = {
  ready: {
    title: "You're ready to accept payments",
    text: "Stripe has verified your account: your active products are in the shop and payouts go to your bank account.",
    tone: "border-green-200 bg-green-50 text-green-900",
  },
  onboarding_incomplete: {
    title: "Finish onboarding to start selling",
    text: "Stripe needs a few details about you and your business before you can accept payments. Until then your products are hidden from the shop.",
    tone: "border-amber-200 bg-amber-50 text-amber-900",
  },
  needs_information: {
    title: "Stripe needs more information",
    text: "Provide the details below to keep (or start) accepting payments. Your products are hidden from the shop until charges are enabled.",
    tone: "border-amber-200 bg-amber-50 text-amber-900",
  },
  in_review: {
    title: "Stripe is reviewing your details",
    text: "You have submitted everything; Stripe is verifying it. Your products appear in the shop as soon as charges are enabled.",
    tone: "border-sky-200 bg-sky-50 text-sky-900",
  },
  disconnected: {
    title: "Your Stripe account is disconnected",
    text: "The platform can no longer take payments for you, so your products are hidden from the shop. Connect an account again to keep selling.",
    tone: "border-red-200 bg-red-50 text-red-900",
  },
};

function Flag({ label, on }: { label: string; on: boolean }) {
  return (
    <div className="flex items-center justify-between gap-4 py-1">
      <dt className="text-slate-600">{label}</dt>
      <dd className={on ? "font-medium text-green-700" : "font-medium text-slate-500"}>
        {on ? "Yes" : "Not yet"}
      </dd>
    </div>
  );
}

/** The seller's status as our database knows it (kept current by webhooks and the return pages). */
export function AccountStatusCard({
  account,
  readiness,
  missing,
}: {
  account: ConnectedAccount;
  readiness: Readiness;
  missing: string[];
}) {
  const headline = HEADLINES[readiness];
  const express = account.type === "express";
  const canOnboard = express && readiness !== "ready" && readiness !== "disconnected";
  return (
    <Card title="Stripe account">
      <div className="space-y-4">
        <div role="status" aria-live="polite" className={`rounded-md border px-4 py-3 ${headline.tone}`}>
          <p className="font-semibold" data-testid="account-readiness">
            {headline.title}
          </p>
          <p className="mt-1 text-sm">{headline.text}</p>
        </div>
        <dl className="divide-y divide-slate-100 text-sm">
          <Flag label="Details submitted" on={account.detailsSubmitted} />
          <Flag label="Charges enabled" on={account.chargesEnabled} />
          <Flag label="Payouts enabled" on={account.payoutsEnabled} />
          <div className="flex items-center justify-between gap-4 py-1">
            <dt className="text-slate-600">Account</dt>
            <dd className="min-w-0 font-mono text-xs break-all text-slate-700">
              {account.stripeAccountId} · {express ? "Express" : "Standard"}
            </dd>
          </div>
        </dl>
        {missing.length > 0 && readiness !== "disconnected" ? (
          <div className="text-sm">
            <p className="font-medium text-slate-800">
              What Stripe still needs ({missing.length === 1 ? "1 item" : `${missing.length} items`})
            </p>
            <ul className="mt-1 list-disc pl-5 text-slate-700">
              {missing.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="flex flex-wrap items-start gap-3">
          {canOnboard ? (
            <>
              <Link prefetch={false} href="/dashboard/onboarding" className={buttonClass("primary")}>
                {readiness === "onboarding_incomplete" ? "Continue onboarding" : "Provide information"}
              </Link>
              {/* A plain link: the route redirects the browser to a one-time Stripe-hosted page. */}
              <a href="/api/connect/account-link" className={buttonClass("secondary")}>
                Use Stripe-hosted onboarding instead
              </a>
            </>
          ) : null}
          {express && account.detailsSubmitted && readiness !== "disconnected" ? (
            <ExpressDashboardButton />
          ) : null}
          {!express && readiness !== "disconnected" ? (
            <p className="text-sm text-slate-600">
              This is your own Stripe account: payouts, refunds and settings are managed in your Stripe
              Dashboard.
            </p>
          ) : null}
        </div>
      </div>
    </Card>
  );
}

/** Shown to a seller with no account (or a disconnected one): the two ways to get paid. */
export function GetStartedCard({
  canConnectExisting,
  startButton,
}: {
  canConnectExisting: boolean;
  startButton: ReactNode;
}) {
  return (
    <Card title="Start selling">
      <div className="space-y-4 text-sm text-slate-700">
        <p>
          Payments for your products go straight to your own Stripe account; the platform keeps a small fee.
          Set up a new account in a few minutes, right here on the platform.
        </p>
        {startButton}
        {canConnectExisting ? (
          <p>
            Already have a Stripe account?{" "}
            <a href="/api/connect/oauth/start" className="font-medium text-brand-700 underline">
              Connect your existing Stripe account
            </a>
          </p>
        ) : null}
      </div>
    </Card>
  );
}
