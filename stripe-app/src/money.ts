/**
 * Amounts as the refund form types them. The backend parses the typed decimal with its own notion of how
 * many digits a currency's minor unit has (Intl's, in lib/money.ts of the marketplace), so the prefilled
 * text here uses the same rule: it parses back to exactly the refundable amount.
 */

/** Stripe's zero-decimal currencies: the fallback when Intl does not know a currency. */
const ZERO_DECIMAL = new Set([
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

/** Decimal places of a currency's minor unit: 0 for JPY or KRW, 2 for USD or EUR. */
export function currencyDigits(currency: string): number {
  try {
    const format = new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() });
    return format.resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return ZERO_DECIMAL.has(currency.toLowerCase()) ? 0 : 2;
  }
}

/** Integer minor units to the plain decimal a person types: 1250 USD → "12.50", 500 JPY → "500". */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
