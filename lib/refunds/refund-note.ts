import type Stripe from "stripe";

/*
 * The one line we keep next to a refund's status (stored in refunds.failure_reason, the refund's only text
 * column, so no migration is needed): why it failed, or why Stripe is still holding it.
 *
 * Since API 2025-04-30.basil Stripe does not refuse a refund the seller's balance cannot cover (money
 * already paid out): it creates it `pending` with `pending_reason: "insufficient_funds"` and sends it
 * once the balance covers it (`refund.updated` → succeeded). That is not a dead end, so it is shown as a
 * refund in progress, with this note for the admin; the note is cleared when the refund settles.
 */

export const WAITING_FOR_FUNDS_NOTE =
  "Waiting for the seller's Stripe balance: Stripe sends this refund to the buyer as soon as the seller's balance covers it (for example after their next sale). Nothing else to do.";

/** A cart line's refund is the platform's (the merchant of carts): its money comes from the platform's balance. */
export const WAITING_FOR_PLATFORM_FUNDS_NOTE =
  "Waiting for the platform's Stripe balance: Stripe sends this refund to the buyer as soon as the platform's balance covers it (the seller's reversed transfer and new payments add to it). Nothing else to do.";

/**
 * The note for Stripe's refund as it is now; null when there is nothing to say (it clears an old note).
 * `onPlatform`: the refund was made on the platform's own account (a cart line), not the seller's.
 */
export function refundNote(
  refund: Pick<Stripe.Refund, "status" | "failure_reason" | "pending_reason">,
  onPlatform = false,
): string | null {
  // Stripe's failure_reason is a short code ("expired_or_canceled_card"): safe to show admins.
  if (refund.status === "failed")
    return `Stripe could not refund the card (${refund.failure_reason ?? "unknown reason"}).`;
  if (refund.status === "pending" && refund.pending_reason === "insufficient_funds")
    return onPlatform ? WAITING_FOR_PLATFORM_FUNDS_NOTE : WAITING_FOR_FUNDS_NOTE;
  return null;
}

/** Whether a stored refund row is waiting for the seller's balance (its note says so). */
export function waitsForSellerFunds(row: { status: string; failureReason: string | null }): boolean {
  return row.status === "pending" && row.failureReason === WAITING_FOR_FUNDS_NOTE;
}

/** Whether a stored refund row of a cart line is waiting for the platform's balance (its note says so). */
export function waitsForPlatformFunds(row: { status: string; failureReason: string | null }): boolean {
  return row.status === "pending" && row.failureReason === WAITING_FOR_PLATFORM_FUNDS_NOTE;
}
