"use client";

import { EmbeddedBalances, EmbeddedNotificationBanner } from "@/components/connect/embedded";

/** The notification banner (what Stripe needs, with its own "complete" flow) and the balances. */
export function ExpressOverviewEmbeds() {
  return (
    <div className="space-y-6">
      <EmbeddedNotificationBanner />
      <EmbeddedBalances />
    </div>
  );
}
