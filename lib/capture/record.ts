import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { getAuthorization, recordCapture, recordRelease } from "@/db/queries/authorizations";
import type { Order, ReleaseReason } from "@/db/schema";
import { releaseReasonFromStripe } from "./policy";

/*
 * The one place that writes how an authorisation ended, whoever learnt it first: the seller's or the job's
 * capture/cancel call (settle.ts) or the webhooks (payment_intent.succeeded / canceled, charge.captured /
 * expired). Each write happens once; the later ones find it done and change nothing.
 */

/** What Stripe charged for a manual order (`at`: when we learnt it, on our clock like every *_at column). */
export interface Captured {
  amount: number;
  applicationFee: number | null;
  at: Date;
}

/**
 * Records a capture of `order` (locked by the caller): the order now says what was charged. The quantity
 * is the captured amount in whole units (ours always is); a capture made elsewhere for an odd amount keeps
 * the authorised quantity. Returns whether this call wrote it.
 */
export async function applyCapture(order: Order, captured: Captured, tx: Transaction): Promise<boolean> {
  if (order.captureMethod !== "manual") return false;
  const auth = await getAuthorization({ orderId: order.id }, tx);
  if (!auth || auth.capturedAt || auth.releasedAt) return false;
  const whole = captured.amount % order.unitAmount === 0;
  const quantity = whole ? captured.amount / order.unitAmount : auth.quantity;
  // A fee Stripe did not restate at capture stays the authorised one, capped at what was charged.
  const applicationFee = Math.min(captured.amount, captured.applicationFee ?? auth.applicationFeeAmount);
  return recordCapture(
    { orderId: order.id, quantity, amount: captured.amount, applicationFee, at: captured.at },
    tx,
  );
}

/**
 * Records the release of `order`'s authorisation (locked by the caller): canceled, nothing charged. A
 * release we started keeps the reason we gave; one Stripe reports on its own gets Stripe's.
 */
export async function applyRelease(
  order: Order,
  release: { reason?: ReleaseReason; stripeReason?: string | null; at: Date; error?: string | null },
  tx: Transaction,
): Promise<boolean> {
  if (order.captureMethod !== "manual") return false;
  const auth = await getAuthorization({ orderId: order.id }, tx);
  if (!auth || auth.capturedAt || auth.releasedAt) return false;
  const ours = auth.settlement?.action === "release" ? auth.settlement.reason : undefined;
  const reason = release.reason ?? ours ?? releaseReasonFromStripe(release.stripeReason);
  return recordRelease({ orderId: order.id, reason, at: release.at, error: release.error ?? null }, tx);
}

/** Records whatever end `intent` shows (succeeded → captured, canceled → released); false when neither. */
export async function applyIntentOutcome(
  order: Order,
  intent: Stripe.PaymentIntent,
  tx: Transaction,
  reason?: ReleaseReason,
): Promise<boolean> {
  if (intent.status === "succeeded") {
    return applyCapture(
      order,
      { amount: intent.amount_received, applicationFee: intent.application_fee_amount, at: new Date() },
      tx,
    );
  }
  if (intent.status === "canceled") {
    return applyRelease(order, { reason, stripeReason: intent.cancellation_reason, at: new Date() }, tx);
  }
  return false;
}
