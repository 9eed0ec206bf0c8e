import "server-only";
import { env } from "@/lib/env";

/**
 * The Stripe fakes test page exists only offline, against the emulator: with real keys (even test
 * keys) it answers 404, so it can never create objects on a real Stripe account.
 */
export function stripeFakesPageEnabled(): boolean {
  const key = env.STRIPE_SECRET_KEY;
  return env.stripeMode === "offline" && (!key || key.startsWith("sk_test_emulator"));
}
