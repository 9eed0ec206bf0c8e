import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";

/**
 * The one Stripe client. The API version is pinned to the one this SDK release was generated for,
 * so response shapes match `Stripe.*` types. Offline, the same SDK talks to the emulator on loopback;
 * nothing else in the app knows the difference.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

function createStripe(): Stripe {
  const common: Stripe.StripeConfig = {
    apiVersion: STRIPE_API_VERSION,
    // Retries are safe because every POST we make carries an idempotency key.
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "connect-marketplace", version: "0.1.0" },
  };
  if (env.stripeMode === "offline") {
    return new Stripe(env.stripeSecretKey, {
      ...common,
      host: env.STRIPE_EMULATOR_HOST,
      port: env.STRIPE_EMULATOR_PORT,
      protocol: "http",
    });
  }
  return new Stripe(env.stripeSecretKey, common);
}

const globalForStripe = globalThis as unknown as { __stripe?: Stripe };
export const stripe: Stripe = globalForStripe.__stripe ?? createStripe();
if (env.NODE_ENV !== "production") globalForStripe.__stripe = stripe;

/** Base URL of Stripe's Connect OAuth pages (the emulator's offline). */
export const stripeConnectBaseUrl = env.stripeMode === "offline" ? env.emulatorPublicUrl : "https://connect.stripe.com";
