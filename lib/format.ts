/** Formats integer minor units (cents) for display. Zero-decimal currencies are handled by Intl. */
export function formatMoney(minor: number, currency: string): string {
  const code = currency.toUpperCase();
  const digits =
    new Intl.NumberFormat("en-US", { style: "currency", currency: code }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return new Intl.NumberFormat("en-US", { style: "currency", currency: code }).format(minor / 10 ** digits);
}

export function formatDate(value: Date | number): string {
  const date = typeof value === "number" ? new Date(value * 1000) : value;
  return new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(date);
}
