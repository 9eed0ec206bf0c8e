"use client";

import { useState } from "react";
import { EmbeddedBalances, EmbeddedNotificationBanner } from "@/components/connect/embedded";

/** How many of Stripe's notifications need the seller to act, said once above the banner. */
export function AttentionCount({ count }: { count: number }) {
  const text = count === 1 ? "1 item needs your attention." : `${count} items need your attention.`;
  // The live region stays in the page while empty, so the count is announced when it arrives.
  return (
    <p
      role="status"
      aria-live="polite"
      className={count > 0 ? "text-sm font-medium text-amber-900" : "sr-only"}
    >
      {count > 0 ? text : null}
    </p>
  );
}

/**
 * The notification banner (what Stripe needs, with its own "complete" flow) and the balances. The
 * banner is left out (`banner={false}`) while the account card already lists what Stripe needs.
 */
export function ExpressOverviewEmbeds({ banner = true }: { banner?: boolean }) {
  const [actionRequired, setActionRequired] = useState(0);
  return (
    <div className="space-y-6">
      {banner ? (
        <div className="space-y-2">
          <AttentionCount count={actionRequired} />
          <EmbeddedNotificationBanner onChange={setActionRequired} />
        </div>
      ) : null}
      <EmbeddedBalances />
    </div>
  );
}
