import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { noteCartCharge } from "@/lib/cart/settle";
import { applyDisputeSnapshot } from "@/lib/disputes/snapshot";
import { idOf, ignored, applied, type HandlerResult } from "./types";
import { findOrderForPayment } from "./payments";

/*
 * charge.dispute.* → a dispute row per Stripe dispute (status, deadline, evidence, money) and the order
 * flagged. Every event carries the whole dispute, so each is applied as a snapshot whose parts only move
 * forward (lib/disputes/snapshot.ts): any order of arrival ends in the same row.
 */

export const DISPUTE_EVENTS = [
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
  "charge.dispute.funds_withdrawn",
  "charge.dispute.funds_reinstated",
] as const;

export async function handleDisputeEvent(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  const dispute = event.data.object as Stripe.Dispute;
  if (dispute.object !== "dispute") return ignored(`${event.type} does not carry a dispute`);
  const chargeId = idOf(dispute.charge);
  if (!chargeId) return ignored(`Dispute ${dispute.id} names no charge.`);
  // On the platform's own account: a cart's charge. The dispute covers the whole cart, no one line or seller
  // (their transfers stand): it is the platform's, stored without an order and answered in Stripe.
  if (!event.account) await noteCartCharge(idOf(dispute.payment_intent), chargeId, tx);
  const order = await findOrderForPayment(
    { paymentIntentId: idOf(dispute.payment_intent), chargeId, account: event.account ?? null },
    tx,
  );
  await applyDisputeSnapshot(
    dispute,
    { account: event.account ?? null, order, at: new Date(event.created * 1000) },
    tx,
  );
  return order ? applied(order.id) : applied();
}
