/**
 * Work Stripe does "a moment later" (a dispute after a 0259 charge, an async refund failure), kept in the
 * store so it survives a restart, and run by the emulator's tick once due. The tick also settles what the
 * clock decides: balances and payouts, refunds that waited for funds, test-mode dispute decisions whose
 * delay has passed, disputes past their due date, card authorisations past their capture_before, Checkout
 * Sessions past their expires_at.
 */
import type { Emulator } from "./emulator";
import { pruneIdempotency } from "./idempotency";
import { settleMoney } from "./resources/balance-payouts";
import { expireAuthorisations } from "./resources/capture-cancel";
import { expireCheckoutSessions } from "./resources/checkout-model";
import { createDispute, decideDisputes, expireDisputes } from "./resources/disputes";
import { settlePendingRefunds } from "./resources/refund-settlement";
import { failRefund } from "./resources/refunds";

export function runScheduled(em: Emulator): void {
  const now = Date.now();
  const due = em.store.scheduled.filter((t) => t.due_ms <= now);
  if (due.length === 0) return;
  em.store.scheduled = em.store.scheduled.filter((t) => t.due_ms > now);
  for (const task of due) {
    if (task.kind === "dispute") createDispute(em, task.owner, task.target);
    else failRefund(em, task.owner, task.target);
  }
  em.changed();
}

export function registerTicks(em: Emulator): void {
  em.onTick(runScheduled);
  em.onTick(expireAuthorisations);
  em.onTick(expireCheckoutSessions);
  em.onTick(settleMoney);
  em.onTick(settlePendingRefunds);
  em.onTick(decideDisputes);
  em.onTick(expireDisputes);
  em.onTick(pruneIdempotency);
}
