/*
 * The smallest price a seller can charge, in the product's currency, for the currency the seller's Stripe
 * account settles in. Stripe ("Minimum and maximum charge amounts", docs.stripe.com/currencies) refuses a
 * charge under the currency's minimum AND one that does not convert to at least the minimum of the
 * account's settlement currency: a US seller cannot charge AUD 0.50, which is about USD 0.31. A direct
 * charge settles in the connected account's default currency, which Stripe sets from its country.
 *
 * The app keeps its own small table instead of asking Stripe (no API gives minimums or rates) and never
 * imports the offline emulator. Rule, deliberately conservative:
 * - same currency as the account: Stripe's minimum for it;
 * - another currency: the settlement minimum converted at the fixed rates below (approximate ECB reference
 *   rates of 2 January 2025, in US dollars per unit) plus 10% headroom for exchange rates moving, rounded up
 *   to the cent, and never under the product currency's own minimum.
 * A price we accept therefore still converts to Stripe's minimum unless a rate moves by more than 10%;
 * the cost is that a price a few cents above the real limit may be refused. Refresh the rates if they drift.
 */
import type { ProductCurrency } from "./seller-products";

/** Stripe's minimum charge per currency, in minor units (docs.stripe.com/currencies). */
export const STRIPE_MINIMUM: Record<ProductCurrency, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  cad: 50,
  aud: 50,
};

/** US dollars per one unit of each currency (fixed; see above). */
const USD_PER_UNIT: Record<ProductCurrency, number> = { usd: 1, eur: 1.04, gbp: 1.25, cad: 0.695, aud: 0.62 };

/** Headroom over the converted minimum, for exchange rates moving after the table was written. */
const FX_HEADROOM = 1.1;

/** The currency a connected account in `country` settles in (Stripe's default currency for the country). */
export function settlementCurrencyFor(country: string): ProductCurrency {
  return (
    ({ US: "usd", GB: "gbp", CA: "cad", AU: "aud" } as Record<string, ProductCurrency>)[country] ?? "eur"
  );
}

/** The lowest price (minor units of `currency`) a seller whose account settles in `settlement` can charge. */
export function minimumPrice(currency: ProductCurrency, settlement: ProductCurrency): number {
  if (currency === settlement) return STRIPE_MINIMUM[currency];
  const converted =
    (STRIPE_MINIMUM[settlement] * USD_PER_UNIT[settlement] * FX_HEADROOM) / USD_PER_UNIT[currency];
  // Round away float noise (0.5 * 1.1 = 0.55000000000000004) before rounding up to the cent.
  return Math.max(STRIPE_MINIMUM[currency], Math.ceil(Number(converted.toFixed(6))));
}
