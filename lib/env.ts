import { createEnv } from "@t3-oss/env-nextjs";
import { EMULATOR_DEFAULTS, PUBLIC_OFFLINE_SECRETS } from "@marketplace/stripe-emulator/defaults";
import { z } from "zod";
import { FEE_RETURN_POLICIES } from "@/lib/refunds/fee-return";

/**
 * The one place that reads process.env. Everything else imports `env` or the derived `stripeMode`.
 *
 * Modes:
 * - offline (default): no STRIPE_SECRET_KEY → the project's Stripe emulator on loopback, fixed fake keys.
 * - keys: STRIPE_SECRET_KEY set → real Stripe (test or live).
 * Production refuses the emulator unless STRIPE_EMULATOR=1 says so explicitly, and never runs on public
 * secrets: it needs its own AUTH_SECRET and both webhook secrets (the offline ones are in this repository),
 * emulator or not. The offline fallbacks below apply outside production only.
 */

const OFFLINE = {
  secretKey: EMULATOR_DEFAULTS.secretKey,
  publishableKey: EMULATOR_DEFAULTS.publishableKey,
  webhookSecret: EMULATOR_DEFAULTS.platformWebhookSecret,
  connectWebhookSecret: EMULATOR_DEFAULTS.connectWebhookSecret,
  connectClientId: EMULATOR_DEFAULTS.connectClientId,
  authSecret: "offline-dev-auth-secret-not-for-production-0123456789",
  cronSecret: "offline-dev-cron-secret-not-for-production",
  /** The Stripe App's signing secret offline: tests sign the app's requests with it (public, like the rest). */
  stripeAppSigningSecret: "absec_offline_public_stripe_app_secret",
} as const;

const intString = (fallback: number) =>
  z.string().regex(/^\d+$/, "must be a non-negative integer").default(String(fallback)).transform(Number);

