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
  payment_method?: { id: string; object: "payment_method"; type: string };
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

/** 400 invalid_request_error, the catch-all for bad parameters. */
export function invalidRequest(message: string, param?: string, code?: string): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    message,
    ...(param !== undefined ? { param } : {}),
    ...(code !== undefined ? { code } : {}),
  });
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
    doc_url: "https://stripe.com/docs/error-codes/resource-missing",
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
