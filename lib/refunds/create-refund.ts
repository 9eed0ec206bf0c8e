import "server-only";
import type Stripe from "stripe";
import { z } from "zod";
import {
  insertPendingRefund,
  lockOrderForRefund,
  markRefundFailed,
  getRefundById,
  recordStripeRefund,
  sumOutstandingRefunds,
} from "@/db/queries/refunds";
import { runInTransaction } from "@/db/queries/transaction";
import { REFUND_REASONS, REFUND_STATUSES, type Order, type Refund, type User } from "@/db/schema";
import { recordAudit } from "@/lib/admin/audit";
import { requireRole } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { stripe } from "@/lib/stripe";
import { stripeErrorSummary } from "@/lib/stripe-errors";
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
});
export type RefundInput = z.infer<typeof refundInputSchema>;

export interface CreatedRefund {
  refund: Refund;
  order: Order;
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
 *    audited, and the admin gets a readable message. Webhooks later settle pending refunds.
 *
 * Refusals before step 1 commits (role, amount, order state) write nothing.
 */
export async function createRefund(actor: User | null, input: RefundInput): Promise<CreatedRefund> {
  const admin = requireRole(actor, "admin", "refund");
  const parsed = refundInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    throw new AppError("unprocessable:refund", parsed.error.issues[0]?.message ?? "Invalid refund.", { fieldErrors });
  }
  const { orderId, amount, reason, refundApplicationFee } = parsed.data;

  const { refund, order } = await runInTransaction(async (tx) => {
    const order = await lockOrderForRefund({ id: orderId }, tx);
    if (!order) throw new AppError("not_found:refund", "This order does not exist.");
    if (order.status !== "succeeded" || (!order.paymentIntentId && !order.chargeId)) {
      throw new AppError("conflict:refund", `Only paid orders can be refunded; this order is ${order.status}.`);
    }
    const refundable = order.amount - (await sumOutstandingRefunds({ orderId }, tx));
    if (refundable <= 0) {
      throw new AppError("conflict:refund", "This order has already been refunded in full (or a refund for the rest is in progress).");
    }
    if (amount > refundable) {
      const message = `You can refund at most ${formatMoney(refundable, order.currency)} on this order.`;
      throw new AppError("unprocessable:refund", message, { fieldErrors: { amount: [message] } });
    }
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
        details: { refundId: refund.id, amount, currency: order.currency, reason, refundApplicationFee },
        result: "ok",
      },
      tx,
    );
    return { refund, order };
  });

  try {
    const created = await stripe.refunds.create(
      {
        ...(order.paymentIntentId ? { payment_intent: order.paymentIntentId } : { charge: order.chargeId ?? undefined }),
        amount,
        reason,
        refund_application_fee: refundApplicationFee,
        metadata: { refund_id: refund.id, order_id: order.id },
      },
      { stripeAccount: order.stripeAccountId, idempotencyKey: `refund-${refund.id}` },
    );
    return { refund: await storeStripeRefund(refund, created), order };
  } catch (error) {
    console.error(`[refund ${refund.id}] Stripe refused the refund:`, stripeErrorSummary(error));
    const failure = describeRefundFailure(error);
    if (failure.outcomeUnknown) {
      // The request may have reached Stripe with the response lost: look for our refund before failing it.
      const found = await findStripeRefund(order, refund.id);
      if (found) return { refund: await storeStripeRefund(refund, found), order };
    }
    const failed = await markRefundFailed({ id: refund.id, failureReason: failure.message });
    if (!failed) {
      // A webhook matched Stripe's refund to our row in the meantime: Stripe did make it.
      const settled = await getRefundById({ id: refund.id });
      if (settled?.stripeRefundId) return { refund: settled, order };
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
    throw new AppError(failure.outcomeUnknown ? "stripe:refund" : "conflict:refund", failure.message, { cause: error });
  }
}

function ourStatus(status: string | null): Refund["status"] {
  return (REFUND_STATUSES as readonly string[]).includes(status ?? "") ? (status as Refund["status"]) : "pending";
}

async function storeStripeRefund(refund: Refund, created: Stripe.Refund): Promise<Refund> {
  const stored = await recordStripeRefund({
    id: refund.id,
    stripeRefundId: created.id,
    status: ourStatus(created.status),
    // Stripe's failure_reason is a code ("expired_or_canceled_card"), safe and short enough to show.
    failureReason: created.status === "failed" ? `Stripe could not refund the card (${created.failure_reason ?? "unknown reason"}).` : null,
  });
  return stored ?? refund;
}

/** Our refund at Stripe, found by the metadata we sent; undefined when absent or Stripe is unreachable. */
async function findStripeRefund(order: Order, refundId: string): Promise<Stripe.Refund | undefined> {
  try {
    const params = order.paymentIntentId ? { payment_intent: order.paymentIntentId } : { charge: order.chargeId ?? undefined };
    const list = await stripe.refunds.list({ ...params, limit: 100 }, { stripeAccount: order.stripeAccountId });
    return list.data.find((r) => r.metadata?.refund_id === refundId);
  } catch (error) {
    console.error(`[refund ${refundId}] could not check Stripe for the refund:`, stripeErrorSummary(error));
    return undefined;
  }
}
