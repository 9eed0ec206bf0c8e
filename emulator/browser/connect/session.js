/*
 * The "connector" shared by every component of one StripeConnect.init() instance: it owns the
 * Account Session client secret (from fetchClientSecret, cached per instance), claims it with the
 * emulator and makes the component API calls. Part of the fake Connect.js bundle.
 */

const CONNECT_API_ORIGIN = emuFindApiOrigin("/js/connect.js");

/** An error shaped like Connect.js' EmbeddedError ({ type, message }) plus the emulator's code. */
function embeddedError(type, message, code) {
  const err = new Error(message);
  err.type = type;
  err.code = code;
  return err;
}

function toEmbeddedError(apiError, status) {
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

function createConnector(params) {
  const listeners = new Set();
  const eager = params.metaOptions && params.metaOptions.eagerClientSecretPromise;
  let secretPromise = eager && typeof eager.then === "function" ? Promise.resolve(eager) : null;
  let sessionPromise = null;

  const connector = {
    origin: CONNECT_API_ORIGIN,
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
          let value;
          try {
            value = await params.fetchClientSecret();
          } catch (err) {
            throw embeddedError(
              "account_session_create_error",
              `fetchClientSecret failed: ${(err && err.message) || err}`,
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

    /** { secret, account, components, expires_at }: the claimed Account Session (cached). */
    session() {
      if (connector.loggedOut)
        return Promise.reject(
          embeddedError("authentication_error", "You have been logged out of this session."),
        );
      if (!sessionPromise) {
        sessionPromise = (async () => {
          const secret = await connector.secret();
          const res = await emuRequest(
            CONNECT_API_ORIGIN,
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
    async api(method, path, component, payload, source) {
      const call = async () => {
        const session = await connector.session();
        const base = { client_secret: session.secret, component };
        return emuRequest(CONNECT_API_ORIGIN, method, path, {
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

    async logout() {
      connector.loggedOut = true;
      connector.refresh();
      connector.notify("logout");
    },
  };
  return connector;
}

/** Stripe list objects or plain arrays → array. */
function listData(value) {
  if (Array.isArray(value)) return value;
  return (value && Array.isArray(value.data) && value.data) || [];
}
