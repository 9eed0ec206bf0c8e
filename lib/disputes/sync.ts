import "server-only";
import { listDisputesToSync } from "@/db/queries/dispute-views";
import { runInTransaction } from "@/db/queries/transaction";
import { stripe } from "@/lib/stripe";
import { logStripeFailure } from "@/lib/stripe-errors";
import { applyDisputeSnapshot } from "./snapshot";

/*
 * The `sync-disputes` job: open disputes whose deadline has passed, or that no event has touched for
 * STALE_HOURS, are read back from Stripe and stored (lib/disputes/snapshot.ts). A lost
 * `charge.dispute.closed` then cannot leave a dispute "response needed" in the queue for ever.
 */

const STALE_HOURS = 6;
const BATCH = 50;

export async function syncDisputes({ maxMs }: { maxMs: number }): Promise<{ summary: string }> {
  const deadline = Date.now() + maxMs;
  const now = new Date();
  const rows = await listDisputesToSync({
    now,
    staleBefore: new Date(now.getTime() - STALE_HOURS * 3600_000),
    limit: BATCH,
  });
  let changed = 0;
  let failed = 0;
  for (const row of rows) {
    if (Date.now() > deadline || !row.stripeAccountId) break;
    try {
      const dispute = await stripe.disputes.retrieve(
        row.stripeDisputeId,
        {},
        { stripeAccount: row.stripeAccountId },
      );
      const stored = await runInTransaction((tx) =>
        applyDisputeSnapshot(dispute, { account: row.stripeAccountId }, tx),
      );
      if (stored.status !== row.status) changed++;
    } catch (error) {
      failed++;
      logStripeFailure(`sync-disputes: disputes.retrieve ${row.stripeDisputeId}`, error);
    }
  }
  return { summary: `${rows.length} open disputes read back, ${changed} changed status, ${failed} failed` };
}
