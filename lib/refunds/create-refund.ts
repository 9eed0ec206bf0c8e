import "server-only";
import type Stripe from "stripe";
import { insertRefundStep } from "@/db/queries/cart-refund-steps";
import {
  insertPendingRefund,
  lockOrderForRefund,
  markRefundFailed,
  getRefundById,
  recordStripeRefund,
} from "@/db/queries/refunds";
import { runInTransaction } from "@/db/queries/transaction";
import { REFUND_STATUSES, type Order, type Refund, type REFUND_REASONS } from "@/db/schema";
import { recordAudit } from "@/lib/admin/audit";
import { AppError } from "@/lib/errors";
import type { Admin } from "@/lib/guards";
import { stripeFailure } from "@/lib/stripe-errors";
import { computeRefundPreview, sameStamp, type PreviewStamp, type RefundPreview } from "./preview";
import { runRefundStepOf } from "./refund-steps";
import { createStripeRefund, findStripeRefund, refundStepFor, refundTargetOf } from "./stripe-refund";
import { refundNote } from "./refund-note";

/**
 * A refund as the admin asked for it, already parsed (the form's schema, lib/refunds/refund-form.ts) and
 * in minor units of the order's currency (parseMoneyInput). Nothing here is parsed again.
 */
export interface RefundInput {
  orderId: string;
  amount: number;
  reason: (typeof REFUND_REASONS)[number];
  refundApplicationFee: boolean;
  /** The admin's own words, kept in the audit log. */
  note?: string;
  /** Where the admin asked, when not the admin console: kept in the audit log. */
  via?: RefundChannel;
}

/** A refund asked from the Stripe App in the Dashboard, by this Dashboard user (linked to the admin). */
export interface RefundChannel {
  channel: "stripe_app";
  dashboardUserId: string;
}

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
 * 2. After commit, the refund is created where the order was paid (lib/refunds/stripe-refund.ts: the
 *    seller's account for a direct charge, the platform for a cart line, whose seller's side is a refund
 *    step made right after, lib/refunds/refund-steps.ts), with an idempotency key from our row id so SDK
 *    retries never refund twice.
 * 3. If Stripe refuses, the row is marked failed (so its amount is refundable again), the failure is
 *    audited, and the admin gets a readable message. Webhooks later settle pending refunds — including
 *    one Stripe holds until the seller's balance covers it (pending, insufficient_funds): not a refusal.
 *
 * The caller is an `Admin` (the action's guard checked the role) and the order is read once, locked.
 * Refusals before step 1 commits (amount, order state) write nothing. With `expected` (what the admin
 * confirmed), the preview is recomputed under the lock and must match it, else StaleRefundPreviewError.
 */
export async function createRefund(
  admin: Admin,
  input: RefundInput,
  options: { expected?: PreviewStamp } = {},
): Promise<CreatedRefund> {
  const { orderId, amount, reason, refundApplicationFee, note, via } = input;

  const { refund, order, preview, target } = await runInTransaction(async (tx) => {
    const order = await lockOrderForRefund({ id: orderId }, tx);
    if (!order) throw new AppError("not_found:refund", "This order does not exist.");
    const preview = await computeRefundPreview(order, { amount, refundApplicationFee }, tx);
    const target = await refundTargetOf(order, tx);
    if (options.expected && !sameStamp(options.expected, preview)) throw new StaleRefundPreviewError(preview);
    const refund = await insertPendingRefund(
      { orderId, amount, currency: order.currency, reason, refundApplicationFee, createdBy: admin.id },
      tx,
    );
    // A cart line: the seller's side (reversal or fee share), made once the buyer's refund exists.
    const step = refundStepFor(target, refund, preview.feeReturned);
    if (step) await insertRefundStep(step, tx);
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
          ...(via ? { via } : {}),
        },
        result: "ok",
      },
      tx,
    );
    return { refund, order, preview, target };
  });

  try {
    const created = await createStripeRefund(
      target,
      { id: refund.id, orderId: order.id, amount, reason },
      refundApplicationFee,
    );
    const stored = await storeStripeRefund(refund, created, order);
    await runRefundStepOf(refund.id);
    return { refund: stored, order, preview };
  } catch (error) {
    const failure = stripeFailure(error, "refund", `refunds.create for refund ${refund.id}`);
    if (failure.outcomeUnknown) {
      // The request may have reached Stripe with the response lost: look for our refund before failing it.
      const found = await findStripeRefund(target, refund.id);
      if (found) {
        const stored = await storeStripeRefund(refund, found, order);
        await runRefundStepOf(refund.id);
        return { refund: stored, order, preview };
      }
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
        ...(via ? { via } : {}),
      },
      result: "error",
    });
    throw failure;
  }
}

function ourStatus(status: string | null): Refund["status"] {
  return (REFUND_STATUSES as readonly string[]).includes(status ?? "")
    ? (status as Refund["status"])
    : "pending";
}

async function storeStripeRefund(refund: Refund, created: Stripe.Refund, order: Order): Promise<Refund> {
  const stored = await recordStripeRefund({
    id: refund.id,
    stripeRefundId: created.id,
    status: ourStatus(created.status),
    // Why it failed, or that Stripe holds it until the balance covers it (the platform's, for a cart line).
    failureReason: refundNote(created, order.chargeModel !== "direct"),
  });
  return stored ?? refund;
}
