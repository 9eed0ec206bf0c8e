import "server-only";
import {
  getRefundStep,
  listDuePaybacks,
  listDueRefundSteps,
  recordPaybackDone,
  recordPaybackError,
  recordRefundStepDone,
  recordRefundStepError,
} from "@/db/queries/cart-refund-steps";
import type { CartRefundStep } from "@/db/schema";
import { stripe } from "@/lib/stripe";
import { logStripeFailure } from "@/lib/stripe-errors";

/*
 * The seller's side of a cart line's refund (lib/refunds/stripe-refund.ts says which): a reversal of the
 * seller's transfer for the line's part (separate charges), or a refund of the line's share of the
 * destination charge's application fee. Made right after the buyer's refund and, until Stripe's id is
 * recorded, by the `cart-refund-steps` job. Never twice: an idempotency key per refund, and before making
 * one we look for it by its metadata (an idempotency key is forgotten after 24 hours).
 * If the buyer's refund then fails (a closed card) or is canceled, the reversal took from the seller money
 * the buyer never got back: the same job pays it back with a transfer to the seller, made the same way
 * (never twice), so a later refund of the line takes it from the seller only once.
 */

const keyOf = (step: CartRefundStep) => `refund-step-${step.refundId}`;
const metadataOf = (step: CartRefundStep) => ({ refund_id: step.refundId });

async function feeOfIntent(paymentIntentId: string): Promise<string> {
  const intent = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] });
  const charge = intent.latest_charge;
  const fee = charge && typeof charge !== "string" ? charge.application_fee : null;
  const feeId = typeof fee === "string" ? fee : fee?.id;
  if (!feeId) throw new Error(`PaymentIntent ${paymentIntentId} has no application fee to refund`);
  return feeId;
}

/** This refund's reversal on the transfer, if Stripe made it (our record of it may have been lost). */
async function reversalOf(step: CartRefundStep, transferId: string): Promise<string | undefined> {
  const made = await stripe.transfers.listReversals(transferId, { limit: 100 });
  return made.data.find((r) => r.metadata?.refund_id === step.refundId)?.id;
}

/**
 * The reversal of a cart line's refund: on the seller's transfer for the cart, or, once that was reversed
 * for a refund that then failed, on the transfer that paid it back (whichever still holds the amount).
 */
async function makeReversal(step: CartRefundStep): Promise<string> {
  const found = await reversalOf(step, step.stripeObjectId);
  if (found) return found;
  const original = await stripe.transfers.retrieve(step.stripeObjectId);
  let target = original.id;
  if (original.amount - original.amount_reversed < step.amount) {
    const destination =
      typeof original.destination === "string" ? original.destination : original.destination?.id;
    const paybacks = destination
      ? (await stripe.transfers.list({ destination, limit: 100 })).data.filter(
          (t) => t.metadata?.pays_back_transfer === original.id,
        )
      : [];
    for (const payback of paybacks) {
      const earlier = await reversalOf(step, payback.id);
      if (earlier) return earlier;
    }
    // None with room: the reversal on the seller's transfer is refused, recorded and shown, as before.
    target = paybacks.find((t) => t.amount - t.amount_reversed >= step.amount)?.id ?? original.id;
  }
  const reversal = await stripe.transfers.createReversal(
    target,
    { amount: step.amount, metadata: metadataOf(step) },
    { idempotencyKey: keyOf(step) },
  );
  return reversal.id;
}

async function makeStep(step: CartRefundStep): Promise<string> {
  if (step.kind === "transfer_reversal") return makeReversal(step);
  const feeId = await feeOfIntent(step.stripeObjectId);
  const made = await stripe.applicationFees.listRefunds(feeId, { limit: 100 });
  const found = made.data.find((r) => r.metadata?.refund_id === step.refundId);
  if (found) return found.id;
  const refund = await stripe.applicationFees.createRefund(
    feeId,
    { amount: step.amount, metadata: metadataOf(step) },
    { idempotencyKey: keyOf(step) },
  );
  return refund.id;
}

/** The transfer that gives the seller back a reversal whose buyer refund failed; found first if made. */
async function makePayback(step: CartRefundStep, destination: string): Promise<string> {
  const metadata = {
    refund_id: step.refundId,
    pays_back: step.stripeId ?? "",
    pays_back_transfer: step.stripeObjectId,
  };
  const made = await stripe.transfers.list({ destination, limit: 100 });
  const found = made.data.find(
    (t) => t.metadata?.refund_id === step.refundId && t.metadata?.pays_back === step.stripeId,
  );
  if (found) return found.id;
  // From the cart's charge, as the reversed transfer was: its reversed part no longer counts against the
  // charge, and the platform's available balance need not cover it.
  const reversed = await stripe.transfers.retrieve(step.stripeObjectId);
  const source = reversed.source_transaction;
  const transfer = await stripe.transfers.create(
    {
      amount: step.amount,
      currency: step.currency,
      destination,
      metadata,
      ...(source ? { source_transaction: typeof source === "string" ? source : source.id } : {}),
    },
    { idempotencyKey: `refund-step-payback-${step.refundId}` },
  );
  return transfer.id;
}

async function runPayback(step: CartRefundStep, destination: string): Promise<boolean> {
  try {
    await recordPaybackDone({ refundId: step.refundId, stripeId: await makePayback(step, destination) });
    return true;
  } catch (error) {
    logStripeFailure(`payback of ${step.amount} for failed refund ${step.refundId} to ${destination}`, error);
    const message = error instanceof Error ? error.message : String(error);
    await recordPaybackError({ refundId: step.refundId, error: message.slice(0, 500) });
    return false;
  }
}

/** Makes one refund's step; a refusal is recorded on the step (shown on the admin's order page) and retried. */
export async function runRefundStep(step: CartRefundStep): Promise<boolean> {
  if (step.stripeId || step.amount <= 0) return true;
  try {
    await recordRefundStepDone({ refundId: step.refundId, stripeId: await makeStep(step) });
    return true;
  } catch (error) {
    const what = `${step.kind} of ${step.amount} for refund ${step.refundId} on ${step.stripeObjectId}`;
    logStripeFailure(what, error);
    // Stripe's own words: only the admin's order page shows them.
    const message = error instanceof Error ? error.message : String(error);
    await recordRefundStepError({ refundId: step.refundId, error: message.slice(0, 500) });
    return false;
  }
}

/** Right after the buyer's refund was made. */
export async function runRefundStepOf(refundId: string): Promise<void> {
  const step = await getRefundStep({ refundId });
  if (step) await runRefundStep(step);
}

/** The job: every step whose buyer refund exists at Stripe and is not made yet, then every payback due. */
export async function runDueRefundSteps({ limit = 50 }: { limit?: number } = {}): Promise<{
  made: number;
  failed: number;
}> {
  const run = { made: 0, failed: 0 };
  for (const step of await listDueRefundSteps({ limit })) {
    if (await runRefundStep(step)) run.made++;
    else run.failed++;
  }
  for (const { step, destination } of await listDuePaybacks({ limit })) {
    if (await runPayback(step, destination)) run.made++;
    else run.failed++;
  }
  return run;
}
