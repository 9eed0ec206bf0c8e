import "server-only";
import { stripeFakesEnabled } from "@/lib/dev/stripe-fakes";

/**
 * The Stripe fakes test page exists only offline, against the emulator: with real keys (even test
 * keys) it answers 404, so it can never create objects on a real Stripe account.
 */
export function stripeFakesPageEnabled(): boolean {
  return stripeFakesEnabled();
}
