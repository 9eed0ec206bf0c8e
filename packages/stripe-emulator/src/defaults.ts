/**
 * The emulator's public defaults: fake keys and secrets that only ever work against the emulator, its
 * port and the API version it speaks. Pure constants (no Node APIs), so the app may import them through
 * `@marketplace/stripe-emulator/defaults` without bundling any emulator code.
 *
 * Every value here is public: it is in this repository. A production build must never trust them
 * (the app refuses to start with these webhook secrets when NODE_ENV=production).
 */
export const EMULATOR_DEFAULTS = {
  /** The platform's secret key; also the key the control API (`/_emulator/*`) requires. */
  secretKey: "sk_test_emulator_platform",
  publishableKey: "pk_test_emulator_platform",
  /** Signs platform events (no `account` field). */
  platformWebhookSecret: "whsec_emulator_platform",
  /** Signs Connect events (events of connected accounts). */
  connectWebhookSecret: "whsec_emulator_connect",
  /** The platform's Connect client id (OAuth). */
  connectClientId: "ca_emulator",
  /** The platform account's id, as `account` on objects and in `/_emulator/events?account=`. */
  platformAccount: "acct_emulator_platform",
  host: "127.0.0.1",
  port: 12111,
  /** The version the pinned SDK speaks; stamped on every event. */
  apiVersion: "2026-10-28.endive",
  /**
   * Seconds on the emulator clock between submitting test-mode dispute evidence (`uncategorized_text`
   * containing `winning_evidence` / `losing_evidence`) and the dispute closing won / lost; advance the
   * clock (`POST /_emulator/clock/advance`) by at least this much to see the decision.
   */
  disputeDecisionDelaySeconds: 600,
  /**
   * How long an uncaptured card authorisation (`capture_method: "manual"`) can be captured: 7 days from the
   * charge's creation, Stripe's default for online card payments. It is the charge's
   * `payment_method_details.card.capture_before` minus its `created`. Once the emulator clock passes it, a
   * tick cancels the PaymentIntent (`cancellation_reason: "automatic"`, events `charge.expired` then
   * `payment_intent.canceled`) and captures fail with `charge_expired_for_capture`.
   */
  authorizationValiditySeconds: 7 * 24 * 60 * 60,
} as const;

/** Secrets that are public because they are written above: never valid outside offline development. */
export const PUBLIC_OFFLINE_SECRETS: readonly string[] = [
  EMULATOR_DEFAULTS.secretKey,
  EMULATOR_DEFAULTS.platformWebhookSecret,
  EMULATOR_DEFAULTS.connectWebhookSecret,
];

/** Options for `new Stripe(key, …)` that point the real SDK at an emulator at `url`. */
export function sdkOptionsFor(url: string): { host: string; port: number; protocol: "http" | "https" } {
  const u = new URL(url);
  const protocol = u.protocol === "https:" ? "https" : "http";
  return { host: u.hostname, port: Number(u.port || (protocol === "https" ? 443 : 80)), protocol };
}
