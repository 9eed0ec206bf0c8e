import type { z } from "zod";
import { env } from "@/lib/env";
import { AppError, errorResponse, fieldErrorsOf } from "@/lib/errors";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a body as text without trusting Content-Length (which can lie or be missing) and stops at
 * `maxBytes`, so an oversized body is refused without being buffered whole.
 */
export async function readBodyText(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number) {
  return new AppError("payload_too_large:body", `Request body must be at most ${maxBytes} bytes.`);
}

/**
 * Parses a JSON body against a schema. An empty body counts as `{}` so routes whose input is optional
 * accept a bare POST. Wrong content type → 415, malformed JSON → 400, invalid fields → 422.
 */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<z.infer<S>> {
  const text = await readBodyText(req, options.maxBytes);
  let value: unknown = {};
  if (text.trim() !== "") {
    const type = req.headers.get("content-type") ?? "";
    if (!type.toLowerCase().startsWith("application/json")) {
      throw new AppError("unsupported_media_type:body", "Send the request body as application/json.");
    }
    try {
      value = JSON.parse(text);
    } catch {
      throw new AppError("bad_request:malformed_json", "The request body is not valid JSON.");
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, "body");
    const first = parsed.error.issues[0];
    throw new AppError(
      "unprocessable:validation",
      first ? `Invalid ${first.path.join(".") || "body"}: ${first.message}` : "Invalid request.",
      { fieldErrors },
    );
  }
  return parsed.data;
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/** Wraps a route handler so every thrown error becomes a safe JSON error response. */
export function route<C = unknown>(name: string, handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (error) {
      return errorResponse(error, name);
    }
  };
}

export function methodNotAllowed(allowed: string[]): () => Response {
  return () =>
    Response.json(
      { error: { code: "method_not_allowed:route", message: `Use ${allowed.join(" or ")}.` } },
      { status: 405, headers: { Allow: allowed.join(", ") } },
    );
}

/**
 * Cross-site request forgery guard for mutating route handlers (Next does the same for server actions):
 * a browser names the page that sent a request in `Origin`, and only our own pages may create accounts
 * or sessions with the user's cookie. A request from a browser (it sends `Sec-Fetch-Site`) without an
 * Origin is refused too; a non-browser client without either carries no ambient cookie to abuse.
 * The webhook route is exempt: it is signed.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  if (origin === null) {
    const site = req.headers.get("sec-fetch-site");
    if (site === null || site === "same-origin" || site === "none") return;
    throw new AppError("forbidden:origin", "This request must come from the site's own pages.");
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError("forbidden:origin", "This request must come from the site's own pages.");
  }
  const own = [
    req.headers.get("x-forwarded-host"),
    req.headers.get("host"),
    new URL(req.url).host,
    new URL(env.APP_URL).host,
  ];
  if (!own.some((h) => h !== null && h.split(",")[0]!.trim().toLowerCase() === host.toLowerCase())) {
    throw new AppError("forbidden:origin", "This request must come from the site's own pages.");
  }
}

/** Auth.js's own choice of cookie: the __Secure- one over https, which it assumes when no protocol is forwarded. */
export function secureCookieFor(requestHeaders: Headers): boolean {
  return (
    (requestHeaders.get("x-forwarded-proto") ?? "https").split(",")[0]!.trim().replace(/:$/, "") === "https"
  );
}
