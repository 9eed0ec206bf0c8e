import type { z } from "zod";

/**
 * The one error type the app throws on purpose. Codes read "<kind>:<surface>", e.g.
 * "forbidden:account_session"; the kind decides the HTTP status.
 * Internal and Stripe errors are logged and answered with a generic message — never echoed raw.
 */
export type ErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "method_not_allowed"
  | "unprocessable"
  | "rate_limited"
  | "payment_failed"
  | "stripe"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  payment_failed: 402,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  stripe: 502,
  unavailable: 503,
  internal: 500,
};

export type ErrorCode = `${ErrorKind}:${string}`;

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: ErrorCode;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; fieldErrors?: Record<string, string[]> },
  ) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.kind = code.split(":")[0] as ErrorKind;
    this.fieldErrors = options?.fieldErrors;
  }

  get status(): number {
    return STATUS[this.kind];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }

  toResponse(init?: ResponseInit): Response {
    return Response.json(this.toJSON(), { ...init, status: this.status });
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Turns anything thrown into a safe response: AppErrors as they are, everything else a logged 500. */
export function errorResponse(error: unknown, context = "request"): Response {
  if (isAppError(error)) return error.toResponse();
  console.error(`[${context}] unexpected error`, error);
  return new AppError(
    "internal:unexpected",
    "Something went wrong on our side. Please try again.",
  ).toResponse();
}

/** A user-facing message for an error, safe to show in a form. */
export function publicMessage(error: unknown): string {
  if (isAppError(error)) return error.message;
  return "Something went wrong on our side. Please try again.";
}

/**
 * A zod refusal as the field errors every form and API answer carries: messages by field path
 * ("amount", "items.0.qty"); issues about the whole input go under `rootKey`.
 */
export function fieldErrorsOf(error: z.ZodError, rootKey = "form"): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join(".") || rootKey] ??= []).push(issue.message);
  return fieldErrors;
}
