import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { updateOrderFromWebhook } from "@/db/queries/orders";
import {
  insertStripeRefund,
  lockRefundByStripeId,
  lockUnmatchedRefund,
  sumStripeRefunds,
  updateRefundFromWebhook,
} from "@/db/queries/refunds";
import { REFUND_REASONS, type Order, type Refund } from "@/db/schema";
import { getAuthorization } from "@/db/queries/authorizations";
import { isAuthorizationRelease, releasedAmount } from "@/lib/capture/policy";
import { refundNote } from "@/lib/refunds/refund-note";
import { findCartOrderForRefund } from "./cart-checkouts";
import { findOrderForPayment } from "./payments";
import { canMoveRefund, refundStateFor, refundStatusFromStripe } from "./order-transitions";
import { applied, idOf, ignored, type HandlerResult } from "./types";

/*
 * refund.created / updated / failed (and charge.refund.updated, the same news) → our refund rows, on a
 * connected account (direct charges) or on the platform (cart lines, by the order id the refund carries);
 * charge.refunded → the same rows when it lists the charge's refunds, and the charge's refunded total.
 * A refund Stripe holds until the seller's balance covers it (pending, insufficient_funds) is a refund in
 * progress with a note saying so; the `refund.updated` that settles it clears the note (refund-note.ts).
 *
 * Order of events is not guaranteed, so refund statuses only move forward, and the order's amount
 * refunded is derived, in the transaction that holds the order's lock, from two parts:
 * - the refunds we hold a row for (with a Stripe id) that Stripe still counts: exact, whatever the order
 *   the events came in, because each row's status only moves forward;
 * - plus `unmatched`: what a charge event reported refunded beyond every refund we hold a row for,
 *   failed ones included (a refund we know failed may still be counted by an older charge snapshot, so
 *   it must never be taken for another refund). It only stands in for refunds whose own refund.* event
 *   has not arrived yet, and shrinks by each refund's amount when its row appears.
 * The total is therefore never higher than the truth, and exact once every refund's events are in.
 */

export const REFUND_EVENTS = [
  "refund.created",
  "refund.updated",
  "refund.failed",
  "charge.refund.updated",
] as const;

function reasonOf(refund: Stripe.Refund): Refund["reason"] {
  return (REFUND_REASONS as readonly string[]).includes(refund.reason ?? "")
    ? (refund.reason as Refund["reason"])
    : null;
}

interface Synced {
  row: Refund;
  /** The row got its Stripe id with this event: the refund is no longer part of `unmatched`. */
  newlyMatched: boolean;
}

/**
 * Finds (or creates) our row for Stripe's refund and moves its status forward. Matching: by Stripe's
 * refund id, then by the `metadata.refund_id` our admin console sets, else it is a refund made outside
 * the app (e.g. the Stripe Dashboard) and gets a row of its own.
 */
async function syncRefund(order: Order, refund: Stripe.Refund, tx: Transaction): Promise<Synced> {
  const status = refundStatusFromStripe(refund.status);
  let row = await lockRefundByStripeId({ stripeRefundId: refund.id }, tx);
  let newlyMatched = false;
  const ourId = refund.metadata?.refund_id;
  if (!row && ourId && /^[0-9a-f-]{36}$/i.test(ourId)) {
    const mine = await lockUnmatchedRefund({ id: ourId, orderId: order.id, stripeRefundId: refund.id }, tx);
    if (mine) {
      row = await updateRefundFromWebhook({ id: mine.id, values: { stripeRefundId: refund.id } }, tx);
      newlyMatched = mine.stripeRefundId === null;
    }
  }
  if (!row) {
    const values = {
      orderId: order.id,
      stripeRefundId: refund.id,
      amount: refund.amount,
      currency: refund.currency,
      reason: reasonOf(refund),
      status,
      failureReason: refundNote(refund, order.chargeModel !== "direct"),
    };
    const inserted = await insertStripeRefund(values, tx);
    if (inserted) return { row: inserted, newlyMatched: true };
    // A concurrent event for the same refund inserted it first (we waited for its commit).
    row = await lockRefundByStripeId({ stripeRefundId: refund.id }, tx);
    if (!row) throw new Error(`refund ${refund.id} conflicted on insert but is not stored`);
  }
  const note = refundNote(refund, order.chargeModel !== "direct");
  if (!canMoveRefund(row.status, status)) {
    // Same status, news about it: a pending refund learns (or stops) waiting for the seller's funds.
    if (row.status !== status || status !== "pending" || row.failureReason === note)
      return { row, newlyMatched };
    const noted = await updateRefundFromWebhook({ id: row.id, values: { failureReason: note } }, tx);
    return { row: noted ?? row, newlyMatched };
  }
  // Moving on clears a note that no longer applies (a refund that waited for funds and then succeeded).
  const updated = await updateRefundFromWebhook({ id: row.id, values: { status, failureReason: note } }, tx);
  return { row: updated ?? row, newlyMatched };
}

