import { AppError, type ErrorCode } from "@/lib/errors";
import { WORDS } from "./stripe-error-words";

/**
 * The one home of Stripe errors: recognising them (below), and translating them for every surface
 * that calls Stripe (`stripeFailure`, further down).
 *
 * Recognition reads fields, not `instanceof Stripe.errors.X`, because a server can hold two copies of
 * the SDK (two bundles of `next dev`, an ESM and a CommonJS load, a client cached on `globalThis` by
 * another bundle). An error made by one copy is not an instance of the other copy's class, and a check
 * that says "not a Stripe error" then misroutes it — webhooks signed with the Connect secret were
 * refused that way. Every stripe-node error carries its class name in `type` (`StripeCardError`, ...)
 * and Stripe's own `type` in `rawType` (`card_error`, ...), whatever copy made it.
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

/*
 * What the user reads when a Stripe call fails. Stripe's own messages name parameters, account ids and
 * test-mode tips ("use 4000 0000 0000 0077…"): they go to the server log, once, here; the page shows
 * one of the sentences below. Every surface that calls Stripe throws what `stripeFailure` returns.
 */

/** Connect calls a seller makes, each its own AppError surface (`stripe:login_link`...). */
export type ConnectSurface =
  | "connect_account"
  | "account_status"
  | "account_link"
  | "login_link"
  | "account_session"
  | "oauth_disconnect";

export type StripeSurface =
  "checkout" | "refund" | "dispute" | "dispute_file" | "capture" | "wallet" | ConnectSurface;

/** What went wrong, whatever the surface. */
export type Failure =
  | "unreachable" // connection lost or Stripe 5xx: the request may have been applied
  | "busy" // 429: Stripe did not run it
  | "key_reused" // the idempotency key's first request (which may have been applied) had other parameters
  | "no_access" // the platform lost its permission on the connected account
  | "bad_platform_key" // our API key is wrong: nothing reached the account
  | "refused" // a definite 4xx refusal with no code this surface words itself
  | "unrecognised"; // not Stripe's, or a class we do not tell apart: nobody can say what happened

/** Failures after which only a lookup (or a retry with the same key) tells whether Stripe acted. */
const OUTCOME_UNKNOWN: ReadonlySet<Failure> = new Set(["unreachable", "key_reused", "unrecognised"]);

function failureOf(error: unknown): Failure {
  if (isStripeOutcomeUnknown(error)) return "unreachable";
  if (isStripeErrorOf(error, "StripeRateLimitError")) return "busy";
  if (isStripeErrorOf(error, "StripeIdempotencyError")) return "key_reused";
  if (isStripeErrorOf(error, "StripePermissionError")) return "no_access";
  if (isStripeErrorOf(error, "StripeAuthenticationError")) return "bad_platform_key";
  if (isStripeErrorOf(error, "StripeInvalidRequestError")) return "refused";
  return "unrecognised";
}

/**
 * Stripe's code, or the one it should have sent: a refund above what is left comes back with no code,
 * only `param: "amount"` and "Refund amount ($X) is greater than unrefunded amount on charge ($Y)".
 */
function codeOf(error: unknown): string | undefined {
  const code = stripeErrorCode(error);
  if (code || !isStripeError(error)) return code;
  const { param } = error as { param?: unknown };
  return param === "amount" && /greater than unrefunded amount on charge/i.test(error.message)
    ? "amount_too_large"
    : undefined;
}

export class StripeFailure extends AppError {
  /** Stripe may have applied the request (the answer was lost): look before calling it failed. */
  readonly outcomeUnknown: boolean;

  constructor(code: ErrorCode, message: string, outcomeUnknown: boolean, cause: unknown) {
    super(code, message, { cause });
    this.outcomeUnknown = outcomeUnknown;
  }
}

/** Logs why `what` failed on `surface` and returns what to throw: the surface's words, never Stripe's. */
export function stripeFailure(error: unknown, surface: StripeSurface, what: string): StripeFailure {
  logStripeFailure(`${surface}: ${what}`, error);
  const table = WORDS[surface];
  const failure = failureOf(error);
  const code = codeOf(error);
  const words = (code ? table.codes?.[code] : undefined) ?? table.failures?.[failure] ?? table.otherwise;
  return new StripeFailure(
    `${words.kind}:${words.as ?? surface}`,
    words.message,
    OUTCOME_UNKNOWN.has(failure),
    error,
  );
}

/** The one log line of a failed Stripe call, also for calls whose failure is tolerated (clean-ups). */
export function logStripeFailure(what: string, error: unknown): void {
  console.error(`[stripe] ${what} failed`, stripeErrorSummary(error));
}
