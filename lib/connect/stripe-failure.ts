import { AppError } from "@/lib/errors";
import {
  isStripeErrorOf,
  isStripeOutcomeUnknown,
  stripeErrorCode,
  stripeErrorSummary,
} from "@/lib/stripe-errors";

/**
 * Stripe's own error messages name parameters, account ids and test-mode tips: they go to the server
 * log, and the seller reads one of these instead. Every Connect call funnels its failures through here.
 */
export function connectStripeFailure(error: unknown, surface: string, what: string): AppError {
  if (error instanceof AppError) return error;
  console.error(`[connect ${surface}] ${what} failed`, stripeErrorSummary(error));
  const code = `stripe:${surface}` as const;
  if (isStripeOutcomeUnknown(error)) {
    return new AppError(
      code,
      "We could not reach Stripe just now. Nothing was changed; please try again in a moment.",
      { cause: error },
    );
  }
  if (isStripeErrorOf(error, "StripeRateLimitError")) {
    return new AppError(code, "Stripe is busy right now. Please try again in a moment.", { cause: error });
  }
  if (isStripeErrorOf(error, "StripeIdempotencyError")) {
    return new AppError(
      `conflict:${surface}`,
      "Your details changed while we were setting up your Stripe account. Please reload the page and try again.",
      { cause: error },
    );
  }
  if (isStripeErrorOf(error, "StripePermissionError") || stripeErrorCode(error) === "account_invalid") {
    return new AppError(
      code,
      "The platform can no longer access this Stripe account. Reconnect it from your dashboard.",
      { cause: error },
    );
  }
  if (isStripeErrorOf(error, "StripeAuthenticationError")) {
    return new AppError(code, "The platform's Stripe configuration is not valid. Please contact support.", {
      cause: error,
    });
  }
  return new AppError(
    code,
    "Stripe could not complete this request. Nothing was changed; please try again or contact support.",
    {
      cause: error,
    },
  );
}
