import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { loadScriptOnce } from "@/components/ui/load-script";

/*
 * Direct charges: the PaymentIntent lives on the seller's connected account, so Stripe.js must be
 * initialised with that account (`stripeAccount`) or confirming it answers "No such payment_intent".
 * One Stripe instance per account for the life of the page: <Elements> must receive the same promise
 * on every render, and switching sellers needs a new instance (and a new <Elements key>).
 * `scriptUrl`: where Stripe.js comes from when not js.stripe.com (offline: the emulator's fake), loaded
 * first so the real loader finds `window.Stripe`; a failed load falls through to the real loader's error.
 */
const instances = new Map<string, Promise<Stripe | null>>();

export function stripeForAccount(
  publishableKey: string,
  /** null: the platform itself (saved cards are set up there, lib/wallet). */
  stripeAccount: string | null,
  scriptUrl: string | null = null,
): Promise<Stripe | null> {
  const cacheKey = `${publishableKey}:${stripeAccount ?? "platform"}`;
  let instance = instances.get(cacheKey);
  if (!instance) {
    const script = scriptUrl ? loadScriptOnce(scriptUrl).catch(() => undefined) : Promise.resolve();
    instance = script.then(() => loadStripe(publishableKey, stripeAccount ? { stripeAccount } : undefined));
    // A failed load (network) must not stick: the next render may try again.
    instance.catch(() => instances.delete(cacheKey));
    instances.set(cacheKey, instance);
  }
  return instance;
}
