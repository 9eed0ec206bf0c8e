import type { Order, Refund } from "@/db/schema";

/*
 * Forward-only state machines for what webhooks write. Stripe does not promise delivery order, so a
 * late event must never move a row back: these pure functions decide, the handlers only apply.
 */

export type OrderStatus = Order["status"];

const FROM: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ["requires_action", "processing", "authorized", "succeeded", "failed", "canceled"],
  requires_action: ["processing", "authorized", "succeeded", "failed", "canceled"],
  processing: ["authorized", "succeeded", "failed", "canceled"],
  // The buyer may retry with another card on the same PaymentIntent after a decline.
  failed: ["requires_action", "processing", "authorized", "succeeded", "canceled"],
  // "Charge when I ship": captured (all or part) or released (lib/capture).
  authorized: ["succeeded", "canceled"],
  // Terminal: money moved (refunds are tracked separately), or the PaymentIntent is gone.
  succeeded: [],
  canceled: [],
};

/** Whether an order in `from` may move to `to`. Staying in the same state is not a move. */
export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return FROM[from].includes(to);
}

/** Our order status for a PaymentIntent event type; undefined for types that do not set one. */
export function orderStatusForEvent(type: string): OrderStatus | undefined {
  switch (type) {
    case "payment_intent.succeeded":
      return "succeeded";
    case "payment_intent.processing":
      return "processing";
    case "payment_intent.payment_failed":
      return "failed";
    case "payment_intent.canceled":
      return "canceled";
    case "payment_intent.requires_action":
      return "requires_action";
    case "payment_intent.amount_capturable_updated":
      return "authorized";
    default:
      return undefined;
  }
}

/** How much of the order is refunded, as the order page shows it. */
export function refundStateFor(amount: number, amountRefunded: number): Order["refundState"] {
  if (amountRefunded <= 0) return "none";
  return amountRefunded >= amount ? "refunded" : "partially_refunded";
}

export type RefundStatus = Refund["status"];

// A refund can fail after it succeeded (the card issuer returns it), never the other way round.
const REFUND_RANK: Record<RefundStatus, number> = {
  pending: 0,
  requires_action: 1,
  succeeded: 2,
  failed: 3,
  canceled: 3,
};

export function canMoveRefund(from: RefundStatus, to: RefundStatus): boolean {
  return REFUND_RANK[to] > REFUND_RANK[from];
}

/** Our refund status for Stripe's (null on very old refunds means it is still settling). */
export function refundStatusFromStripe(status: string | null | undefined): RefundStatus {
  switch (status) {
    case "requires_action":
    case "succeeded":
    case "failed":
    case "canceled":
      return status;
    default:
      return "pending";
  }
}

// Payouts: paid can still turn failed (the bank returns it); failed and canceled are final.
const PAYOUT_RANK: Record<string, number> = { pending: 0, in_transit: 1, paid: 2, failed: 3, canceled: 3 };

export function canMovePayout(from: string, to: string): boolean {
  return (PAYOUT_RANK[to] ?? 0) > (PAYOUT_RANK[from] ?? 0);
}
