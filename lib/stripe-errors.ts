/**
 * Recognises errors thrown by the `stripe` SDK without `instanceof`.
 *
 * Why not `instanceof Stripe.errors.X`: a server can hold two copies of the SDK (two bundles of
 * `next dev`, an ESM and a CommonJS load, a client cached on `globalThis` by another bundle). An error
 * made by one copy is not an instance of the other copy's class, and a check that says "not a Stripe
 * error" then misroutes it — webhooks signed with the Connect secret were refused that way. Every
 * stripe-node error carries its class name in `type` (`StripeCardError`, ...) and Stripe's own
 * `type` in `rawType` (`card_error`, ...), whatever copy made it, so this module reads those.
 */

/** The stripe-node error classes the app tells apart (`error.type`). */
export type StripeErrorType =
  | "StripeError"
  | "StripeCardError"
  | "StripeInvalidRequestError"
  | "StripeAPIError"
  | "StripeAuthenticationError"
  | "StripePermissionError"
  | "StripeRateLimitError"
  | "StripeConnectionError"
  | "StripeSignatureVerificationError"
  | "StripeIdempotencyError"
  | "StripeOAuthError"
  | "StripeInvalidGrantError"
  | "StripeInvalidClientError"
  | "StripeOAuthInvalidRequestError"
  | "StripeInvalidScopeError"
  | "StripeUnsupportedGrantTypeError"
  | "StripeUnsupportedResponseTypeError";

/** What every stripe-node error has, read structurally. */
export interface StripeErrorLike extends Error {
  type: StripeErrorType | (string & {});
  rawType?: string;
  code?: string;
  statusCode?: number;
  requestId?: string;
  decline_code?: string;
}

/** An error thrown by any copy of the `stripe` SDK (API, connection, OAuth or signature failure). */
export function isStripeError(error: unknown): error is StripeErrorLike {
  if (typeof error !== "object" || error === null || !(error instanceof Error)) return false;
  const { type } = error as { type?: unknown };
  // StripeError subclasses are named Stripe*; the v2 API's errors carry their own names but always a `raw`.
  return typeof type === "string" && (type.startsWith("Stripe") || "raw" in error);
}

/** Whether `error` is a stripe-node error of one of these classes (subclasses count as their own type only). */
export function isStripeErrorOf(error: unknown, ...types: StripeErrorType[]): error is StripeErrorLike {
  return isStripeError(error) && (types as string[]).includes(error.type);
}

/** Stripe's error `code` (`amount_too_small`, `account_invalid`...), from any SDK copy; undefined otherwise. */
export function stripeErrorCode(error: unknown): string | undefined {
  return isStripeError(error) && typeof error.code === "string" ? error.code : undefined;
}

/**
 * Failures after which the request may still have been applied at Stripe (lost connection, 5xx):
 * only a retry with the same idempotency key, or a lookup, can tell.
 */
export function isStripeOutcomeUnknown(error: unknown): boolean {
  return isStripeErrorOf(error, "StripeConnectionError", "StripeAPIError");
}

/** The parts of an error worth a log line (a StripeError also carries headers and the raw response). */
export function stripeErrorSummary(error: unknown): Record<string, unknown> {
  if (isStripeError(error)) {
    return {
      type: error.type,
      code: error.code,
      statusCode: error.statusCode,
      requestId: error.requestId,
      message: error.message,
    };
  }
  return { error: error instanceof Error ? error.message : String(error) };
}
