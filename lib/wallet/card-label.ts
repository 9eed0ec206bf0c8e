/* Pure and free of zod: client components (the checkout's saved-card choice, the card list) import it. */

/** "Visa •••• 4242, expires 12/29". */
export function cardLabel(card: { brand: string; last4: string; expMonth: number; expYear: number }): string {
  const brand = card.brand === "card" ? "Card" : card.brand.charAt(0).toUpperCase() + card.brand.slice(1);
  return `${brand} •••• ${card.last4}, expires ${String(card.expMonth).padStart(2, "0")}/${String(card.expYear % 100).padStart(2, "0")}`;
}
