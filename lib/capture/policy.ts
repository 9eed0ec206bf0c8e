import type Stripe from "stripe";
import type { OrderAuthorization, ReleaseReason } from "@/db/schema";
import { computeApplicationFee } from "@/lib/payments/fees";

/*
 * "Charge when I ship", the pure rules (https://docs.stripe.com/payments/place-a-hold-on-a-payment-method):
 * an online card authorisation can be captured for 7 days; `amount_to_capture` takes all or part of it and
 * Stripe releases the rest; an authorisation not captured in time lapses (charge.expired).
 */

/** Stripe's capture window for online card payments. The exact deadline is the charge's `capture_before`. */
export const AUTHORIZATION_VALIDITY_SECONDS = 7 * 24 * 60 * 60;

/** The deadline we keep: the charge's own `capture_before` when Stripe sent one, else 7 days after authorising. */
export function captureDeadline(authorizedAtSeconds: number, captureBefore?: number | null): Date {
  return new Date((captureBefore ?? authorizedAtSeconds + AUTHORIZATION_VALIDITY_SECONDS) * 1000);
}

/** What is captured for shipping `quantity` of the order: the unit price times it, and the fee on that. */
export interface CapturePlan {
  quantity: number;
  amount: number;
  applicationFee: number;
}

/**
 * The capture for shipping `quantity` units: the authorised unit price times the quantity, the fee
 * computed with the rule the order was priced under (a partial shipment pays the fee of what it charges,
 * fixed part included, never more than the authorised fee). Null when the quantity cannot be shipped.
 */
export function planCapture(
  auth: Pick<OrderAuthorization, "quantity" | "amount" | "applicationFeeAmount" | "feeBps" | "feeFixed">,
  quantity: number,
): CapturePlan | null {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > auth.quantity) return null;
  const amount = quantity === auth.quantity ? auth.amount : (auth.amount / auth.quantity) * quantity;
  if (!Number.isSafeInteger(amount)) return null;
  const fee =
    quantity === auth.quantity
      ? auth.applicationFeeAmount
      : Math.min(auth.applicationFeeAmount, computeApplicationFee(amount, auth));
  return { quantity, amount, applicationFee: fee };
}

/** Stripe's `cancellation_reason` for each of our release reasons. */
export const STRIPE_CANCELLATION_REASON: Record<
  ReleaseReason,
  Stripe.PaymentIntentCancelParams.CancellationReason
> = {
  out_of_stock: "abandoned",
  buyer_request: "requested_by_customer",
  fraud: "fraudulent",
  not_shipped_in_time: "abandoned",
  expired: "abandoned",
  canceled_at_stripe: "abandoned",
};

/** The reasons a seller or an admin can choose when canceling an authorisation, in their words. */
export const CHOSEN_RELEASE_REASONS = {
  out_of_stock: "Out of stock / cannot ship",
  buyer_request: "The buyer asked to cancel",
  fraud: "Suspected fraud",
} as const satisfies Partial<Record<ReleaseReason, string>>;
export type ChosenReleaseReason = keyof typeof CHOSEN_RELEASE_REASONS;

/** Our reason for a PaymentIntent canceled at Stripe (an event, or a capture that came too late). */
export function releaseReasonFromStripe(reason: string | null | undefined): ReleaseReason {
  if (reason === "automatic") return "expired";
  if (reason === "fraudulent") return "fraud";
  if (reason === "requested_by_customer") return "buyer_request";
  return "canceled_at_stripe";
}

/**
 * The part of a charge's `amount_refunded` that is a released authorisation, not a refund: Stripe gives back
 * the uncaptured amount with a refund (partial capture, cancel, expiry), so it shows in `amount_refunded`
 * though the buyer was never charged it. Zero for a charge captured in full (every automatic charge).
 */
export function releasedAmount(
  charge: Pick<Stripe.Charge, "amount" | "amount_captured" | "captured" | "status">,
): number {
  if (charge.status !== "succeeded") return 0;
  return charge.amount - (charge.captured ? charge.amount_captured : 0);
}

/**
 * Whether `refund` is the release of a charge's uncaptured amount: Stripe makes one, for exactly that
 * amount, with no balance transaction (no money moved). A refund of captured money always moves money.
 */
export function isAuthorizationRelease(
  refund: Pick<Stripe.Refund, "amount" | "balance_transaction">,
  charge: Pick<Stripe.Charge, "amount" | "amount_captured" | "captured" | "status">,
): boolean {
  const released = releasedAmount(charge);
  return released > 0 && refund.amount === released && !refund.balance_transaction;
}
