import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { insertDispute, lockDisputeByStripeId, updateDispute, type NewDispute } from "@/db/queries/disputes";
import { updateOrderFromWebhook } from "@/db/queries/orders";
import { findOrderForPayment } from "./payments";
import { canMoveDispute } from "./order-transitions";
import { applied, idOf, ignored, type HandlerResult } from "./types";

/*
 * charge.dispute.created / updated / closed → a dispute row per Stripe dispute and the order flagged.
 * The flag stays once set: the order was disputed even if the seller later wins; the row has the outcome.
 */

export const DISPUTE_EVENTS = [
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
] as const;

export async function handleDisputeEvent(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  const dispute = event.data.object as Stripe.Dispute;
  if (dispute.object !== "dispute") return ignored(`${event.type} does not carry a dispute`);
  const chargeId = idOf(dispute.charge);
  if (!chargeId) return ignored(`Dispute ${dispute.id} names no charge.`);
  const order = await findOrderForPayment(
    { paymentIntentId: idOf(dispute.payment_intent), chargeId, account: event.account ?? null },
    tx,
  );
  // Stored even without an order: a dispute on the seller's account is money at stake either way.
  const values: NewDispute = {
    stripeDisputeId: dispute.id,
    orderId: order?.id ?? null,
    stripeAccountId: event.account ?? null,
    chargeId,
    amount: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason,
    status: dispute.status,
  };
  let row = await lockDisputeByStripeId({ stripeDisputeId: dispute.id }, tx);
  if (!row) {
    row = await insertDispute(values, tx);
    // A concurrent event for the same dispute inserted it first (we waited for its commit).
    row ??= await lockDisputeByStripeId({ stripeDisputeId: dispute.id }, tx);
    if (!row) throw new Error(`dispute ${dispute.id} conflicted on insert but is not stored`);
  } else if (canMoveDispute(row.status, dispute.status)) {
    await updateDispute(
      {
        id: row.id,
        values: {
          status: dispute.status,
          amount: dispute.amount,
          reason: dispute.reason,
          orderId: row.orderId ?? values.orderId,
        },
      },
      tx,
    );
  }
  if (order && !order.disputed)
    await updateOrderFromWebhook({ id: order.id, values: { disputed: true } }, tx);
  return order ? applied(order.id) : applied();
}
