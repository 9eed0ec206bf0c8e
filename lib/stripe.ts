import "server-only";
import { type EMULATOR_DEFAULTS, sdkOptionsFor } from "@marketplace/stripe-emulator/defaults";
import Stripe from "stripe";
import { env } from "@/lib/env";

/**
 * The one Stripe client. The API version is pinned to the one this SDK release was generated for,
 * so response shapes match `Stripe.*` types. Offline, the same SDK talks to the emulator on loopback;
 * nothing else in the app knows the difference.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const satisfies typeof EMULATOR_DEFAULTS.apiVersion;

function createStripe(): Stripe {
  const common: Stripe.StripeConfig = {
    apiVersion: STRIPE_API_VERSION,
    // Retries are safe because every POST we make carries an idempotency key.
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "connect-marketplace", version: "0.1.0" },
  };
  if (env.stripeMode === "offline") {
    return new Stripe(env.stripeSecretKey, { ...common, ...sdkOptionsFor(env.emulatorUrl) });
  }
  return new Stripe(env.stripeSecretKey, common);
}

// Deliberately not cached on globalThis: a client made by one bundle's copy of the SDK, reused by another
// bundle, throws errors that are not instances of that bundle's `Stripe.errors` classes (issue: Connect
// webhooks refused depending on which page `next dev` compiled first). A client holds no connections
// worth keeping across hot reloads; `stripe` is also a server external package (next.config.ts), so
// Node loads one copy for every bundle.
export const stripe: Stripe = createStripe();

/** Base URL of Stripe's Connect OAuth pages (the emulator's offline). */
export const stripeConnectBaseUrl =
  env.stripeMode === "offline" ? env.emulatorPublicUrl : "https://connect.stripe.com";
