/*
 * The "connector" shared by every component of one StripeConnect.init() instance: it owns the
 * Account Session client secret (from fetchClientSecret, cached per instance), claims it with the
 * emulator and makes the component API calls. Part of the fake Connect.js bundle.
 */
import type { EmbeddedErrorType } from "@stripe/connect-js/pure";
import type { StripeError } from "@stripe/stripe-js";
import { describeError, emuRequest, isRecord } from "../common";
import type {
  ClaimedSession,
  ConnectInitParams,
  Connector,
  ConnectorListener,
  EmbeddedError,
  ListOf,
} from "./types";

/** An error shaped like Connect.js' EmbeddedError ({ type, message }) plus the emulator's code. */
export function embeddedError(type: EmbeddedErrorType, message: string, code?: string): EmbeddedError {
  return Object.assign(new Error(message), { type, code });
}

/** Anything thrown with a `type` is reported as it is (as Connect.js reports EmbeddedErrors). */
export function isEmbeddedError(err: unknown): err is EmbeddedError {
  return isRecord(err) && Boolean(err.type);
}

function toEmbeddedError(apiError: Partial<StripeError> | undefined, status: number): EmbeddedError {
  const e = apiError || {};
  if (status === 0 || e.type === "api_connection_error")
    return embeddedError("api_connection_error", e.message || "Network error", e.code);
  if (e.code === "account_session_expired") {
    return embeddedError(
      "authentication_error",
      e.message || "The Account Session has expired. Create a new one and try again.",
      e.code,
    );
  }
  if (e.code === "resource_missing" && status === 400) {
    return embeddedError(
      "authentication_error",
      e.message || "The Account Session client secret is invalid.",
      e.code,
    );
  }
  if (status === 429 || e.type === "rate_limit_error")
    return embeddedError("rate_limit_error", e.message || "Too many requests", e.code);
  if (status >= 500 || e.type === "api_error")
    return embeddedError("api_error", e.message || "The Stripe emulator failed", e.code);
  return embeddedError("invalid_request_error", e.message || `Request failed (${status})`, e.code);
}

export function createConnector(params: ConnectInitParams, origin: string): Connector {
  const listeners = new Set<ConnectorListener>();
  const eager = params.metaOptions && params.metaOptions.eagerClientSecretPromise;
  let secretPromise: Promise<string> | null =
    eager && typeof eager.then === "function" ? Promise.resolve(eager) : null;
  let sessionPromise: Promise<ClaimedSession> | null = null;

  const connector: Connector = {
    origin,
    publishableKey: params.publishableKey,
    appearance: params.appearance || {},
    locale: params.locale || undefined,
    loggedOut: false,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify(kind, source) {
      for (const l of Array.from(listeners)) {
        try {
          l(kind, source);
        } catch (err) {
          setTimeout(() => {
            throw err;
          });
        }
      }
    },

    secret() {
      if (!secretPromise) {
        secretPromise = (async () => {
          let value: unknown;
          try {
            value = await params.fetchClientSecret();
          } catch (err) {
            throw embeddedError(
              "account_session_create_error",
              `fetchClientSecret failed: ${describeError(err)}`,
            );
          }
          if (typeof value !== "string" || !value) {
            throw embeddedError(
              "account_session_create_error",
              "fetchClientSecret must resolve to an Account Session client_secret string.",
            );
          }
          return value;
        })();
      }
      const current = secretPromise;
      // A failed fetch is not cached: the next component load asks again.
      current.catch(() => {
        if (secretPromise === current) secretPromise = null;
      });
      return current;
    },

    /** The claimed Account Session (cached). */
    session() {
      if (connector.loggedOut)
        return Promise.reject(
          embeddedError("authentication_error", "You have been logged out of this session."),
        );
      if (!sessionPromise) {
        sessionPromise = (async () => {
          const secret = await connector.secret();
          const res = await emuRequest<Omit<ClaimedSession, "secret">>(
            origin,
            "POST",
            "/_emulator/browser/account_sessions/claim",
            {
              headers: { Authorization: `Bearer ${connector.publishableKey}` },
              json: { client_secret: secret },
            },
          );
          if (!res.ok) throw toEmbeddedError(res.body && res.body.error, res.status);
          return Object.assign({ secret }, res.body);
        })();
      }
      const current = sessionPromise;
      current.catch(() => {
        if (sessionPromise === current) sessionPromise = null;
      });
      return current;
    },

    /** Forgets the secret so the next session() calls fetchClientSecret again (expired session). */
    refresh() {
      secretPromise = null;
      sessionPromise = null;
    },

    /**
     * A component API call. An expired session is refreshed once through fetchClientSecret, as
     * Connect.js does when a long-lived page outlives its Account Session. After a successful
     * change the other components of this instance refresh (e.g. the banner after onboarding).
     */
    async api<T>(
      method: "GET" | "POST",
      path: string,
      component: string,
      payload: Record<string, unknown> | undefined,
      source: unknown,
    ): Promise<T> {
      const call = async () => {
        const session = await connector.session();
        const base = { client_secret: session.secret, component };
        return emuRequest<T>(origin, method, path, {
          headers: { Authorization: `Bearer ${connector.publishableKey}` },
          query: method === "GET" ? Object.assign(base, payload || {}) : undefined,
          json: method === "GET" ? undefined : Object.assign(base, payload || {}),
        });
      };
      let res = await call();
      if (!res.ok && res.body && res.body.error && res.body.error.code === "account_session_expired") {
        connector.refresh();
        res = await call();
      }
      if (!res.ok) throw toEmbeddedError(res.body && res.body.error, res.status);
      if (method !== "GET") connector.notify("data", source);
      return res.body;
    },

    update(options) {
      const opts = options || {};
      if (opts.appearance) {
        connector.appearance = Object.assign({}, connector.appearance, opts.appearance, {
          variables: Object.assign({}, connector.appearance.variables || {}, opts.appearance.variables || {}),
        });
      }
      if (opts.locale) connector.locale = opts.locale;
      connector.notify("update");
    },

    logout() {
      connector.loggedOut = true;
      connector.refresh();
      connector.notify("logout");
      return Promise.resolve();
    },
  };
  return connector;
}

/** Stripe list objects or plain arrays → array. */
export function listData<T>(value: ListOf<T> | null | undefined): T[] {
  if (Array.isArray(value)) return value;
  return (value && Array.isArray(value.data) && value.data) || [];
}
