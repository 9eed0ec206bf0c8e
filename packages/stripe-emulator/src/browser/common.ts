/*
 * Shared helpers for the emulator's fake Stripe.js and Connect.js (both bundles import this module).
 *
 * Importing it has no side effects: nothing here touches `window` or `document` until called, so the
 * entry modules (stripe/index.ts, connect/index.ts) decide whether anything runs at all.
 */
import type { StripeError } from "@stripe/stripe-js";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function isCallable(value: unknown): value is (payload: unknown) => void {
  return typeof value === "function";
}

/** `err.message` when there is one (thrown values are normally Errors). */
export function messageOf(err: unknown): string | undefined {
  const message = isRecord(err) ? err.message : undefined;
  return typeof message === "string" ? message : undefined;
}

/** `${(err && err.message) || err}`: an error's message, else the thrown value itself. */
export function describeError(err: unknown): string {
  return String((isRecord(err) && err.message) || err);
}

/**
 * Origin of the emulator, taken from this script's own <script src> (like js.stripe.com knows itself).
 * Call it while the bundle's top level runs: `document.currentScript` is set then, also for a classic
 * script that the app inserted dynamically; otherwise the last `script[src$=suffix]` on the page wins.
 */
export function findApiOrigin(scriptPathSuffix: string): string {
  const current = document.currentScript;
  if (current && "src" in current && current.src) {
    try {
      return new URL(current.src).origin;
    } catch {
      /* fall through */
    }
  }
  const scripts = document.querySelectorAll<HTMLScriptElement>("script[src]");
  for (let i = scripts.length - 1; i >= 0; i--) {
    const src = scripts[i]?.src;
    if (src && (src.split("?")[0] ?? "").endsWith(scriptPathSuffix)) {
      try {
        return new URL(src).origin;
      } catch {
        /* keep looking */
      }
    }
  }
  return "http://127.0.0.1:12111";
}

/** Stripe's form encoding: nested objects and arrays become bracketed keys (a[b][0]=c). */
export function formEncode(params: unknown): string {
  const pairs: string[] = [];
  const walk = (value: unknown, prefix: string): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      (value as unknown[]).forEach((item, i) => walk(item, `${prefix}[${i}]`));
    } else if (isRecord(value)) {
      for (const key of Object.keys(value)) walk(value[key], prefix ? `${prefix}[${key}]` : key);
    } else if (typeof value === "symbol" || typeof value === "function") {
      pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(value.toString())}`);
    } else if (
      typeof value === "string" ||
      typeof value === "number" ||
      typeof value === "boolean" ||
      typeof value === "bigint"
    ) {
      pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(String(value))}`);
    }
  };
  walk(params, "");
  return pairs.join("&");
}

function connectionError(): StripeError {
  return {
    type: "api_connection_error",
    message:
      "An error occurred with our connection to Stripe. (The Stripe emulator did not answer: is `npm run emulator` running?)",
  };
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Form-encoded into the query string. */
  query?: unknown;
  /** Sent form-encoded (the REST API). */
  form?: unknown;
  /** Sent as JSON (the emulator's browser endpoints). */
  json?: unknown;
}

/**
 * What the emulator answered. A success body is the JSON the caller expects (`T`: the emulator is this
 * script's own server, so it is not re-validated); a failure always carries a Stripe-shaped `error`.
 */
export type EmuResponse<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; body: { error: StripeError } };

/**
 * fetch() against the emulator. A network failure resolves with status 0 and a Stripe-shaped
 * api_connection_error so callers can surface it like Stripe.js does.
 */
export async function emuRequest<T>(
  origin: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<EmuResponse<T>> {
  const headers: Record<string, string> = Object.assign({}, options.headers || {});
  let url = origin + path;
  let body: string | undefined;
  if (options.query) {
    const qs = formEncode(options.query);
    if (qs) url += (url.includes("?") ? "&" : "?") + qs;
  }
  if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = formEncode(options.form);
  } else if (options.json) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, mode: "cors", credentials: "omit" });
  } catch {
    return { ok: false, status: 0, body: { error: connectionError() } };
  }
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  if (response.ok) return { ok: true, status: response.status, body: parsed as T };
  if (isRecord(parsed) && parsed.error)
    return { ok: false, status: response.status, body: parsed as { error: StripeError } };
  return {
    ok: false,
    status: response.status,
    body: {
      error: {
        type: response.status >= 500 ? "api_error" : "invalid_request_error",
        message: `The Stripe emulator answered ${response.status} ${response.statusText || ""}`.trim(),
      },
    },
  };
}

export function formatDate(unixSeconds: number | null | undefined): string {
  if (!unixSeconds) return "—";
  return new Date(unixSeconds * 1000).toLocaleDateString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
  });
}

type Handler<T> = (payload: T) => void;

/** A minimal event emitter with Stripe.js' on/off/once semantics. `E` maps event names to payloads. */
export interface Emitter<E> {
  on<K extends keyof E>(event: K, handler: Handler<E[K]>): void;
  once<K extends keyof E>(event: K, handler: Handler<E[K]>): void;
  off<K extends keyof E>(event: K, handler?: Handler<E[K]>): void;
  emit<K extends keyof E>(event: K, payload: E[K]): void;
}

export function createEmitter<E>(): Emitter<E> {
  const listeners = new Map<keyof E, Handler<never>[]>();
  const emitter: Emitter<E> = {
    on(event, handler) {
      if (typeof handler !== "function") return;
      let list = listeners.get(event);
      if (!list) listeners.set(event, (list = []));
      list.push(handler);
    },
    once(event, handler) {
      const wrapped: typeof handler = (payload) => {
        emitter.off(event, wrapped);
        handler(payload);
      };
      emitter.on(event, wrapped);
    },
    off(event, handler) {
      const list = listeners.get(event);
      if (!list) return;
      if (!handler) listeners.delete(event);
      else
        listeners.set(
          event,
          list.filter((l) => l !== handler),
        );
    },
    emit(event, payload) {
      for (const handler of (listeners.get(event) || []).slice() as Handler<typeof payload>[]) {
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
  return emitter;
}
