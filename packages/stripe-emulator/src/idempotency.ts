/**
 * Idempotency keys, with Stripe's rules:
 * - scoped per API key and per account (the same key under two Stripe-Account headers is two keys);
 * - same key + same endpoint + same parameters → the first response replayed, `Idempotent-Replayed: true`;
 * - same key with other parameters or another endpoint → 400 `idempotency_error`;
 * - results are kept 24 hours (on the emulator clock), and only when the endpoint began executing
 *   (docs.stripe.com/api/idempotent_requests): a request refused by validation (a 4xx other than a 402
 *   card error: bad or missing parameters, wrong state, ...) is not stored, so retrying the same key with
 *   corrected parameters runs it; a 402 decline and a 500 from an endpoint that began executing ARE stored
 *   and replayed (a stored 500 comes back with `Stripe-Should-Retry: false`: the same key cannot succeed).
 */
import { createHash } from "node:crypto";
import type { Emulator } from "./emulator";
import { ApiError } from "./errors";
import { canonical, type Params } from "./form";
import type { IdempotencyRecord } from "./state";

const RETENTION_SECONDS = 24 * 60 * 60;

export function idempotencyScope(apiKey: string, account: string, key: string): string {
  // Hash the API key: snapshots should not contain it verbatim.
  const keyHash = createHash("sha256").update(apiKey).digest("hex").slice(0, 16);
  return `${keyHash}:${account}:${key}`;
}

export function fingerprint(params: Params): string {
  return createHash("sha256").update(canonical(params)).digest("hex");
}

/** Returns the stored response to replay, null when the key is new; throws on misuse. */
export function lookupIdempotent(
  em: Emulator,
  scope: string,
  key: string,
  method: string,
  path: string,
  params: Params,
): IdempotencyRecord | null {
  const record = em.store.idempotency[scope];
  if (!record) return null;
  if (record.method !== method || record.path !== path || record.fingerprint !== fingerprint(params)) {
    throw new ApiError(400, {
      type: "idempotency_error",
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  return record;
}

/**
 * Whether an endpoint's answer is kept under its key. Only called for answers of a handler that ran;
 * refusals before it (authentication, routing, the key's own idempotency_error) are never stored.
 */
export function storesResult(status: number): boolean {
  return status < 400 || status === 402 || status >= 500;
}

/** A stored 500: Stripe tells clients that retrying this key cannot help (stripe-node then stops retrying). */
export function retryHeaders(status: number): Record<string, string> {
  return status >= 500 ? { "Stripe-Should-Retry": "false" } : {};
}

export function storeIdempotent(
  em: Emulator,
  scope: string,
  method: string,
  path: string,
  params: Params,
  status: number,
  body: string,
): void {
  if (!storesResult(status)) return;
  em.store.idempotency[scope] = {
    method,
    path,
    fingerprint: fingerprint(params),
    status,
    body,
    created: em.now(),
  };
}

export function pruneIdempotency(em: Emulator): void {
  const cutoff = em.now() - RETENTION_SECONDS;
  for (const [scope, record] of Object.entries(em.store.idempotency)) {
    if (record.created < cutoff) delete em.store.idempotency[scope];
  }
}
