/*
 * Shared helpers for the emulator's fake Stripe.js and Connect.js.
 *
 * Not a standalone script: serve.ts concatenates this file with the parts of one bundle inside a
 * single IIFE, so every top-level declaration here is private to that bundle.
 */

/** Origin of the emulator, taken from this script's own <script src> (like js.stripe.com knows itself). */
function emuFindApiOrigin(scriptPathSuffix) {
  const current = document.currentScript;
  if (current && current.src) {
    try {
      return new URL(current.src).origin;
    } catch (_) {
      /* fall through */
    }
  }
  const scripts = document.querySelectorAll("script[src]");
  for (let i = scripts.length - 1; i >= 0; i--) {
    const src = scripts[i].src;
    if (src && src.split("?")[0].endsWith(scriptPathSuffix)) {
      try {
        return new URL(src).origin;
      } catch (_) {
        /* keep looking */
      }
    }
  }
  return "http://127.0.0.1:12111";
}

/** Stripe's form encoding: nested objects and arrays become bracketed keys (a[b][0]=c). */
function emuFormEncode(params) {
  const pairs = [];
  const walk = (value, prefix) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${prefix}[${i}]`));
    } else if (typeof value === "object") {
      for (const key of Object.keys(value)) walk(value[key], prefix ? `${prefix}[${key}]` : key);
    } else {
      pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(String(value))}`);
    }
  };
  walk(params, "");
  return pairs.join("&");
}

function emuConnectionError() {
  return {
    type: "api_connection_error",
    message:
      "An error occurred with our connection to Stripe. (The Stripe emulator did not answer: is `npm run emulator` running?)",
  };
}

/**
 * fetch() against the emulator. Resolves { ok, status, body }; a network failure resolves with
 * status 0 and a Stripe-shaped api_connection_error so callers can surface it like Stripe.js does.
 */
async function emuRequest(origin, method, path, opts) {
  const options = opts || {};
  const headers = Object.assign({}, options.headers || {});
  let url = origin + path;
  let body;
  if (options.query) {
    const qs = emuFormEncode(options.query);
    if (qs) url += (url.includes("?") ? "&" : "?") + qs;
  }
  if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = emuFormEncode(options.form);
  } else if (options.json) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body, mode: "cors", credentials: "omit" });
  } catch (_) {
    return { ok: false, status: 0, body: { error: emuConnectionError() } };
  }
  let parsed = null;
  try {
    parsed = await response.json();
  } catch (_) {
    parsed = null;
  }
  if (!response.ok && !(parsed && parsed.error)) {
    parsed = {
      error: {
        type: response.status >= 500 ? "api_error" : "invalid_request_error",
        message: `The Stripe emulator answered ${response.status} ${response.statusText || ""}`.trim(),
      },
    };
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

const EMU_ZERO_DECIMAL = [
  "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
];

/** Formats a Stripe amount (minor units) for display. */
function emuFormatMoney(amount, currency) {
  const cur = String(currency || "usd").toLowerCase();
  const value = EMU_ZERO_DECIMAL.includes(cur) ? amount : amount / 100;
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: cur.toUpperCase() }).format(value);
  } catch (_) {
    return `${value} ${cur.toUpperCase()}`;
  }
}

function emuFormatDate(unixSeconds) {
  if (!unixSeconds) return "—";
  return new Date(unixSeconds * 1000).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

/**
 * Tiny DOM builder: h("button", { type: "button", onclick: fn, class: "x" }, "text", child).
 * Attributes whose value is false/null/undefined are skipped; on* keys become listeners.
 */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const key of Object.keys(attrs)) {
      const value = attrs[key];
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
      else if (key === "value") el.value = value;
      else if (key === "checked") el.checked = Boolean(value);
      else if (key === "style" && typeof value === "object") Object.assign(el.style, value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return el;
}

let emuIdCounter = 0;
/** Unique ids for label/input pairs (several Elements may share a document). */
function emuUid(prefix) {
  emuIdCounter += 1;
  return `${prefix}-${emuIdCounter}-${Math.random().toString(36).slice(2, 7)}`;
}

/** A minimal event emitter with Stripe.js' on/off/once semantics. */
function emuEmitter() {
  const listeners = new Map();
  return {
    on(event, handler) {
      if (typeof handler !== "function") return;
      if (!listeners.has(event)) listeners.set(event, []);
      listeners.get(event).push(handler);
    },
    once(event, handler) {
      const wrapped = (payload) => {
        this.off(event, wrapped);
        handler(payload);
      };
      this.on(event, wrapped);
    },
    off(event, handler) {
      if (!listeners.has(event)) return;
      if (!handler) listeners.delete(event);
      else listeners.set(event, listeners.get(event).filter((h) => h !== handler));
    },
    emit(event, payload) {
      for (const handler of (listeners.get(event) || []).slice()) {
        try {
          handler(payload);
        } catch (err) {
          setTimeout(() => {
            throw err;
          });
        }
      }
    },
  };
}

/** CSS custom properties from appearance.variables (the subset both fakes honour). */
function emuAppearanceVars(appearance) {
  const v = (appearance && appearance.variables) || {};
  const night = appearance && appearance.theme === "night";
  return {
    "--emu-color-primary": v.colorPrimary || "#635bff",
    "--emu-color-background": v.colorBackground || (night ? "#30313d" : "#ffffff"),
    "--emu-color-text": v.colorText || (night ? "#ffffff" : "#30313d"),
    "--emu-color-secondary-text": v.colorSecondaryText || (night ? "#c3c6d1" : "#6a7383"),
    "--emu-color-danger": v.colorDanger || "#df1b41",
    "--emu-color-border": v.colorBorder || (night ? "#5c5f6e" : "#d5dbe1"),
    "--emu-border-radius": v.borderRadius || "6px",
    "--emu-button-radius": v.buttonBorderRadius || v.borderRadius || "6px",
    "--emu-font-family":
      v.fontFamily || '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Ubuntu, sans-serif',
    "--emu-font-size": v.fontSizeBase || "16px",
    "--emu-spacing": v.spacingUnit || "4px",
    "--emu-button-bg": v.buttonPrimaryColorBackground || v.colorPrimary || "#635bff",
    "--emu-button-text": v.buttonPrimaryColorText || "#ffffff",
  };
}

function emuApplyVars(el, appearance) {
  const vars = emuAppearanceVars(appearance);
  for (const key of Object.keys(vars)) el.style.setProperty(key, vars[key]);
}

/** A badge that makes it obvious this is the offline stand-in, not Stripe. */
function emuTestModeBadge(text) {
  return h("span", { class: "emu-badge", title: "Served by the local Stripe emulator" }, text);
}
