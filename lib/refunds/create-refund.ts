import "server-only";
import type Stripe from "stripe";
import { z } from "zod";
import {
  insertPendingRefund,
  lockOrderForRefund,
  markRefundFailed,
  getRefundById,
  recordStripeRefund,
} from "@/db/queries/refunds";
import { runInTransaction } from "@/db/queries/transaction";
import { REFUND_REASONS, REFUND_STATUSES, type Order, type Refund, type User } from "@/db/schema";
import { recordAudit } from "@/lib/admin/audit";
import { requireRole } from "@/lib/auth";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { stripe } from "@/lib/stripe";
import { stripeErrorSummary } from "@/lib/stripe-errors";
import { computeRefundPreview, sameStamp, type PreviewStamp, type RefundPreview } from "./preview";
import { refundNote } from "./refund-note";
import { describeRefundFailure } from "./stripe-errors";

export const refundInputSchema = z.object({
  orderId: z.uuid({ message: "Unknown order." }),
  amount: z
    .number({ message: "The amount must be a number of minor units (cents)." })
    .int({ message: "The amount must be a whole number of minor units (cents)." })
    .positive({ message: "The amount must be more than zero." })
    .max(99_999_999, { message: "The amount is too large." }),
  reason: z.enum(REFUND_REASONS, { message: "Choose a reason for the refund." }),
  refundApplicationFee: z.boolean(),
  /** The admin's own words, kept in the audit log. */
  note: z.string().max(500, { message: "Keep the note under 500 characters." }).optional(),
});
export type RefundInput = z.infer<typeof refundInputSchema>;

export interface CreatedRefund {
  refund: Refund;
  order: Order;
  /** What the refund did, as previewed (fee returned, seller debited). */
  preview: RefundPreview;
}

/** The order changed between the admin's preview and the confirmation: nothing was refunded. */
export class StaleRefundPreviewError extends AppError {
  constructor(readonly preview: RefundPreview) {
    super(
      "conflict:refund",
      "This order changed since your preview (another refund was made), so nothing was refunded. Check the new figures and confirm again.",
    );
  }
}

/**
 * An admin refunds (part of) an order on behalf of its Express seller.
 *
 * 1. One transaction locks the order row, checks what is still refundable against OUR refund rows
 *    (pending ones included, so an in-flight refund is never counted twice), and writes the `pending`
 *    refund row and its audit entry. Two admins (or a double click) are serialised by the row lock.
 * 2. After commit, the refund is created on the seller's account (direct charge → `stripeAccount`),
 *    with an idempotency key from our row id so SDK retries never refund twice.
 * 3. If Stripe refuses, the row is marked failed (so its amount is refundable again), the failure is
 *    audited, and the admin gets a readable message. Webhooks later settle pending refunds — including
 *    one Stripe holds until the seller's balance covers it (pending, insufficient_funds): not a refusal.
 *
 * Refusals before step 1 commits (role, amount, order state) write nothing. With `expected` (what the
 * admin confirmed), the preview is recomputed under the lock and must match it, else StaleRefundPreviewError.
 */
export async function createRefund(
  actor: User | null,
  input: RefundInput,
  options: { expected?: PreviewStamp } = {},
): Promise<CreatedRefund> {
  const admin = requireRole(actor, "admin", "refund");
  const parsed = refundInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("unprocessable:refund", parsed.error.issues[0]?.message ?? "Invalid refund.", {
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  }
  const { orderId, amount, reason, refundApplicationFee, note } = parsed.data;

  const { refund, order, preview } = await runInTransaction(async (tx) => {
    const order = await lockOrderForRefund({ id: orderId }, tx);
    if (!order) throw new AppError("not_found:refund", "This order does not exist.");
    const preview = await computeRefundPreview(order, { amount, refundApplicationFee }, tx);
    if (options.expected && !sameStamp(options.expected, preview)) throw new StaleRefundPreviewError(preview);
    const refund = await insertPendingRefund(
      { orderId, amount, currency: order.currency, reason, refundApplicationFee, createdBy: admin.id },
      tx,
    );
    await recordAudit(
      admin,
      {
        action: "refund.create",
        targetType: "order",
        targetId: order.id,
        details: {
          refundId: refund.id,
          amount,
          currency: order.currency,
          reason,
          refundApplicationFee,
          feeReturned: preview.feeReturned,
          ...(note ? { note } : {}),
        },
        result: "ok",
      },
      tx,
    );
    return { refund, order, preview };
  });

  try {
    const created = await stripe.refunds.create(
      {
        ...(order.paymentIntentId
          ? { payment_intent: order.paymentIntentId }
          : { charge: order.chargeId ?? undefined }),
        amount,
        reason,
        refund_application_fee: refundApplicationFee,
        metadata: { refund_id: refund.id, order_id: order.id },
      },
      { stripeAccount: order.stripeAccountId, idempotencyKey: `refund-${refund.id}` },
    );
    return { refund: await storeStripeRefund(refund, created), order, preview };
  } catch (error) {
    console.error(`[refund ${refund.id}] Stripe refused the refund:`, stripeErrorSummary(error));
    const failure = describeRefundFailure(error);
    if (failure.outcomeUnknown) {
      // The request may have reached Stripe with the response lost: look for our refund before failing it.
      const found = await findStripeRefund(order, refund.id);
      if (found) return { refund: await storeStripeRefund(refund, found), order, preview };
    }
    const failed = await markRefundFailed({ id: refund.id, failureReason: failure.message });
    if (!failed) {
      // A webhook matched Stripe's refund to our row in the meantime: Stripe did make it.
      const settled = await getRefundById({ id: refund.id });
      if (settled?.stripeRefundId) return { refund: settled, order, preview };
    }
    await recordAudit(admin, {
      action: "refund.failed",
      targetType: "order",
      targetId: order.id,
      details: {
        refundId: refund.id,
        amount,
        currency: order.currency,
        failureReason: failure.message,
        stripeCode: (error as { code?: unknown }).code ?? null,
      },
      result: "error",
    });
    throw new AppError(failure.outcomeUnknown ? "stripe:refund" : "conflict:refund", failure.message, {
      cause: error,
    });
  }
}

function ourStatus(status: string | null): Refund["status"] {
  return (REFUND_STATUSES as readonly string[]).includes(status ?? "")
    ? (status as Refund["status"])
    : "pending";
}

async function storeStripeRefund(refund: Refund, created: Stripe.Refund): Promise<Refund> {
  const stored = await recordStripeRefund({
    id: refund.id,
    stripeRefundId: created.id,
    status: ourStatus(created.status),
    // Why it failed, or that Stripe holds it until the seller's balance covers it (refund-note.ts).
    failureReason: refundNote(created),
  });
  return stored ?? refund;
}

/** Our refund at Stripe, found by the metadata we sent; undefined when absent or Stripe is unreachable. */
async function findStripeRefund(order: Order, refundId: string): Promise<Stripe.Refund | undefined> {
  try {
    const params = order.paymentIntentId
      ? { payment_intent: order.paymentIntentId }
      : { charge: order.chargeId ?? undefined };
    const list = await stripe.refunds.list(
      { ...params, limit: 100 },
      { stripeAccount: order.stripeAccountId },
    );
    return list.data.find((r) => r.metadata?.refund_id === refundId);
  } catch (error) {
    console.error(`[refund ${refundId}] could not check Stripe for the refund:`, stripeErrorSummary(error));
    return undefined;
  }
}
