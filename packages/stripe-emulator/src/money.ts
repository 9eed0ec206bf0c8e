/**
 * How the emulator shows amounts: its pages, its error messages and the fake Connect components (this
 * module is bundled into them, so it stays free of Node). Stripe amounts are integer minor units, except
 * in zero-decimal currencies, whose amounts are whole units (docs.stripe.com/currencies#zero-decimal).
 * The emulator never imports the app, which has its own money module.
 */

/** Stripe's zero-decimal currencies. HUF is not one for charges: Stripe takes HUF with two decimals. */
const ZERO_DECIMAL: ReadonlySet<string> = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);

export function isZeroDecimal(currency: string): boolean {
  return ZERO_DECIMAL.has(currency.toLowerCase());
}

/** Minor units in one unit of `currency` (100 for USD, 1 for JPY). */
export function minorPerUnit(currency: string): number {
  return isZeroDecimal(currency) ? 1 : 100;
}

/** A plain decimal ("12.50", "500" in JPY), as an input or a table cell shows it. */
export function formatDecimal(amount: number, currency: string): string {
  return (amount / minorPerUnit(currency)).toFixed(isZeroDecimal(currency) ? 0 : 2);
}

/** Money with its symbol ("$12.50", "¥500"); "12.50 XYZ" for a code Intl does not know. */
export function formatMoney(amount: number, currency: string | null | undefined): string {
  const code = (currency || "usd").toUpperCase();
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: code }).format(
      amount / minorPerUnit(code),
    );
  } catch {
    return `${formatDecimal(amount, code)} ${code}`;
  }
}
