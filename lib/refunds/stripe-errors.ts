import { isStripeError, isStripeErrorOf, isStripeOutcomeUnknown } from "@/lib/stripe-errors";

/**
 * What the admin reads when Stripe refuses a refund. Stripe's own messages mention API details and
 * test-mode tips ("use 4000 0000 0000 0077…"), so they go to the server log, never to the page.
 */
export interface RefundFailure {
  /** Shown to the admin and stored in refunds.failure_reason. */
  message: string;
  /** Stripe may have created the refund anyway (the response was lost): check before calling it failed. */
  outcomeUnknown: boolean;
}

const MORE_THAN_LEFT =
  "Stripe says this refund is more than what is left on the payment (it may have been refunded outside the app).";

/*
 * No `balance_insufficient` here: at our API version Stripe does not refuse a refund the seller's balance
 * cannot cover, it makes it pending (pending_reason insufficient_funds) and sends it later (refund-note.ts).
 */
const BY_CODE: Record<string, string> = {
  charge_already_refunded: "Stripe says this payment has already been refunded in full.",
  amount_too_large: MORE_THAN_LEFT,
  charge_disputed: "This payment has been disputed, so it can no longer be refunded.",
  charge_not_refundable: "Stripe says this payment cannot be refunded.",
  account_invalid:
    "The seller's Stripe account is no longer connected to the platform, so it cannot be refunded from here.",
};

/**
 * Stripe answers a refund above what is left with no error code, only `param: "amount"` and
 * "Refund amount ($X) is greater than unrefunded amount on charge ($Y)".
 */
function isMoreThanLeft(error: { param?: string; message: string }): boolean {
  return error.param === "amount" && /greater than unrefunded amount on charge/i.test(error.message);
}

export function describeRefundFailure(error: unknown): RefundFailure {
  if (isStripeError(error)) {
    const known = error.code ? BY_CODE[error.code] : isMoreThanLeft(error) ? MORE_THAN_LEFT : undefined;
    if (known) return { message: known, outcomeUnknown: false };
    if (isStripeOutcomeUnknown(error)) {
      return {
        message: "Stripe could not be reached, so the refund was not made. Please try again in a moment.",
        outcomeUnknown: true,
      };
    }
    if (isStripeErrorOf(error, "StripeRateLimitError")) {
      return {
        message: "Stripe is busy right now, so the refund was not made. Please try again in a moment.",
        outcomeUnknown: false,
      };
    }
    if (isStripeErrorOf(error, "StripePermissionError")) {
      return {
        message: "The platform is not allowed to refund on this seller's account.",
        outcomeUnknown: false,
      };
    }
    if (isStripeErrorOf(error, "StripeInvalidRequestError")) {
      return {
        message: "Stripe refused this refund. See the server log for details.",
        outcomeUnknown: false,
      };
    }
  }
  return { message: "The refund could not be sent to Stripe. Please try again.", outcomeUnknown: true };
}