/**
 * Syncs refund rows with `sync` and sets the order's amount refunded from them (see the top of the file).
 * `unmatched` is not stored: it is what the order's total holds beyond the rows counted before this
 * event. `charge` is the charge snapshot of a charge event, whose total may raise `unmatched`.
 */
async function settleAmountRefunded(
  order: Order,
  tx: Transaction,
  sync: () => Promise<Synced[]>,
  charge?: Stripe.Charge,
): Promise<void> {
  const before = await sumStripeRefunds({ orderId: order.id }, tx);
  let unmatched = Math.max(0, order.amountRefunded - before.counting);
  for (const { row, newlyMatched } of await sync())
    if (newlyMatched) unmatched = Math.max(0, unmatched - row.amount);
  const after = await sumStripeRefunds({ orderId: order.id }, tx);
  // A released authorisation ("charge when I ship") shows in amount_refunded but was never charged.
  if (charge)
    unmatched = Math.max(
      unmatched,
      charge.amount_refunded - releasedAmount(charge) - after.counting - after.notCounting,
    );
  const amount = Math.max(0, Math.min(order.amount, after.counting + unmatched));
  if (amount === order.amountRefunded) return;
  await updateOrderFromWebhook(
    { id: order.id, values: { amountRefunded: amount, refundState: refundStateFor(order.amount, amount) } },
    tx,
  );
  order.amountRefunded = amount;
}

/**
 * Whether a refund event (no charge snapshot at hand) is the release of a manual order's uncaptured amount:
 * no money moved, and exactly what was authorised but not captured (all of it, when released).
 */
async function releasesAuthorization(order: Order, refund: Stripe.Refund, tx: Transaction): Promise<boolean> {
  if (order.captureMethod !== "manual" || refund.balance_transaction) return false;
  const auth = await getAuthorization({ orderId: order.id }, tx);
  if (!auth) return false;
  const released = auth.capturedAt ? auth.amount - order.amount : auth.amount;
  return released > 0 && refund.amount === released;
}

export async function handleRefundEvent(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  const refund = event.data.object as Stripe.Refund;
  if (refund.object !== "refund") return ignored(`${event.type} does not carry a refund`);
  // On the platform's own account: a cart line's refund (the platform is the merchant of carts).
  const order = event.account
    ? await findOrderForPayment(
        {
          paymentIntentId: idOf(refund.payment_intent),
          chargeId: idOf(refund.charge),
          metadataOrderId: refund.metadata?.order_id,
          account: event.account,
        },
        tx,
      )
    : await findCartOrderForRefund(refund, tx);
  if (!order) return ignored(`No order for refund ${refund.id}.`);
  if (await releasesAuthorization(order, refund, tx))
    return ignored(
      `Refund ${refund.id} releases the uncaptured authorisation: nothing was charged.`,
      order.id,
    );
  await settleAmountRefunded(order, tx, async () => [await syncRefund(order, refund, tx)]);
  return applied(order.id);
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
  const listed = (charge.refunds?.data ?? []).filter((r) => !isAuthorizationRelease(r, charge));
  await settleAmountRefunded(
    order,
    tx,
    async () => {
      const synced: Synced[] = [];
      for (const refund of listed) synced.push(await syncRefund(order, refund, tx));
      return synced;
    },
    charge,
  );
  if (!order.chargeId) await updateOrderFromWebhook({ id: order.id, values: { chargeId: charge.id } }, tx);
  return applied(order.id);
}
