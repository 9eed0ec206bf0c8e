/**
 * Money as the app shows and reads it. Amounts are integer minor units (1250 = $12.50) plus a currency;
 * how many digits a currency's minor unit has (2 for USD, 0 for JPY) is decided here only, by Intl.
 * Typed amounts are parsed as strings: floating point would turn 0.29 × 100 into 28.999999999999996.
 * Pure, no I/O.
 */

function currencyFormat(currency: string): Intl.NumberFormat {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() });
}

/** Decimal places of the currency's minor unit (2 for USD, 0 for JPY). */
export function currencyDigits(currency: string): number {
  return currencyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Integer minor units for display, with the currency's symbol ("$12.50", "¥500"). */
export function formatMoney(minor: number, currency: string): string {
  return currencyFormat(currency).format(minor / 10 ** currencyDigits(currency));
}

/** Minor units back to the plain decimal an input shows ("12.50"), without a currency symbol. */
export function minorToDecimalString(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; message: string };

const DECIMAL = /^(\d{1,9})(?:\.(\d*))?$/;

/** An amount typed by a person ("12.50", "1,234") to integer minor units (1250), or why it is not one. */
export function parseMoneyInput(input: string, currency: string): ParsedAmount {
  const text = input.trim().replace(/,/g, "");
  if (text === "") return { ok: false, message: "Enter an amount to refund." };
  if (text.startsWith("-")) return { ok: false, message: "The amount must be more than zero." };
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, message: "Enter the amount as a number, like 12.50." };
  const digits = currencyDigits(currency);
  const whole = match[1] ?? "0";
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) {
    return {
      ok: false,
      message:
        digits === 0
          ? `${currency.toUpperCase()} has no minor unit: enter a whole amount.`
          : `${currency.toUpperCase()} amounts have at most ${digits} decimal places.`,
    };
  }
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (minor <= 0) return { ok: false, message: "The amount must be more than zero." };
  return { ok: true, minor };
}
