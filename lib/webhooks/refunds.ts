import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { updateOrderFromWebhook } from "@/db/queries/orders";
import {
  insertStripeRefund,
  listRefundsByStripeIds,
  lockRefundByStripeId,
  lockUnmatchedRefund,
  updateRefundFromWebhook,
} from "@/db/queries/refunds";
import { REFUND_REASONS, type Order, type Refund } from "@/db/schema";
import { findOrderForPayment } from "./find-order";
import {
  canMoveRefund,
  refundCountsAsRefunded,
  refundStateFor,
  refundStatusFromStripe,
} from "./order-transitions";
import { applied, idOf, ignored, type HandlerResult } from "./types";

/*
 * refund.created / updated / failed (and charge.refund.updated, the same news) → our refund rows;
 * charge.refunded → the order's amount refunded and refund state, which follow the charge.
 *
 * Order of events is not guaranteed, so: refund statuses only move forward; the order's amount
 * refunded only rises from a charge event (a late charge.refunded carries an older, smaller total);
 * the one legitimate decrease is a refund that fails, applied once when its row turns failed.
 */

export const REFUND_EVENTS = ["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"] as const;

function failureText(refund: Stripe.Refund): string | null {
  // Stripe's failure_reason is a short code ("expired_or_canceled_card"): safe to show admins.
  if (refund.status !== "failed") return null;
  return `Stripe could not refund the card (${refund.failure_reason ?? "unknown reason"}).`;
}

function reasonOf(refund: Stripe.Refund): Refund["reason"] {
  return (REFUND_REASONS as readonly string[]).includes(refund.reason ?? "") ? (refund.reason as Refund["reason"]) : null;
}

interface Synced {
  row: Refund;
  /** The refund stopped counting as refunded with this event (it failed or was canceled). */
  stoppedCounting: boolean;
}

/**
 * Finds (or creates) our row for Stripe's refund and moves its status forward. Matching: by Stripe's
 * refund id, then by the `metadata.refund_id` our admin console sets, else it is a refund made outside
 * the app (e.g. the Stripe Dashboard) and gets a row of its own.
 */
async function syncRefund(order: Order, refund: Stripe.Refund, tx: Transaction): Promise<Synced> {
  const status = refundStatusFromStripe(refund.status);
  let row = await lockRefundByStripeId({ stripeRefundId: refund.id }, tx);
  const ourId = refund.metadata?.refund_id;
  if (!row && ourId && /^[0-9a-f-]{36}$/i.test(ourId)) {
    const mine = await lockUnmatchedRefund({ id: ourId, orderId: order.id, stripeRefundId: refund.id }, tx);
    if (mine) row = await updateRefundFromWebhook({ id: mine.id, values: { stripeRefundId: refund.id } }, tx);
  }
  if (!row) {
    const values = {
      orderId: order.id,
      stripeRefundId: refund.id,
      amount: refund.amount,
      currency: refund.currency,
      reason: reasonOf(refund),
      status,
      failureReason: failureText(refund),
    };
    const inserted = await insertStripeRefund(values, tx);
    if (inserted) return { row: inserted, stoppedCounting: false };
    // A concurrent event for the same refund inserted it first (we waited for its commit).
    row = await lockRefundByStripeId({ stripeRefundId: refund.id }, tx);
    if (!row) throw new Error(`refund ${refund.id} conflicted on insert but is not stored`);
  }
  if (!canMoveRefund(row.status, status)) return { row, stoppedCounting: false };
  const updated = await updateRefundFromWebhook(
    { id: row.id, values: { status, ...(failureText(refund) ? { failureReason: failureText(refund) } : {}) } },
    tx,
  );
  const stoppedCounting = refundCountsAsRefunded(row.status) && !refundCountsAsRefunded(status);
  return { row: updated ?? row, stoppedCounting };
}

async function setAmountRefunded(order: Order, amountRefunded: number, tx: Transaction): Promise<void> {
  const amount = Math.max(0, Math.min(order.amount, amountRefunded));
  if (amount === order.amountRefunded) return;
  await updateOrderFromWebhook(
    { id: order.id, values: { amountRefunded: amount, refundState: refundStateFor(order.amount, amount) } },
    tx,
  );
  order.amountRefunded = amount;
}

export async function handleRefundEvent(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  const refund = event.data.object as Stripe.Refund;
  if (refund.object !== "refund") return ignored(`${event.type} does not carry a refund`);
  const order = await findOrderForPayment(
    {
      paymentIntentId: idOf(refund.payment_intent),
      chargeId: idOf(refund.charge),
      metadataOrderId: refund.metadata?.order_id,
      account: event.account ?? null,
    },
    tx,
  );
  if (!order) return ignored(`No order for refund ${refund.id}.`);
  const { stoppedCounting } = await syncRefund(order, refund, tx);
  if (stoppedCounting) await setAmountRefunded(order, order.amountRefunded - refund.amount, tx);
  return applied(order.id);
}

/**
 * What the charge says is refunded, minus refunds it still counts that we already know failed (the
 * charge snapshot is older than the failure). Only possible when the event lists the charge's refunds.
 */
function effectiveAmountRefunded(charge: Stripe.Charge, ours: Refund[]): number {
  const listed = charge.refunds && !charge.refunds.has_more ? charge.refunds.data : [];
  const failedSince = listed.filter((r) => {
    const row = ours.find((o) => o.stripeRefundId === r.id);
    return row && refundCountsAsRefunded(refundStatusFromStripe(r.status)) && !refundCountsAsRefunded(row.status);
  });
  return charge.amount_refunded - failedSince.reduce((sum, r) => sum + r.amount, 0);
}

export async function handleChargeRefunded(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
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
  // Recent API versions leave `refunds` out of charges unless expanded; refund.* events cover that case.
  const listed = charge.refunds?.data ?? [];
  let stopped = 0;
  for (const refund of listed) {
    const { stoppedCounting } = await syncRefund(order, refund, tx);
    if (stoppedCounting) stopped += refund.amount;
  }
  if (stopped > 0) await setAmountRefunded(order, order.amountRefunded - stopped, tx);
  const ours = await listRefundsByStripeIds({ stripeRefundIds: listed.map((r) => r.id) }, tx);
  const effective = effectiveAmountRefunded(charge, ours);
  if (effective > order.amountRefunded) await setAmountRefunded(order, effective, tx);
  if (!order.chargeId) await updateOrderFromWebhook({ id: order.id, values: { chargeId: charge.id } }, tx);
  return applied(order.id);
}