const raw = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, "must look like sk_test_… or sk_live_…")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
    STRIPE_CONNECT_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
    STRIPE_CONNECT_CLIENT_ID: z.string().startsWith("ca_").optional(),
    STRIPE_EMULATOR: z.enum(["0", "1"]).optional(),
    STRIPE_APP_SIGNING_SECRET: z
      .string()
      .min(16, "must be the app's signing secret from the Dashboard")
      .optional(),
    STRIPE_EMULATOR_HOST: z.string().default(EMULATOR_DEFAULTS.host),
    STRIPE_EMULATOR_PORT: intString(EMULATOR_DEFAULTS.port),
    /** Where the browser reaches the emulator (defaults to http://HOST:PORT). */
    STRIPE_EMULATOR_PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z.url().optional(),
    POSTGRES_URL: z.url().optional(),
    /** Only for CI/tests: route @vercel/postgres' WebSocket through a local proxy (host:port). */
    POSTGRES_WS_PROXY: z.string().optional(),
    PGLITE_DIR: z.string().default(".data/pglite"),
    /** Port `npm run db:serve` serves PGlite on (loopback); 0 = any free port, found through `<PGLITE_DIR>.lock`. */
    PGLITE_PORT: intString(0),
    /** Set by Next.js in its server processes: there, PGlite is only ever reached over the network. */
    NEXT_RUNTIME: z.string().optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    /** The app's public address (return URLs, OAuth redirect URI, the emulator's webhook target); default http://localhost:$PORT. */
    APP_URL: z.url().optional(),
    PORT: intString(3000),
    PLATFORM_FEE_BPS: intString(500),
    PLATFORM_FEE_FIXED: intString(30),
    /** Whether the admin refund form returns the platform fee by default: on full refunds (default), always, never. */
    REFUND_APPLICATION_FEE: z.enum(FEE_RETURN_POLICIES).default("full"),
    /** "Charge when I ship": what the expiry job does with an authorisation not captured in time (lib/capture/expiry.ts). */
    AUTHORIZATION_EXPIRY_ACTION: z.enum(["cancel", "capture"]).default("cancel"),
    /** How many hours before Stripe's capture deadline the expiry job acts (1 to 144). */
    AUTHORIZATION_MARGIN_HOURS: intString(24).refine((h) => h >= 1 && h <= 144, "must be between 1 and 144"),
    /** Reverse proxies in front of the app that add to X-Forwarded-For (the throttles read the client address there; lib/security/throttle.ts). */
    TRUSTED_PROXY_HOPS: intString(0),
    /** Checkout submits allowed per client address per 10 minutes (lib/security/money-throttle.ts). */
    CHECKOUT_ATTEMPTS_PER_IP: intString(60),
    /** Sign-up attempts allowed per client address per hour (lib/auth-throttle.ts). */
    SIGN_UPS_PER_IP: intString(20),
    /** The bearer token /api/cron requires (Vercel Cron sends `Authorization: Bearer $CRON_SECRET`). */
    CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    /** "0": the webhook route only stores events and the inbox worker (cron) applies them; default: applied right after the response. */
    WEBHOOK_APPLY_AFTER_RESPONSE: z.enum(["0", "1"]).default("1"),
  },
  client: {
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z
      .string()
      .regex(/^pk_(test|live)_\w+$/)
      .optional(),
  },
  runtimeEnv: {
    NODE_ENV: process.env.NODE_ENV,
    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET,
    STRIPE_CONNECT_WEBHOOK_SECRET: process.env.STRIPE_CONNECT_WEBHOOK_SECRET,
    STRIPE_CONNECT_CLIENT_ID: process.env.STRIPE_CONNECT_CLIENT_ID,
    STRIPE_EMULATOR: process.env.STRIPE_EMULATOR,
    STRIPE_APP_SIGNING_SECRET: process.env.STRIPE_APP_SIGNING_SECRET,
    STRIPE_EMULATOR_HOST: process.env.STRIPE_EMULATOR_HOST,
    STRIPE_EMULATOR_PORT: process.env.STRIPE_EMULATOR_PORT,
    STRIPE_EMULATOR_PUBLIC_URL: process.env.STRIPE_EMULATOR_PUBLIC_URL,
    DATABASE_URL: process.env.DATABASE_URL,
    POSTGRES_URL: process.env.POSTGRES_URL,
    POSTGRES_WS_PROXY: process.env.POSTGRES_WS_PROXY,
    PGLITE_DIR: process.env.PGLITE_DIR,
    PGLITE_PORT: process.env.PGLITE_PORT,
    NEXT_RUNTIME: process.env.NEXT_RUNTIME,
    AUTH_SECRET: process.env.AUTH_SECRET,
    AUTH_GITHUB_ID: process.env.AUTH_GITHUB_ID,
    AUTH_GITHUB_SECRET: process.env.AUTH_GITHUB_SECRET,
    APP_URL: process.env.APP_URL,
    PORT: process.env.PORT,
    PLATFORM_FEE_BPS: process.env.PLATFORM_FEE_BPS,
    PLATFORM_FEE_FIXED: process.env.PLATFORM_FEE_FIXED,
    AUTHORIZATION_EXPIRY_ACTION: process.env.AUTHORIZATION_EXPIRY_ACTION,
    AUTHORIZATION_MARGIN_HOURS: process.env.AUTHORIZATION_MARGIN_HOURS,
    REFUND_APPLICATION_FEE: process.env.REFUND_APPLICATION_FEE,
    TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS,
    CHECKOUT_ATTEMPTS_PER_IP: process.env.CHECKOUT_ATTEMPTS_PER_IP,
    SIGN_UPS_PER_IP: process.env.SIGN_UPS_PER_IP,
    CRON_SECRET: process.env.CRON_SECRET,
    WEBHOOK_APPLY_AFTER_RESPONSE: process.env.WEBHOOK_APPLY_AFTER_RESPONSE,
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY,
  },
  emptyStringAsUndefined: true,
  // `next build` runs with NODE_ENV=production but without runtime secrets; validation of the
  // production rules below happens at server start (instrumentation.ts) instead.
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
});

export type StripeMode = "offline" | "keys";

export const stripeMode: StripeMode = raw.STRIPE_SECRET_KEY ? "keys" : "offline";
const offline = stripeMode === "offline";
const production = raw.NODE_ENV === "production";
/** Offline fallbacks for secrets: never in production, where they would be public knowledge. */
const offlineSecrets = offline && !production;

/** Problems with one secret a production server needs: missing, or one of the public offline values. */
function secretProblem(
  name: string,
  value: string | undefined,
  publicValues: readonly string[],
  how: string,
): string | null {
  if (!value) return `${name} is required when NODE_ENV=production (also with STRIPE_EMULATOR=1): ${how}`;
  if (publicValues.includes(value))
    return `${name} is set to a public offline default (it is in this repository): anyone could use it. ${how}`;
  return null;
}

