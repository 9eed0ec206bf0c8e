/** Dates as the app shows them (money is lib/money.ts). */
export function formatDate(value: Date | number): string {
  const date = typeof value === "number" ? new Date(value * 1000) : value;
  return new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(date);
}
