/**
 * Routing and authentication for the Stripe REST surface (`/v1/...`, `/oauth/...`).
 * A handler receives an ApiContext — who is calling (key kind), as which account (Stripe-Account header or
 * an OAuth access token), the decoded parameters — and returns a JSON result or throws an ApiError.
 * Handlers are synchronous: the whole state is in memory, so one request is applied atomically.
 */
import type { Emulator } from "./emulator";
import { ApiError, authenticationError } from "./errors";
import type { Params } from "./form";
import type { Uploads } from "./multipart";
import { PLATFORM_ACCOUNT } from "./state";

export interface ApiContext {
  em: Emulator;
  method: string;
  path: string;
  params: Params;
  /** Parts of a multipart body that carried a file (only `POST /v1/files` takes any); null: not multipart. */
  uploads: Uploads | null;
  pathParams: Record<string, string>;
  /** The account whose objects this request sees and creates. */
  account: string;
  /** True when acting as a connected account (Stripe-Account header or OAuth key): a direct charge. */
  connected: boolean;
  keyKind: "secret" | "publishable";
  apiKey: string;
  requestId: string;
}

export interface ApiResult {
  status?: number;
  body: unknown;
  /** Answer with these bytes instead of JSON (a file's contents); `body` is then ignored. */
  file?: { contentType: string; data: Buffer };
}

export type ApiHandler = (ctx: ApiContext) => ApiResult;

interface Route<H> {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: H;
  /** Browser paths that Stripe.js may call with a publishable key (and a client secret). */
  publishable: boolean;
}

/** Method + path pattern (`/v1/payment_intents/:id/confirm`) → handler; generic over the handler kind. */
export class Router<H = ApiHandler> {
  private readonly routes: Array<Route<H>> = [];

  add(method: string, path: string, handler: H, opts: { publishable?: boolean } = {}): this {
    const keys: string[] = [];
    const source = path.replace(/:([a-z_]+)/g, (_m, key: string) => {
      keys.push(key);
      return "([^/]+)";
    });
    this.routes.push({
      method,
      pattern: new RegExp(`^${source}$`),
      keys,
      handler,
      publishable: opts.publishable ?? false,
    });
    return this;
  }

  match(method: string, path: string): { route: Route<H>; pathParams: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const pathParams: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        pathParams[key] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route, pathParams };
    }
    return null;
  }
}

export function unrecognizedUrl(method: string, path: string): ApiError {
  return new ApiError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

function redact(key: string): string {
  return key.length <= 12
    ? key
    : `${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;
}

export interface Caller {
  apiKey: string;
  keyKind: "secret" | "publishable";
  /** Set when the key is an OAuth access token: it acts as that connected account. */
  oauthAccount: string | null;
}

/** Reads `Authorization: Bearer <key>` (or HTTP Basic with the key as user name, which Stripe also accepts). */
export function authenticate(em: Emulator, header: string | undefined): Caller {
  if (!header) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  let key = "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (bearer?.[1]) key = bearer[1];
  else if (basic?.[1]) key = Buffer.from(basic[1], "base64").toString("utf8").split(":")[0] ?? "";
  if (/^(sk|rk)_test_[A-Za-z0-9_]+$/.test(key)) {
    const oauth = Object.entries(em.store.oauthConnections).find(([, c]) => c.access_token === key);
    if (oauth && !oauth[1].authorized)
      throw authenticationError(
        `Expired API Key provided: ${redact(key)}. Application access may have been revoked.`,
      );
    return { apiKey: key, keyKind: "secret", oauthAccount: oauth ? oauth[0] : null };
  }
  if (/^pk_test_[A-Za-z0-9_]+$/.test(key)) return { apiKey: key, keyKind: "publishable", oauthAccount: null };
  throw authenticationError(`Invalid API Key provided: ${redact(key || header)}`);
}

/** Decides which account the request acts as, refusing accounts the platform cannot reach, like Stripe. */
export function resolveAccount(
  em: Emulator,
  caller: Caller,
  stripeAccount: string | undefined,
): { account: string; connected: boolean } {
  const requested = stripeAccount?.trim() || caller.oauthAccount || PLATFORM_ACCOUNT;
  if (requested === PLATFORM_ACCOUNT) return { account: PLATFORM_ACCOUNT, connected: false };
  const exists = em.store.accounts[requested] !== undefined;
  const connection = em.store.oauthConnections[requested];
  if (!exists || (connection && !connection.authorized)) {
    throw new ApiError(403, {
      type: "invalid_request_error",
      code: "account_invalid",
      message: `The provided key '${redact(caller.apiKey)}' does not have access to account '${requested}' (or that account does not exist). Application access may have been revoked.`,
    });
  }
  return { account: requested, connected: true };
}

export function publishableKeyRefused(): ApiError {
  return authenticationError(
    "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
  );
}
