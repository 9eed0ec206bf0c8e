import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { updateOrderFromWebhook } from "@/db/queries/orders";
import { applyCapture, applyRelease } from "@/lib/capture/record";
import { canMoveOrder } from "./order-transitions";
import { findOrderForPayment } from "./payments";
import { applied, idOf, ignored, type HandlerResult } from "./types";

/*
 * charge.captured / charge.expired: how a "charge when I ship" authorisation ended, told by its charge
 * (payment_intent.succeeded / canceled say it too; whichever comes first writes it, lib/capture/record.ts).
 */

export const CAPTURE_EVENTS = ["charge.captured", "charge.expired"] as const;

export async function handleCaptureEvent(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  const charge = event.data.object as Stripe.Charge;
  if (charge.object !== "charge") return ignored(`${event.type} does not carry a charge`);
  const order = await findOrderForPayment(
    {
      paymentIntentId: idOf(charge.payment_intent),
      chargeId: charge.id,
      metadataOrderId: charge.metadata?.order_id,
      account: event.account ?? null,
    },
    tx,
  );
  if (!order) return ignored(`No order for charge ${charge.id}.`);
  if (order.captureMethod !== "manual")
    return ignored(`Order ${order.id} was not authorised for capture later.`, order.id);
  const target = event.type === "charge.captured" ? "succeeded" : "canceled";
  if (order.status !== target && !canMoveOrder(order.status, target))
    return ignored(`Order is already ${order.status}; ${event.type} cannot move it.`, order.id);
  if (event.type === "charge.captured") {
    await applyCapture(
      order,
      {
        amount: charge.amount_captured,
        applicationFee: charge.application_fee_amount ?? null,
        at: new Date(),
      },
      tx,
    );
  } else {
    await applyRelease(order, { reason: "expired", at: new Date() }, tx);
  }
  await updateOrderFromWebhook(
    {
      id: order.id,
      values: {
        status: target,
        chargeId: order.chargeId ?? charge.id,
        paymentIntentId: order.paymentIntentId ?? idOf(charge.payment_intent),
      },
    },
    tx,
  );
  return applied(order.id);
}
