/** Small text helpers shared by the views. */

/** "requires_action" → "Requires action". */
export function humanize(code: string): string {
  const text = code.replace(/[_.:-]+/g, " ").trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : code;
}

/** An ISO date as "Jan 31, 2025" (UTC, so every admin reads the same day); anything else as given. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
}

const CHARGE_MODELS: Record<string, string> = {
  direct: "Direct charge on the seller's account",
  destination: "Destination charge",
  separate: "Cart line (the platform's payment, transferred to the seller)",
};

export function chargeModelLabel(model: string): string {
  return CHARGE_MODELS[model] ?? humanize(model);
}
