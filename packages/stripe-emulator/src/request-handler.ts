/**
 * One HTTP request, start to finish: CORS, Request-Id, body decoding, fault injection, then one of
 * - the Stripe REST surface (`/v1/...`, `/oauth/token`, `/oauth/deauthorize`): API key, Stripe-Account,
 *   idempotency, Stripe-shaped errors;
 * - pages and endpoints without API keys (`/oauth/authorize`, `/_emulator/...`, `/js/...`, `/`).
 * Separate from server.ts, which only starts, wires and stops the server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "./emulator";
import { ApiError } from "./errors";
import { parseBody, parseForm, type Params } from "./form";
import type { HttpContext, HttpHandler, HttpResult } from "./http";
import { errorBody, headerValue, readBody, sendBinary, sendJson, sendResult } from "./http-io";
import { idempotencyScope, lookupIdempotent, retryHeaders, storeIdempotent } from "./idempotency";
import { decodeBody, withUploadDigests } from "./multipart";
import { FILE_UPLOAD_MAX_BODY_BYTES, isFileUpload, uploadTooLarge } from "./resources/file-rules";
import {
  authenticate,
  publishableKeyRefused,
  resolveAccount,
  unrecognizedUrl,
  type ApiResult,
  type Router,
} from "./router";
import { API_VERSION, newId } from "./state";

/** `2026-10-28.endive`, `2020-08-27`, optionally with beta flags (`; embedded_connect_beta=v2`). */
const VERSION_FORMAT = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?(;\s*[a-z0-9_]+=v\d+)*$/;

/**
 * The version a request is answered "in": the one it asked for, or the account default (the pinned
 * version) — Stripe names it in the `Stripe-Version` response header. The emulator only speaks the pinned
 * version's shapes whatever the header says; a malformed version is refused like Stripe does.
 */
function requestedVersion(req: IncomingMessage): string {
  const asked = headerValue(req, "stripe-version")?.trim();
  if (!asked) return API_VERSION;
  if (!VERSION_FORMAT.test(asked))
    throw new ApiError(400, {
      type: "invalid_request_error",
      message: `Invalid Stripe API version: ${asked}. See https://stripe.com/docs/api/versioning for the list of API versions.`,
    });
  return asked;
}

/** The answer of a `500` / `500_after` fault: Stripe's generic api_error. */
const FAULT_500 = {
  error: {
    type: "api_error",
    message: "An unknown error occurred while processing your request. (emulator fault)",
  },
};

/**
 * What a page may call across origins: the REST surface (fake Stripe.js confirms with the publishable key)
 * and the fakes' browser endpoints (they act only with a client secret). Hosted pages and `/js/*` are
 * navigations and script loads, which need no CORS. The control API never answers CORS.
 */
const BROWSER_SURFACE = /^\/(v1\/|_emulator\/browser\/)/;
/** The control API: everything under /_emulator/ except what pages and people's browsers reach. */
const CONTROL_PLANE = /^\/_emulator\/(?!(browser|hosted|harness)(\/|$))/;

/** CORS for an allowed app origin on the browser surface only: the origin echoed, never `*`. */
function corsHeaders(em: Emulator, req: IncomingMessage, path: string): Record<string, string> {
  const origin = headerValue(req, "origin");
  if (!origin || !BROWSER_SURFACE.test(path) || !em.options.allowedOrigins.includes(origin)) return {};
  return { "Access-Control-Allow-Origin": origin, ...CORS_HEADERS };
}

const CORS_HEADERS = {
  "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
  "Access-Control-Allow-Headers":
    "Authorization, Content-Type, Stripe-Account, Stripe-Version, Idempotency-Key",
  "Access-Control-Expose-Headers": "Request-Id, Idempotent-Replayed, Stripe-Account, Stripe-Version",
  "Access-Control-Max-Age": "600",
};

function controlKeyMissing(em: Emulator, req: IncomingMessage): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(headerValue(req, "authorization") ?? "")?.[1];
  return given !== em.options.secretKey;
}

export interface RequestHandlerDeps {
  em: Emulator;
  api: Router;
  pages: Router<HttpHandler>;
  /** Holds the connection open, then closes it without an answer (timeout faults). */
  hang: (res: ServerResponse, ms: number) => void;
}

