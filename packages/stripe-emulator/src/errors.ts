/**
 * Stripe-shaped errors. Every rule the emulator enforces fails by throwing an ApiError; the server turns it
 * into `{ error: {...} }` with the status Stripe uses, so the SDK raises the same error class it would
 * against api.stripe.com (StripeInvalidRequestError for 400/404, StripeCardError for 402, ...).
 */
import type Stripe from "stripe";

export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  charge?: string;
  payment_intent?: Stripe.PaymentIntent;
  setup_intent?: Stripe.SetupIntent;
  payment_method?: Stripe.PaymentMethod | { id: string; object: "payment_method"; type: string };
  doc_url?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

/** Stripe's page for an error code: `parameter_unknown` → https://stripe.com/docs/error-codes/parameter-unknown. */
export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll("_", "-")}`;
}

/**
 * The codes Stripe gives its own standard parameter messages, so a call site that words the message the
 * Stripe way ("Received unknown parameter: x", "Missing required param: x.") gets the code without naming it.
 */
const CODE_BY_MESSAGE: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Received unknown parameter/, "parameter_unknown"],
  [/^Missing required param/, "parameter_missing"],
];

/**
 * 400 invalid_request_error, the catch-all for bad parameters. With a code (given, or read from Stripe's
 * standard wording) the error also carries Stripe's `doc_url` for it.
 */
export function invalidRequest(message: string, param?: string, code?: string): ApiError {
  const resolved = code ?? CODE_BY_MESSAGE.find(([pattern]) => pattern.test(message))?.[1];
  return new ApiError(400, {
    type: "invalid_request_error",
    message,
    ...(param !== undefined ? { param } : {}),
    ...(resolved !== undefined ? { code: resolved, doc_url: docUrl(resolved) } : {}),
  });
}

/** `Received unknown parameter: x` (parameter_unknown), Stripe's answer to a name the endpoint does not take. */
export function unknownParameter(param: string): ApiError {
  return invalidRequest(`Received unknown parameter: ${param}`, param, "parameter_unknown");
}

/** `Missing required param: x.` (parameter_missing). */
export function missingParameter(param: string): ApiError {
  return invalidRequest(`Missing required param: ${param}.`, param, "parameter_missing");
}

/**
 * "No such X" — 404 when the object is the URL's subject, 400 when it is named by a parameter
 * (Stripe answers `POST /v1/refunds {charge: ch_missing}` with a 400 carrying `param: "charge"`).
 */
export function resourceMissing(kind: string, id: string, param: string, status: 400 | 404 = 404): ApiError {
  return new ApiError(status, {
    type: "invalid_request_error",
    code: "resource_missing",
    param,
    message: `No such ${kind}: '${id}'`,
    doc_url: docUrl("resource_missing"),
  });
}

/**
 * 400 for something Stripe has but the emulator does not do, `code: "emulator_unsupported"` (as the fake
 * Stripe.js answers), so the caller learns it is the emulator's limit and not a Stripe rule.
 */
export function emulatorUnsupported(message: string, param?: string): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    code: "emulator_unsupported",
    message: `The Stripe emulator does not support ${message}`,
    ...(param !== undefined ? { param } : {}),
  });
}

export function authenticationError(message: string): ApiError {
  return new ApiError(401, { type: "invalid_request_error", message });
}

/** OAuth endpoints use the older `{error, error_description}` shape; the SDK maps it to StripeOAuthError. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}
