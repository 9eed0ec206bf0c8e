import "server-only";
import {
  getRefundStep,
  listDueRefundSteps,
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

async function makeStep(step: CartRefundStep): Promise<string> {
  if (step.kind === "transfer_reversal") {
    const made = await stripe.transfers.listReversals(step.stripeObjectId, { limit: 100 });
    const found = made.data.find((r) => r.metadata?.refund_id === step.refundId);
    if (found) return found.id;
    const reversal = await stripe.transfers.createReversal(
      step.stripeObjectId,
      { amount: step.amount, metadata: metadataOf(step) },
      { idempotencyKey: keyOf(step) },
    );
    return reversal.id;
  }
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

/** The job: every step whose buyer refund exists at Stripe and is not made yet. */
export async function runDueRefundSteps({ limit = 50 }: { limit?: number } = {}): Promise<{
  made: number;
  failed: number;
}> {
  const run = { made: 0, failed: 0 };
  for (const step of await listDueRefundSteps({ limit })) {
    if (await runRefundStep(step)) run.made++;
    else run.failed++;
  }
  return run;
}
