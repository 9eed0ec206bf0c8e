/**
 * Node HTTP plumbing shared by the server and its request handler: reading a bounded body, headers,
 * writing results, and turning any thrown error into a Stripe-shaped (or OAuth-shaped) JSON error.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, OAuthError, type StripeErrorBody } from "./errors";
import type { HttpResult } from "./http";

/** Every body but a file upload: Stripe's parameters are small. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The raw body, or null once it passes `maxBytes` (the rest is read and dropped, so the caller can still
 * answer with an error instead of cutting the connection). Bytes, not text: uploads are binary.
 */
export function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
  res.writeHead(status, { "Content-Type": "application/json", ...extra });
  res.end(text);
}

/** A file's contents (`GET /v1/files/:id/contents`). */
export function sendBinary(
  res: ServerResponse,
  contentType: string,
  data: Buffer,
  extra: Record<string, string> = {},
): void {
  res.writeHead(200, { "Content-Type": contentType, "Content-Length": String(data.length), ...extra });
  res.end(data);
}

export function sendResult(res: ServerResponse, result: HttpResult): void {
  if (result.kind === "json") return sendJson(res, result.status, result.body);
  if (result.kind === "redirect") {
    res.writeHead(result.status, { Location: result.location });
    res.end();
    return;
  }
  if (result.kind === "asset") {
    res.writeHead(200, { "Content-Type": result.contentType, "Cache-Control": "no-store" });
    res.end(result.body);
    return;
  }
  res.writeHead(result.status, { "Content-Type": "text/html; charset=utf-8" });
  res.end(result.body);
}

export function errorBody(err: unknown): { status: number; body: unknown } {
  if (err instanceof ApiError) return { status: err.status, body: { error: err.body } };
  if (err instanceof OAuthError)
    return { status: err.status, body: { error: err.error, error_description: err.description } };
  console.error("stripe emulator: unexpected error", err);
  const body: StripeErrorBody = {
    type: "api_error",
    message: "An unknown error occurred while processing your request.",
  };
  return { status: 500, body: { error: body } };
}
