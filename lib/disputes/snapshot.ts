import type Stripe from "stripe";
import type { Executor } from "@/db/client";
import { insertDispute, lockDisputeByStripeId, updateDispute, type NewDispute } from "@/db/queries/disputes";
import { updateOrderFromWebhook } from "@/db/queries/orders";
import type { Dispute, Order } from "@/db/schema";
import { canMoveDispute, isClosedDispute } from "./status";

/*
 * The one place a Stripe dispute becomes our row: the charge.dispute.* webhooks, the admin's answers (the
 * dispute Stripe returns) and the deadline job (a dispute read back from Stripe) all go through it.
 * Each part only moves forward, so snapshots applied in any order, or twice, end in the same row:
 * the status by rank (waiting → under review → closed), the submission count and the money by maximum
 * (balance transactions are only ever added), the deadline once known.
 */

/** What a dispute's balance transactions took from the charged account and gave back. */
export function disputeMoney(dispute: Pick<Stripe.Dispute, "balance_transactions">): {
  withdrawn: number;
  fee: number;
  reinstated: number;
} {
  let withdrawn = 0;
  let fee = 0;
  let reinstated = 0;
  for (const txn of dispute.balance_transactions ?? []) {
    if (txn.amount < 0) withdrawn += -txn.amount;
    else reinstated += txn.amount;
    fee += txn.fee;
  }
  return { withdrawn, fee, reinstated };
}

/** `at`: when the news is from (the event's `created`), so a closed dispute says when it closed. */
function figuresOf(dispute: Stripe.Dispute, at: Date) {
  const money = disputeMoney(dispute);
  const dueBy = dispute.evidence_details?.due_by;
  return {
    amount: dispute.amount,
    reason: dispute.reason,
    status: dispute.status,
    evidenceDueBy: dueBy ? new Date(dueBy * 1000) : null,
    hasEvidence: dispute.evidence_details?.has_evidence ?? false,
    submissionCount: dispute.evidence_details?.submission_count ?? 0,
    amountWithdrawn: money.withdrawn,
    feeWithdrawn: money.fee,
    amountReinstated: money.reinstated,
    closedAt: isClosedDispute(dispute.status) ? at : null,
  };
}

function merged(row: Dispute, next: ReturnType<typeof figuresOf>, orderId: string | null) {
  const status = canMoveDispute(row.status, next.status) ? next.status : row.status;
  return {
    status,
    amount: next.amount,
    reason: next.reason,
    evidenceDueBy: next.evidenceDueBy ?? row.evidenceDueBy,
    hasEvidence: row.hasEvidence || next.hasEvidence,
    submissionCount: Math.max(row.submissionCount, next.submissionCount),
    amountWithdrawn: Math.max(row.amountWithdrawn, next.amountWithdrawn),
    feeWithdrawn: Math.max(row.feeWithdrawn, next.feeWithdrawn),
    amountReinstated: Math.max(row.amountReinstated, next.amountReinstated),
    closedAt: row.closedAt ?? (isClosedDispute(status) ? (next.closedAt ?? new Date()) : null),
    orderId: row.orderId ?? orderId,
  };
}

/**
 * Stores the dispute (locking its row) and flags its order. `order` is the order the dispute is about,
 * when known (the webhook finds it by PaymentIntent or charge; other callers pass none and keep the row's).
 */
export async function applyDisputeSnapshot(
  dispute: Stripe.Dispute,
  context: { account: string | null; order?: Pick<Order, "id" | "disputed"> | undefined; at?: Date },
  ex: Executor,
): Promise<Dispute> {
  const chargeId = typeof dispute.charge === "string" ? dispute.charge : dispute.charge.id;
  const next = figuresOf(dispute, context.at ?? new Date());
  const orderId = context.order?.id ?? null;
  let row = await lockDisputeByStripeId({ stripeDisputeId: dispute.id }, ex);
  if (!row) {
    const values: NewDispute = {
      stripeDisputeId: dispute.id,
      orderId,
      stripeAccountId: context.account,
      chargeId,
      currency: dispute.currency,
      ...next,
    };
    row = await insertDispute(values, ex);
    // A concurrent event for the same dispute inserted it first (we waited for its commit): merge into it.
    if (!row) {
      const stored = await lockDisputeByStripeId({ stripeDisputeId: dispute.id }, ex);
      if (!stored) throw new Error(`dispute ${dispute.id} conflicted on insert but is not stored`);
      row = await updateDispute({ id: stored.id, values: merged(stored, next, orderId) }, ex);
    }
  } else {
    row = await updateDispute({ id: row.id, values: merged(row, next, orderId) }, ex);
  }
  if (!row) throw new Error(`dispute ${dispute.id} could not be stored`);
  if (context.order && !context.order.disputed)
    await updateOrderFromWebhook({ id: context.order.id, values: { disputed: true } }, ex);
  return row;
}
