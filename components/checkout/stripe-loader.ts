import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";

/*
 * Direct charges: the PaymentIntent lives on the seller's connected account, so Stripe.js must be
 * initialised with that account (`stripeAccount`) or confirming it answers "No such payment_intent".
 * One Stripe instance per account for the life of the page: <Elements> must receive the same promise
 * on every render, and switching sellers needs a new instance (and a new <Elements key>).
 */
const instances = new Map<string, Promise<Stripe | null>>();

export function stripeForAccount(publishableKey: string, stripeAccount: string): Promise<Stripe | null> {
  const cacheKey = `${publishableKey}:${stripeAccount}`;
  let instance = instances.get(cacheKey);
  if (!instance) {
    instance = loadStripe(publishableKey, { stripeAccount });
    // A failed load (network) must not stick: the next render may try again.
    instance.catch(() => instances.delete(cacheKey));
    instances.set(cacheKey, instance);
  }
  return instance;
}
