import type { Order, OrderAuthorization, ReleaseReason } from "@/db/schema";
import { formatMoney } from "@/lib/money";

export interface OrderStatusView {
  title: string;
  description: string;
  tone: "success" | "info" | "warning" | "error";
  /** No webhook is expected to change it any more: the page can stop refreshing. */
  final: boolean;
  /** The buyer can pay again with another card, on the same order. */
  canRetry: boolean;
}

type OrderForStatus = Pick<
  Order,
  "status" | "refundState" | "amountRefunded" | "amount" | "currency" | "failureMessage"
> & {
  /** "Charge when I ship" orders: what was authorised and how it ended (order_authorizations). */
  authorization?: Pick<OrderAuthorization, "quantity" | "amount" | "releaseReason"> | null;
};

/** Why the buyer was not charged, in their words. */
const RELEASED: Record<ReleaseReason, string> = {
  out_of_stock: "The seller could not ship this order",
  buyer_request: "The order was canceled at your request",
  fraud: "The order was canceled",
  not_shipped_in_time: "The seller did not ship this order in time",
  expired: "The authorisation on your card expired before the seller shipped",
  canceled_at_stripe: "The order was canceled",
};

/** PaymentIntent statuses after which the buyer's money is on its way: only a webhook can still say more. */
const PAID_INTENT_STATUSES: ReadonlySet<string> = new Set(["succeeded", "processing", "requires_capture"]);

/**
 * What the order page says about an order. Pure: the state itself comes from our DB (the webhooks).
 * `liveIntentStatus` is the PaymentIntent's status read from Stripe when the buyer has just been
 * redirected back: if Stripe already took the payment but its webhook has not reached us yet (e.g.
 * a retry after a decline, while our row still says failed), the page must not announce the old
 * outcome as final — it says the payment is being confirmed and keeps refreshing until the webhook
 * lands. It never makes the page claim success on its own.
 */
export function describeOrder(order: OrderForStatus, liveIntentStatus?: string): OrderStatusView {
  // An authorised order already says what Stripe's requires_capture would: nothing left to confirm.
  const settled =
    order.status === "succeeded" || order.status === "canceled" || order.status === "authorized";
  if (!settled && liveIntentStatus !== undefined && PAID_INTENT_STATUSES.has(liveIntentStatus)) {
    return {
      title: "Confirming your payment",
      description: "Your payment went through; we are recording it. This page updates by itself.",
      tone: "info",
      final: false,
      canRetry: false,
    };
  }
  const auth = order.authorization;
  switch (order.status) {
    case "authorized":
      return {
        title: "Authorised — you will be charged when it ships",
        description: `Your card is authorised for ${formatMoney(auth?.amount ?? order.amount, order.currency)}. The seller charges it when they ship; anything they do not ship is released.`,
        tone: "info",
        final: true,
        canRetry: false,
      };
    case "pending":
      return {
        title: "Waiting for payment",
        description: "We have not received your payment yet. This page updates by itself.",
        tone: "info",
        final: false,
        canRetry: false,
      };
    case "requires_action":
      return {
        title: "Authentication required",
        description:
          "Your bank asked you to confirm this payment. You can try again with the same or another card.",
        tone: "warning",
        final: false,
        canRetry: true,
      };
    case "processing":
      return {
        title: "Payment processing",
        description: "Your payment is being processed. This page updates by itself.",
        tone: "info",
        final: false,
        canRetry: false,
      };
    case "failed":
      return {
        title: "Payment failed",
        description: order.failureMessage ?? "Your payment could not be completed.",
        tone: "error",
        final: true,
        canRetry: true,
      };
    case "canceled":
      return {
        title: "Order canceled",
        description: auth?.releaseReason
          ? `${RELEASED[auth.releaseReason]}. The authorisation on your card was released; you were not charged.`
          : "This order was canceled; you were not charged.",
        tone: "warning",
        final: true,
        canRetry: false,
      };
    case "succeeded":
      if (order.refundState === "refunded") {
        return {
          title: "Refunded",
          description: `${formatMoney(order.amount, order.currency)} was refunded to your card.`,
          tone: "info",
          final: true,
          canRetry: false,
        };
      }
      if (order.refundState === "partially_refunded") {
        return {
          title: "Partially refunded",
          description: `${formatMoney(order.amountRefunded, order.currency)} of ${formatMoney(order.amount, order.currency)} was refunded to your card.`,
          tone: "info",
          final: true,
          canRetry: false,
        };
      }
      if (auth && auth.amount > order.amount) {
        return {
          title: "Shipped in part",
          description: `You were charged ${formatMoney(order.amount, order.currency)} for what shipped; the remaining ${formatMoney(auth.amount - order.amount, order.currency)} of the authorisation was released.`,
          tone: "success",
          final: true,
          canRetry: false,
        };
      }
      return {
        title: auth ? "Shipped and charged" : "Payment succeeded",
        description: auth
          ? `You were charged ${formatMoney(order.amount, order.currency)} when the seller shipped.`
          : "Thank you! The seller has been notified.",
        tone: "success",
        final: true,
        canRetry: false,
      };
  }
}
