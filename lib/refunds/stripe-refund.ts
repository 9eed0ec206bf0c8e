import "server-only";
import type Stripe from "stripe";
import type { Executor } from "@/db/client";
import { findSellerTransferByAccount, getCartCheckout } from "@/db/queries/cart-checkouts";
import type { NewRefundStep } from "@/db/queries/cart-refund-steps";
import type { Order, RefundStepKind } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { stripe } from "@/lib/stripe";
import { logStripeFailure } from "@/lib/stripe-errors";

/*
 * Where a refund is made at Stripe, by how the order was paid (docs/cart.md, part 3):
 * - direct charge: on the seller's account (Stripe-Account), `refund_application_fee` per the admin's choice;
 * - a cart line, destination charge: on the platform's PaymentIntent with `reverse_transfer` (Stripe takes
 *   the refunded amount back from the seller's transfer, which was the whole charge), then, when the fee is
 *   returned, a refund of exactly the line's share of the application fee (a refund step). Not
 *   `refund_application_fee`: Stripe returns that in proportion to the whole cart's charge, which is not the
 *   line's own fee when the cart has several lines (each line's fee has its fixed part);
 * - a cart line, separate charges: on the platform's PaymentIntent, then a reversal of that seller's
 *   transfer for the line's part (a refund step): the refund minus the fee the platform gives back, so the
 *   seller bears what they were paid for the line, never the platform's fee.
 * Both end with the seller exactly where a direct charge's refund would leave them. Idempotency keys per
 * refund row: a retry never refunds twice.
 */

export interface RefundTarget {
  /** `payment_intent` or `charge` to refund. */
  params: { payment_intent?: string; charge?: string };
  /** The seller's account for a direct charge; the platform (none) for a cart line. */
  stripeAccount: string | undefined;
  model: Order["chargeModel"];
  /** A cart line: what its refund step acts on (the seller's transfer, or the destination PaymentIntent). */
  step?: { kind: RefundStepKind; stripeObjectId: string };
}

const NOT_PAID = "Only paid orders can be refunded.";

/** Refuses (before anything is written) a cart line whose payment or seller transfer is not there yet. */
export async function refundTargetOf(order: Order, ex?: Executor): Promise<RefundTarget> {
  if (order.chargeModel === "direct")
    return {
      params: order.paymentIntentId
        ? { payment_intent: order.paymentIntentId }
        : { charge: order.chargeId ?? undefined },
      stripeAccount: order.stripeAccountId,
      model: "direct",
    };
  const checkout = order.cartCheckoutId ? await getCartCheckout({ id: order.cartCheckoutId }, ex) : undefined;
  if (!checkout?.paymentIntentId || checkout.status !== "paid")
    throw new AppError("conflict:refund", NOT_PAID);
  const params = { payment_intent: checkout.paymentIntentId };
  if (order.chargeModel === "destination")
    return {
      params,
      stripeAccount: undefined,
      model: "destination",
      step: { kind: "fee_refund", stripeObjectId: checkout.paymentIntentId },
    };
  const seller = await findSellerTransferByAccount(
    { cartCheckoutId: checkout.id, stripeAccountId: order.stripeAccountId },
    ex,
  );
  if (!seller?.stripeTransferId)
    throw new AppError(
      "conflict:refund_transfer_pending",
      "This seller's transfer for the cart is not made yet (it follows the payment within a minute). Try again shortly.",
    );
  return {
    params,
    stripeAccount: undefined,
    model: "separate",
    step: { kind: "transfer_reversal", stripeObjectId: seller.stripeTransferId },
  };
}

/**
 * A cart line's refund step: the fee share to give back (destination), or the part of the seller's transfer
 * to take back (separate; the refund minus the fee returned, which fee-return.ts keeps within what the
 * seller was paid for the line). Nothing for a direct charge.
 */
export function refundStepFor(
  target: RefundTarget,
  refund: { id: string; amount: number; currency: string },
  feeReturned: number,
): NewRefundStep | undefined {
  if (!target.step) return undefined;
  const amount = target.step.kind === "fee_refund" ? feeReturned : refund.amount - feeReturned;
  return { refundId: refund.id, currency: refund.currency, amount, feeReturned, ...target.step };
}

export function createStripeRefund(
  target: RefundTarget,
  refund: { id: string; orderId: string; amount: number; reason: Stripe.RefundCreateParams.Reason },
  refundApplicationFee: boolean,
): Promise<Stripe.Refund> {
  const flags =
    target.model === "direct"
      ? { refund_application_fee: refundApplicationFee }
      : target.model === "destination"
        ? { reverse_transfer: true }
        : {};
  return stripe.refunds.create(
    {
      ...target.params,
      amount: refund.amount,
      reason: refund.reason,
      metadata: { refund_id: refund.id, order_id: refund.orderId },
      ...flags,
    },
    { stripeAccount: target.stripeAccount, idempotencyKey: `refund-${refund.id}` },
  );
}

/** Our refund at Stripe, found by the metadata we sent; undefined when absent or Stripe is unreachable. */
export async function findStripeRefund(
  target: RefundTarget,
  refundId: string,
): Promise<Stripe.Refund | undefined> {
  try {
    const list = await stripe.refunds.list(
      { ...target.params, limit: 100 },
      { stripeAccount: target.stripeAccount },
    );
    return list.data.find((r) => r.metadata?.refund_id === refundId);
  } catch (error) {
    logStripeFailure(`refund ${refundId}: looking for it at Stripe`, error);
    return undefined;
  }
}
