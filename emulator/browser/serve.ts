import { readFileSync } from "node:fs";

/**
 * Serves the emulator's stand-ins for https://js.stripe.com (fake Stripe.js) and
 * https://connect-js.stripe.com (fake Connect.js).
 *
 * Each script is plain browser JavaScript (ES2020, no build step) split into parts for readability;
 * the parts share one scope, so they are concatenated inside a single IIFE here. Order matters:
 * helpers first, the part that assigns `window.Stripe` / `window.StripeConnect` last.
 */

export const STRIPE_JS_PARTS = [
  "common.js",
  "stripe/card.js",
  "stripe/styles.js",
  "stripe/payment-form.js",
  "stripe/payment-element.js",
  "stripe/elements.js",
  "stripe/challenge.js",
  "stripe/stripe.js",
] as const;

export const CONNECT_JS_PARTS = [
  "common.js",
  "connect/styles.js",
  "connect/session.js",
  "connect/element.js",
  "connect/onboarding-flow.js",
  "connect/onboarding.js",
  "connect/banner.js",
  "connect/payouts.js",
  "connect/payments.js",
  "connect/account.js",
  "connect/connect.js",
] as const;

const PREAMBLE: Record<string, string> = {
  "/js/stripe.js":
    "/* Fake Stripe.js served by the offline Stripe emulator (emulator/browser). Not Stripe's code. */",
  "/js/connect.js":
    "/* Fake Connect.js served by the offline Stripe emulator (emulator/browser). Not Stripe's code. */",
};

function bundle(name: string, parts: readonly string[]): string {
  const body = parts
    .map((part) => `// ---- ${part}\n${readFileSync(new URL(`./${part}`, import.meta.url), "utf8")}`)
    .join("\n");
  return `${PREAMBLE[name]}\n(function () {\n"use strict";\nif (typeof window === "undefined") return;\n${body}\n})();\n`;
}

let cache: Map<string, string> | null = null;

function assets(): Map<string, string> {
  if (!cache) {
    cache = new Map([
      ["/js/stripe.js", bundle("/js/stripe.js", STRIPE_JS_PARTS)],
      ["/js/connect.js", bundle("/js/connect.js", CONNECT_JS_PARTS)],
    ]);
  }
  return cache;
}

/** `/js/stripe.js` and `/js/connect.js` (query strings ignored); null for any other path. */
export function serveBrowserAsset(pathname: string): { contentType: string; body: string } | null {
  const path = pathname.split("?")[0] ?? "";
  const body = assets().get(path);
  if (body === undefined) return null;
  return { contentType: "application/javascript; charset=utf-8", body };
}
