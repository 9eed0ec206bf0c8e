/**
 * The money side of refunds: whether the account's balance covers a refund, booking it, and settling the
 * refunds that waited for funds.
 *
 * Since API 2025-04-30.basil (changelog "Adds a field explaining why refunds are pending") a refund the
 * account's balance cannot cover is not refused: it is created `pending` with
 * `pending_reason: "insufficient_funds"`, counts in the charge's `amount_refunded` at once, and moves no
 * money yet. The emulator's tick settles such refunds, oldest first per account and currency, as soon as
 * the balance covers them (for example after a later payment on the account, pending or available):
 * the refund's balance transaction is booked, it becomes `succeeded` and `refund.updated` +
 * `charge.refund.updated` are sent.
 *
 * "Covers": Stripe refunds the gross amount while the account only kept the net, so an account may go
 * negative by the fees withheld from its charges; it cannot refund money it has already paid out. A
 * refund also waits behind the account's earlier refunds that are still waiting for funds.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { ownedBy } from "../list";
import { addBalanceTransaction, balanceTotals } from "./balance-payouts";

function waitsForFunds(refund: Stripe.Refund): boolean {
  return refund.status === "pending" && refund.pending_reason === "insufficient_funds";
}

/** What the account could pay refunds with now, in `currency` (balance plus withheld charge fees). */
function refundCapacity(em: Emulator, owner: string, currency: string): number {
  const { available, pending } = balanceTotals(em, owner, currency);
  const withheld = ownedBy(em.store.balanceTransactions, owner)
    .filter((t) => t.currency === currency && (t.type === "charge" || t.type === "payment"))
    .reduce((sum, t) => sum + t.fee, 0);
  return available + pending + withheld;
}

/** Whether a new refund of `amount` can be paid now (behind the refunds already waiting for funds). */
export function balanceCovers(em: Emulator, owner: string, currency: string, amount: number): boolean {
  const queued = ownedBy(em.store.refunds, owner)
    .filter((r) => r.currency === currency && waitsForFunds(r))
    .reduce((sum, r) => sum + r.amount, 0);
  return refundCapacity(em, owner, currency) - queued >= amount;
}

/**
 * Books the refund's balance transaction. A `reverse_transfer` is a TransferReversal of its own, made when
 * the refund is created (refunds.ts), whether or not the refund waits for funds.
 */
export function bookRefund(em: Emulator, owner: string, refund: Stripe.Refund): void {
  const txn = addBalanceTransaction(em, owner, {
    amount: -refund.amount,
    currency: refund.currency,
    type: "refund",
    source: refund.id,
    reporting_category: "refund",
    description: "REFUND FOR CHARGE",
  });
  refund.balance_transaction = txn.id;
}

/** Keeps the copy of a refund listed on its charge (`charge.refunds`) in step with the refund. */
export function syncChargeCopy(em: Emulator, refund: Stripe.Refund): Stripe.Charge | undefined {
  const charge = typeof refund.charge === "string" ? em.store.charges[refund.charge]?.obj : undefined;
  const listed = charge?.refunds?.data.findIndex((r) => r.id === refund.id) ?? -1;
  if (charge?.refunds && listed >= 0) charge.refunds.data[listed] = { ...refund };
  return charge;
}

/** Tick: settles refunds that waited for funds, oldest first, once the balance covers each. */
export function settlePendingRefunds(em: Emulator): void {
  const blocked = new Set<string>();
  const waiting = Object.values(em.store.refunds)
    .filter(({ obj }) => waitsForFunds(obj))
    .sort((a, b) => a.obj.created - b.obj.created);
  for (const { owner, obj: refund } of waiting) {
    const queue = `${owner} ${refund.currency}`;
    if (blocked.has(queue)) continue;
    if (refundCapacity(em, owner, refund.currency) < refund.amount) {
      blocked.add(queue);
      continue;
    }
    bookRefund(em, owner, refund);
    const previous = {
      status: refund.status,
      pending_reason: refund.pending_reason,
      balance_transaction: null,
    };
    refund.status = "succeeded";
    delete refund.pending_reason;
    syncChargeCopy(em, refund);
    em.emit("refund.updated", refund, { account: owner, previous });
    em.emit("charge.refund.updated", refund, { account: owner, previous });
  }
}