export function createRequestHandler({
  em,
  api,
  pages,
  hang,
}: RequestHandlerDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newId("req", 14);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    res.setHeader("Vary", "Origin");
    for (const [k, v] of Object.entries(corsHeaders(em, req, path))) res.setHeader(k, v);
    res.setHeader("Request-Id", requestId);
    const method = (req.method ?? "GET").toUpperCase();
    if (method === "OPTIONS") {
      res.writeHead(204);
      res.end();
      return;
    }
    if (CONTROL_PLANE.test(path) && controlKeyMissing(em, req))
      return sendJson(res, 401, {
        error: {
          type: "authentication_error",
          message:
            "The emulator's control API needs its secret key: send `Authorization: Bearer <the emulator's sk_test_ key>` (EmulatorClient does).",
        },
      });
    const upload = isFileUpload(method, path);
    const raw = await readBody(req, upload ? FILE_UPLOAD_MAX_BODY_BYTES : undefined);
    if (raw === null) {
      if (upload) return sendJson(res, 413, { error: uploadTooLarge() });
      return sendJson(res, 400, {
        error: { type: "invalid_request_error", message: "Request body too large." },
      });
    }
    em.tick();

    // Faults apply to what the app and browser call, never to the control API (it must stay usable).
    const fault = CONTROL_PLANE.test(path)
      ? null
      : em.faults.take(method, path, headerValue(req, "stripe-account"));
    if (fault?.kind === "drop") return void req.socket.destroy();
    if (fault?.kind === "timeout") return hang(res, fault.timeoutMs ?? em.options.faultTimeoutMs);
    if (fault?.kind === "500") return sendJson(res, 500, FAULT_500);
    if (fault?.kind === "429")
      return sendJson(res, 429, {
        error: {
          type: "invalid_request_error",
          code: "rate_limit",
          message:
            "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits. (emulator fault)",
        },
      });
    const lostAfter = fault?.kind === "timeout_after" ? (fault.timeoutMs ?? em.options.faultTimeoutMs) : null;
    const failAfter = fault?.kind === "500_after";

    const isApi = path.startsWith("/v1/") || path === "/oauth/token" || path === "/oauth/deauthorize";
    if (isApi) {
      const { status, body, headers, file } = runApi(method, url, req, raw, requestId, failAfter);
      if (method !== "GET") em.changed();
      if (lostAfter !== null) return hang(res, lostAfter);
      if (file) return sendBinary(res, file.contentType, file.data, headers);
      return sendJson(res, status, body, headers);
    }

    let result: HttpResult;
    try {
      const match = pages.match(method, path);
      if (!match) throw unrecognizedUrl(method, path);
      const params: Params = {
        ...parseForm(url.search.slice(1)),
        ...parseBody(headerValue(req, "content-type"), raw.toString("utf8")),
      };
      const ctx: HttpContext = {
        em,
        method,
        url,
        path,
        params,
        pathParams: match.pathParams,
        headers: req.headers,
        requestId,
      };
      result = await match.route.handler(ctx);
    } catch (err) {
      const { status, body } = errorBody(err);
      result = { kind: "json", status, body };
    }
    if (method !== "GET") em.changed();
    if (lostAfter !== null) return hang(res, lostAfter);
    if (failAfter) return sendJson(res, 500, FAULT_500);
    sendResult(res, result);
  }

  function runApi(
    method: string,
    url: URL,
    req: IncomingMessage,
    raw: Buffer,
    requestId: string,
    failAfterExecuting: boolean,
  ): { status: number; body: unknown; headers: Record<string, string>; file?: ApiResult["file"] } {
    const idemKey = method === "POST" ? headerValue(req, "idempotency-key") : undefined;
    let scope: string | null = null;
    let began = false;
    /** What the idempotency key compares: the parameters and a digest of any uploaded file. */
    let signed: Params = {};
    const versionHeader: Record<string, string> = { "Stripe-Version": API_VERSION };
    try {
      const match = api.match(method, url.pathname);
      const caller = authenticate(em, headerValue(req, "authorization"));
      versionHeader["Stripe-Version"] = requestedVersion(req);
      if (!match) throw unrecognizedUrl(method, url.pathname);
      if (caller.keyKind === "publishable" && !match.route.publishable) throw publishableKeyRefused();
      const { account, connected } = resolveAccount(em, caller, headerValue(req, "stripe-account"));
      const { params, uploads } =
        method === "POST"
          ? decodeBody(headerValue(req, "content-type"), raw)
          : { params: parseForm(url.search.slice(1)), uploads: null };
      signed = withUploadDigests(params, uploads);
      if (idemKey) {
        scope = idempotencyScope(caller.apiKey, account, idemKey);
        const previous = lookupIdempotent(em, scope, idemKey, method, url.pathname, signed);
        if (previous)
          return {
            status: previous.status,
            body: previous.body,
            headers: {
              ...versionHeader,
              ...retryHeaders(previous.status),
              "Idempotent-Replayed": "true",
              "Idempotency-Key": idemKey,
            },
          };
      }
      em.currentRequest = { id: requestId, idempotency_key: idemKey ?? null };
      let result: ApiResult;
      began = true;
      try {
        result = match.route.handler({
          em,
          method,
          path: url.pathname,
          params,
          uploads,
          pathParams: match.pathParams,
          account,
          connected,
          keyKind: caller.keyKind,
          apiKey: caller.apiKey,
          requestId,
        });
      } finally {
        em.currentRequest = null;
      }
      // A `500_after` fault: the endpoint ran (its effects stay), then failed — Stripe's stored 500.
      const status = failAfterExecuting ? 500 : (result.status ?? 200);
      const text = JSON.stringify(failAfterExecuting ? FAULT_500 : result.body, null, 2);
      if (scope) storeIdempotent(em, scope, method, url.pathname, signed, status, text);
      return {
        status,
        body: text,
        headers: {
          ...versionHeader,
          ...(scope ? retryHeaders(status) : {}),
          ...(idemKey ? { "Idempotency-Key": idemKey } : {}),
        },
        ...(result.file && !failAfterExecuting ? { file: result.file } : {}),
      };
    } catch (err) {
      const { status, body } = errorBody(err);
      const text = JSON.stringify(body, null, 2);
      // Only an endpoint that began executing leaves a result under the key (a declined card stays
      // declined on replay, a 500 stays a 500); storeIdempotent drops validation refusals. Refusals
      // before the endpoint — auth, routing, the key's own idempotency_error — are never stored.
      if (scope && began) storeIdempotent(em, scope, method, url.pathname, signed, status, text);
      return {
        status,
        body: text,
        headers: { ...versionHeader, ...(scope && began ? retryHeaders(status) : {}) },
      };
    }
  }

  return handle;
}
