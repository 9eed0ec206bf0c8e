import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { getAccountByStripeId } from "@/db/queries/connected-accounts";
import { insertPayout, lockPayoutByStripeId, updatePayout, type NewPayout } from "@/db/queries/payouts";
import { canMovePayout } from "./order-transitions";
import { applied, ignored, type HandlerResult } from "./types";

/* payout.created / paid / failed / canceled (and payout.updated) → the payouts table, per seller. */

export const PAYOUT_EVENTS = [
  "payout.created",
  "payout.paid",
  "payout.failed",
  "payout.canceled",
  "payout.updated",
] as const;

export async function handlePayoutEvent(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  const payout = event.data.object as Stripe.Payout;
  if (payout.object !== "payout") return ignored(`${event.type} does not carry a payout`);
  // Payouts of the platform's own balance arrive without `account`: they are not a seller's.
  if (!event.account) return ignored("A payout of the platform's own balance.");
  if (!(await getAccountByStripeId({ stripeAccountId: event.account }, tx))) {
    return ignored(`No seller has the connected account ${event.account}.`);
  }
  const values: NewPayout = {
    stripePayoutId: payout.id,
    stripeAccountId: event.account,
    amount: payout.amount,
    currency: payout.currency,
    status: payout.status,
    arrivalDate: payout.arrival_date ? new Date(payout.arrival_date * 1000) : null,
    failureMessage: payout.failure_message ?? null,
  };
  let row = await lockPayoutByStripeId({ stripePayoutId: payout.id }, tx);
  if (!row) {
    if (await insertPayout(values, tx)) return applied();
    // A concurrent event for the same payout inserted it first (we waited for its commit).
    row = await lockPayoutByStripeId({ stripePayoutId: payout.id }, tx);
    if (!row) throw new Error(`payout ${payout.id} conflicted on insert but is not stored`);
  }
  if (row.status !== payout.status && !canMovePayout(row.status, payout.status)) {
    return ignored(`Payout is already ${row.status}; ${event.type} (${payout.status}) is older.`);
  }
  await updatePayout(
    {
      id: row.id,
      values: {
        status: payout.status,
        amount: payout.amount,
        arrivalDate: values.arrivalDate,
        failureMessage: values.failureMessage,
      },
    },
    tx,
  );
  return applied();
}
