import "server-only";
import { deleteJobRunsOlderThan } from "@/db/queries/jobs";
import { drainInbox } from "@/lib/webhooks/inbox";
import { reconcileEvents } from "@/lib/reconcile/events";
import { reconcileCartPayments } from "@/lib/reconcile/cart-payments";
import { reconcilePayments } from "@/lib/reconcile/payments";
import { syncDisputes } from "@/lib/disputes/sync";
import { expireAuthorizations } from "@/lib/capture/expiry";
import { makeCartTransfers } from "@/lib/cart/transfers";
import { runDueRefundSteps } from "@/lib/refunds/refund-steps";
import type { JobDefinition } from "./types";

/*
 * Every scheduled job: adding one is one entry here (docs/jobs.md). The scheduler ticks /api/cron
 * every minute; each job runs when its `everySeconds` have passed, on one instance only (lib/jobs/run.ts).
 * The order is the order a tick runs them in: the inbox first, so a slow reconciliation never delays it.
 */

/** How long /admin/jobs keeps finished runs (the inbox job alone records one a minute). */
export const JOB_RUNS_KEPT_DAYS = 30;

/** Leaves time to record the run before the lease ends. */
const budget = (deadline: number, capMs: number) =>
  Math.max(1_000, Math.min(capMs, deadline - Date.now() - 5_000));

export const JOBS: readonly JobDefinition[] = [
  {
    name: "webhook-inbox",
    description:
      "Applies stored webhook events the request that received them did not (retries with backoff).",
    everySeconds: 60,
    leaseSeconds: 120,
    run: async ({ deadline }) => {
      const r = await drainInbox({ maxMs: budget(deadline, 40_000) });
      return `applied ${r.applied}, ignored ${r.ignored}, failed ${r.failed}, dead ${r.dead}; ${r.remaining} waiting`;
    },
  },
  {
    name: "reconcile-events",
    description:
      "Lists Stripe's events since the last one seen (platform and each account) and stores what never arrived.",
    everySeconds: 600,
    leaseSeconds: 900,
    run: async ({ deadline }) => (await reconcileEvents({ maxMs: budget(deadline, 600_000) })).summary,
  },
  {
    name: "reconcile-payments",
    description:
      "Compares recent paid orders with their PaymentIntent, charge, refunds and fee at Stripe, and each paid cart's lines with the cart's payment, refunds and seller transfers.",
    everySeconds: 3600,
    leaseSeconds: 1800,
    run: async () => {
      // Both run even if one could not check everything; the run fails (and says why) if either did.
      const [direct, carts] = await Promise.allSettled([reconcilePayments(), reconcileCartPayments()]);
      const say = (r: PromiseSettledResult<{ summary: string }>) =>
        r.status === "fulfilled"
          ? r.value.summary
          : r.reason instanceof Error
            ? r.reason.message
            : String(r.reason);
      const summary = `${say(direct)}; ${say(carts)}`;
      if (direct.status === "rejected" || carts.status === "rejected") throw new Error(summary);
      return summary;
    },
  },
  {
    name: "sync-disputes",
    description:
      "Reads back from Stripe the open disputes past their deadline or not heard of for 6 hours, so none stays open by a lost event.",
    everySeconds: 900,
    leaseSeconds: 600,
    run: async ({ deadline }) => (await syncDisputes({ maxMs: budget(deadline, 300_000) })).summary,
  },
  {
    name: "expire-authorizations",
    description:
      'Releases (or, per AUTHORIZATION_EXPIRY_ACTION, captures) "charge when I ship" authorisations not captured AUTHORIZATION_MARGIN_HOURS before Stripe\'s deadline.',
    everySeconds: 300,
    leaseSeconds: 300,
    run: async ({ deadline }) => (await expireAuthorizations({ maxMs: budget(deadline, 120_000) })).summary,
  },
  {
    name: "cart-transfers",
    description:
      "Transfers each seller of a paid multi-seller cart their lines minus the platform's fee (idempotent per seller).",
    everySeconds: 60,
    leaseSeconds: 120,
    run: async () => {
      const r = await makeCartTransfers();
      return `${r.made} transfers made, ${r.failed} failed`;
    },
  },
  {
    name: "cart-refund-steps",
    description:
      "The seller's side of refunded cart lines still to make: the transfer reversal, or the line's share of the fee given back.",
    everySeconds: 60,
    leaseSeconds: 120,
    run: async () => {
      const r = await runDueRefundSteps();
      return `${r.made} made, ${r.failed} failed`;
    },
  },
  {
    name: "prune-job-runs",
    description: `Deletes finished job runs older than ${JOB_RUNS_KEPT_DAYS} days.`,
    everySeconds: 86_400,
    leaseSeconds: 300,
    run: async () => {
      const deleted = await deleteJobRunsOlderThan({ days: JOB_RUNS_KEPT_DAYS });
      return `${deleted} runs older than ${JOB_RUNS_KEPT_DAYS} days deleted`;
    },
  },
];