/** Configuration problems that must stop a production server from starting. */
export function productionProblems(): string[] {
  if (raw.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (offline && raw.STRIPE_EMULATOR !== "1") {
    problems.push(
      "STRIPE_SECRET_KEY is not set and NODE_ENV=production: refusing to start against the Stripe emulator. " +
        "Set STRIPE_SECRET_KEY (and NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET), " +
        "or set STRIPE_EMULATOR=1 to run the emulator on purpose.",
    );
  }
  if (!offline && !raw.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY)
    problems.push("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is required with real Stripe keys.");
  // Also with STRIPE_EMULATOR=1: the offline secrets are public. With the webhook ones anybody can forge
  // `payment_intent.succeeded` for an unpaid order; with the auth one, a session cookie for any user.
  const webhookHow =
    "set it to the signing secret of your Stripe webhook endpoint (`stripe listen` prints one), or against the " +
    "emulator to any whsec_… value of your own, given to the emulator too.";
  const problemsFound = [
    secretProblem("STRIPE_WEBHOOK_SECRET", raw.STRIPE_WEBHOOK_SECRET, PUBLIC_OFFLINE_SECRETS, webhookHow),
    secretProblem(
      "STRIPE_CONNECT_WEBHOOK_SECRET",
      raw.STRIPE_CONNECT_WEBHOOK_SECRET,
      PUBLIC_OFFLINE_SECRETS,
      webhookHow,
    ),
    secretProblem(
      "AUTH_SECRET",
      raw.AUTH_SECRET,
      [OFFLINE.authSecret],
      "set it to a random value of at least 32 characters, e.g. `openssl rand -base64 33`.",
    ),
    secretProblem(
      "CRON_SECRET",
      raw.CRON_SECRET,
      [OFFLINE.cronSecret],
      "set it to a random value of at least 16 characters; the scheduler sends it as `Authorization: Bearer …`.",
    ),
  ];
  for (const problem of problemsFound) if (problem) problems.push(problem);
  // Optional (without it the Stripe App's backend answers 503), but never the public offline value.
  if (raw.STRIPE_APP_SIGNING_SECRET === OFFLINE.stripeAppSigningSecret)
    problems.push(
      "STRIPE_APP_SIGNING_SECRET is set to a public offline default (it is in this repository): anyone could sign requests as your Stripe App. " +
        "Copy the app's signing secret from the Dashboard (Apps → your app → Signing secret).",
    );
  return problems;
}

export function assertProductionConfig(): void {
  const problems = productionProblems();
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n- ${problems.join("\n- ")}`);
  }
}

const emulatorUrl = `http://${raw.STRIPE_EMULATOR_HOST}:${raw.STRIPE_EMULATOR_PORT}`;

export const env = {
  ...raw,
  // PORT alone moves the app: every URL we hand out follows it unless APP_URL says otherwise.
  APP_URL: raw.APP_URL ?? `http://localhost:${raw.PORT}`,
  stripeMode,
  stripeSecretKey: raw.STRIPE_SECRET_KEY ?? OFFLINE.secretKey,
  stripePublishableKey: raw.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ?? OFFLINE.publishableKey,
  stripeWebhookSecret: raw.STRIPE_WEBHOOK_SECRET ?? (offlineSecrets ? OFFLINE.webhookSecret : undefined),
  stripeConnectWebhookSecret:
    raw.STRIPE_CONNECT_WEBHOOK_SECRET ?? (offlineSecrets ? OFFLINE.connectWebhookSecret : undefined),
  stripeConnectClientId: raw.STRIPE_CONNECT_CLIENT_ID ?? (offline ? OFFLINE.connectClientId : undefined),
  /** Events from a live key carry livemode=true; anything else must be refused by the webhook route. */
  stripeLivemode: (raw.STRIPE_SECRET_KEY ?? "").includes("_live_"),
  emulatorUrl,
  emulatorPublicUrl: raw.STRIPE_EMULATOR_PUBLIC_URL ?? emulatorUrl,
  /** Where the browser loads Stripe.js / Connect.js from when not Stripe's CDN (offline: the emulator's stand-ins). */
  stripeJsUrl: offline ? `${raw.STRIPE_EMULATOR_PUBLIC_URL ?? emulatorUrl}/js/stripe.js` : null,
  connectJsUrl: offline ? `${raw.STRIPE_EMULATOR_PUBLIC_URL ?? emulatorUrl}/js/connect.js` : null,
  authSecret: raw.AUTH_SECRET ?? OFFLINE.authSecret,
  /** Undefined in production without CRON_SECRET (refused at start by productionProblems). */
  cronSecret: raw.CRON_SECRET ?? (offlineSecrets ? OFFLINE.cronSecret : undefined),
  /** Verifies requests from the Stripe App's views (lib/stripe-app); undefined in production until set. */
  stripeAppSigningSecret:
    raw.STRIPE_APP_SIGNING_SECRET ?? (offlineSecrets ? OFFLINE.stripeAppSigningSecret : undefined),
  applyWebhooksAfterResponse: raw.WEBHOOK_APPLY_AFTER_RESPONSE === "1",
  githubAuthEnabled: Boolean(raw.AUTH_GITHUB_ID && raw.AUTH_GITHUB_SECRET),
  databaseDriver: raw.POSTGRES_URL ? "vercel" : raw.DATABASE_URL ? "pg" : "pglite",
} as const;

export const OFFLINE_STRIPE = OFFLINE;
