import "server-only";
import { claimDueAuthorizations, lockAuthorization } from "@/db/queries/authorizations";
import { runInTransaction } from "@/db/queries/transaction";
import type { Order, Settlement } from "@/db/schema";
import type { AuditActor } from "@/lib/admin/audit";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { stripeNow } from "@/lib/stripe-clock";
import { beginSettlement, sendSettlement, SETTLEMENT_STALE_SECONDS, type SettleRequest } from "./settle";

/*
 * The `expire-authorizations` job: an authorisation the seller has not captured AUTHORIZATION_MARGIN_HOURS
 * before Stripe's deadline is released (or, with AUTHORIZATION_EXPIRY_ACTION=capture, captured in full)
 * while we still can, so no order is left to lapse at Stripe. The buyer's order page and the seller's
 * "To ship" page then say what happened (lib/payments/order-status.ts, the seller's recent releases).
 *
 * Two instances running it at once: each claims its rows with FOR UPDATE SKIP LOCKED and marks them
 * settling in the same transaction (db/queries/authorizations.ts claimDueAuthorizations), so no order is
 * settled twice; the settlement's idempotency key covers a run that dies after calling Stripe.
 */

export const EXPIRY_ACTOR: AuditActor = { id: null, email: "job:expire-authorizations" };
const CLAIM_BATCH = 10;

export interface ExpiryRun {
  released: number;
  captured: number;
  failed: number;
  summary: string;
}

type ExpiryAction = typeof env.AUTHORIZATION_EXPIRY_ACTION;

function requestFor(action: ExpiryAction, quantity: number): SettleRequest {
  return action === "capture"
    ? { action: "capture", quantity }
    : { action: "release", reason: "not_shipped_in_time" };
}

/** Claims due authorisations and writes their settlements, in one transaction. */
async function claim(
  cutoff: Date,
  skip: Set<string>,
  action: ExpiryAction,
  accounts: string[] | undefined,
): Promise<{ order: Order; settlement: Settlement }[]> {
  return runInTransaction(async (tx) => {
    const staleBefore = new Date(Date.now() - SETTLEMENT_STALE_SECONDS * 1000);
    const ids = await claimDueAuthorizations(
      { cutoff, staleBefore, limit: CLAIM_BATCH + skip.size, accounts },
      tx,
    );
    const claimed: { order: Order; settlement: Settlement }[] = [];
    for (const orderId of ids.filter((id) => !skip.has(id)).slice(0, CLAIM_BATCH)) {
      skip.add(orderId);
      const locked = await lockAuthorization({ orderId }, tx);
      if (!locked) continue;
      try {
        const settlement = await beginSettlement(locked, requestFor(action, locked.auth.quantity), "job", tx);
        claimed.push({ order: locked.order, settlement });
      } catch (error) {
        // Not settleable (e.g. the order never got past authorisation): reported, not retried this run.
        if (!(error instanceof AppError)) throw error;
        console.warn(`[expire-authorizations] order ${orderId}: ${error.message}`);
      }
    }
    return claimed;
  });
}

/**
 * `now`: Stripe's time (default: read from the Stripe we talk to); `action`: default
 * AUTHORIZATION_EXPIRY_ACTION; `accounts` limits it to those sellers (tests share one database).
 */
export async function expireAuthorizations({
  maxMs = 60_000,
  now,
  action = env.AUTHORIZATION_EXPIRY_ACTION,
  accounts,
}: { maxMs?: number; now?: Date; action?: ExpiryAction; accounts?: string[] } = {}): Promise<ExpiryRun> {
  const deadline = Date.now() + maxMs;
  const stripeTime = now ?? (await stripeNow());
  const cutoff = new Date(stripeTime.getTime() + env.AUTHORIZATION_MARGIN_HOURS * 3_600_000);
  const run = { released: 0, captured: 0, failed: 0 };
  const seen = new Set<string>();
  while (Date.now() < deadline) {
    const batch = await claim(cutoff, seen, action, accounts);
    if (batch.length === 0) break;
    for (const { order, settlement } of batch) {
      try {
        const settled = await sendSettlement(order, settlement, EXPIRY_ACTOR);
        run[settled.result]++;
      } catch (error) {
        run.failed++;
        console.error(
          `[expire-authorizations] order ${order.id}:`,
          error instanceof Error ? error.message : error,
        );
      }
    }
  }
  return {
    ...run,
    summary: `${run.released} released, ${run.captured} captured, ${run.failed} failed (deadline before ${cutoff.toISOString()})`,
  };
}
