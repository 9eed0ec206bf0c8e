/**
 * The Content-Security-Policy of every page: exactly what the app needs, nothing else.
 * - Scripts: Next's own inline scripts carry a per-request nonce; `'strict-dynamic'` lets the scripts they
 *   trust load others (Stripe.js and Connect.js are inserted by their loaders). Host sources are kept for
 *   browsers without `'strict-dynamic'`.
 * - Stripe (keys): js.stripe.com and connect-js.stripe.com scripts and frames, api.stripe.com calls,
 *   hooks.stripe.com 3-D Secure frames, *.stripe.com images — Stripe's documented lists.
 * - Offline: the emulator's origin instead (its fake scripts, API calls and images).
 * - Styles: `'unsafe-inline'` — React `style` attributes and the embedded components' injected styles.
 * - Never framed (`frame-ancestors 'none'`), no plugins, no `<base>` hijack, forms post to us (or Stripe).
 * Pure: the proxy calls it with the request's nonce (proxy.ts).
 */

export interface CspOptions {
  nonce: string;
  /** Offline: the emulator's public origin; null with real Stripe keys. */
  emulatorOrigin: string | null;
  /** `next dev` evaluates code for Fast Refresh and talks to its HMR socket. */
  development: boolean;
  /** The app is served over HTTPS: ask browsers to upgrade any stray http:// request. */
  https: boolean;
}

const STRIPE = {
  script: ["https://js.stripe.com", "https://connect-js.stripe.com"],
  frame: ["https://js.stripe.com", "https://hooks.stripe.com", "https://connect-js.stripe.com"],
  connect: ["https://api.stripe.com", "https://connect-js.stripe.com", "https://js.stripe.com"],
  img: ["https://*.stripe.com"],
  // Actions that redirect to Stripe (OAuth, hosted onboarding) end as a form navigation without JS.
  form: ["https://connect.stripe.com"],
};

export function contentSecurityPolicy(options: CspOptions): string {
  const stripe = (list: string[]) => (options.emulatorOrigin ? [options.emulatorOrigin] : list);
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    [
      "script-src",
      [
        "'self'",
        `'nonce-${options.nonce}'`,
        "'strict-dynamic'",
        ...stripe(STRIPE.script),
        ...(options.development ? ["'unsafe-eval'"] : []),
      ],
    ],
    ["style-src", ["'self'", "'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:", ...stripe(STRIPE.img)]],
    ["font-src", ["'self'", "data:"]],
    ["connect-src", ["'self'", ...stripe(STRIPE.connect)]],
    ["frame-src", stripe(STRIPE.frame)],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'", ...stripe(STRIPE.form)]],
    ["frame-ancestors", ["'none'"]],
  ];
  const policy = directives.map(([name, sources]) => `${name} ${sources.join(" ")}`);
  if (options.https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/** A fresh nonce: 128 random bits, base64 (Web Crypto, so it runs wherever the proxy runs). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
