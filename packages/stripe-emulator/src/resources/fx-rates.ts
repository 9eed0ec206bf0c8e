/**
 * A fixed exchange-rate table, so the settlement-currency minimum (Stripe: "Minimum and maximum charge
 * amounts" — a charge must convert to at least the minimum of the account's settlement currency) can be
 * enforced deterministically offline.
 *
 * Source: approximate ECB euro foreign exchange reference rates of 2 January 2025, re-expressed as US
 * dollars per one unit of each currency and rounded. They are NOT live rates and never change at run
 * time: a test that needs "AUD 0.50 is less than USD 0.50" gets the same answer every run. Real Stripe uses
 * its own current rates, so amounts within a few percent of a minimum may be decided differently there.
 */

import { minorPerUnit } from "../money";

/** US dollars per one major unit of the currency (1 AUD ≈ 0.62 USD). */
export const USD_PER_UNIT: Readonly<Record<string, number>> = {
  usd: 1,
  eur: 1.04,
  gbp: 1.25,
  cad: 0.695,
  aud: 0.62,
  nzd: 0.56,
  chf: 1.1,
  sgd: 0.73,
  jpy: 0.0064,
  brl: 0.162,
  inr: 0.0117,
  dkk: 0.139,
  nok: 0.088,
  sek: 0.09,
  pln: 0.243,
  czk: 0.041,
  hkd: 0.1287,
  mxn: 0.048,
  ron: 0.208,
  huf: 0.0025,
  bgn: 0.53,
  aed: 0.2723,
  thb: 0.029,
  myr: 0.223,
};

/**
 * Converts an amount in minor units of `from` to minor units of `to` at the table's rate, unrounded (a
 * minimum check compares the exact value; messages round it). Null when either currency is not in the table.
 */
export function convertMinor(amount: number, from: string, to: string): number | null {
  if (from === to) return amount;
  const fromRate = USD_PER_UNIT[from];
  const toRate = USD_PER_UNIT[to];
  if (fromRate === undefined || toRate === undefined) return null;
  const major = amount / minorPerUnit(from);
  return ((major * fromRate) / toRate) * minorPerUnit(to);
}
