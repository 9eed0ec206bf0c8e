import { and, asc, eq, inArray, isNotNull, isNull, notInArray, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { cartRefundSteps, orders, refunds, type CartRefundStep } from "@/db/schema";
import { RETURNED_REFUND_STATUSES } from "./refunds";

/*
 * The seller's side of cart-line refunds (db/cart-checkout-schema.ts cartRefundSteps,
 * lib/refunds/refund-steps.ts): written with the pending refund, done once Stripe's id is recorded.
 */

export type NewRefundStep = Pick<
  typeof cartRefundSteps.$inferInsert,
  "refundId" | "kind" | "stripeObjectId" | "amount" | "currency" | "feeReturned"
>;

export async function insertRefundStep(step: NewRefundStep, ex: Executor = db): Promise<void> {
  await ex.insert(cartRefundSteps).values(step);
}

export async function getRefundStep(
  { refundId }: { refundId: string },
  ex: Executor = db,
): Promise<CartRefundStep | undefined> {
  const [row] = await ex.select().from(cartRefundSteps).where(eq(cartRefundSteps.refundId, refundId));
  return row;
}

/**
 * Steps still to make: the buyer's refund exists at Stripe (it has its id) and did not fail or get
 * canceled. A refund Stripe refused never gets a step made (the seller keeps what was never refunded).
 */
export async function listDueRefundSteps(
  { limit }: { limit: number },
  ex: Executor = db,
): Promise<CartRefundStep[]> {
  const rows = await ex
    .select({ step: cartRefundSteps })
    .from(cartRefundSteps)
    .innerJoin(refunds, eq(refunds.id, cartRefundSteps.refundId))
    .where(
      and(
        isNull(cartRefundSteps.stripeId),
        sql`${cartRefundSteps.amount} > 0`,
        sql`${refunds.stripeRefundId} is not null`,
        notInArray(refunds.status, [...RETURNED_REFUND_STATUSES]),
      ),
    )
    .orderBy(asc(cartRefundSteps.createdAt))
    .limit(limit);
  return rows.map((r) => r.step);
}

/** Stripe made the step: recorded once (a second worker's answer is the same object, by idempotency key). */
export async function recordRefundStepDone(
  { refundId, stripeId }: { refundId: string; stripeId: string },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(cartRefundSteps)
    .set({ stripeId, lastError: null, updatedAt: new Date() })
    .where(and(eq(cartRefundSteps.refundId, refundId), isNull(cartRefundSteps.stripeId)));
}

export async function recordRefundStepError(
  { refundId, error }: { refundId: string; error: string },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(cartRefundSteps)
    .set({ attempts: sql`${cartRefundSteps.attempts} + 1`, lastError: error, updatedAt: new Date() })
    .where(and(eq(cartRefundSteps.refundId, refundId), isNull(cartRefundSteps.stripeId)));
}

/**
 * Reversals to pay back: the step took the line's part from the seller's transfer, then the buyer's refund
 * failed (or was canceled), so the platform holds money that is the seller's. With the seller's account.
 */
export async function listDuePaybacks(
  { limit }: { limit: number },
  ex: Executor = db,
): Promise<{ step: CartRefundStep; destination: string }[]> {
  return ex
    .select({ step: cartRefundSteps, destination: orders.stripeAccountId })
    .from(cartRefundSteps)
    .innerJoin(refunds, eq(refunds.id, cartRefundSteps.refundId))
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(
      and(
        eq(cartRefundSteps.kind, "transfer_reversal"),
        isNotNull(cartRefundSteps.stripeId),
        isNull(cartRefundSteps.paidBackStripeId),
        sql`${cartRefundSteps.amount} > 0`,
        inArray(refunds.status, [...RETURNED_REFUND_STATUSES]),
      ),
    )
    .orderBy(asc(cartRefundSteps.updatedAt))
    .limit(limit);
}

/** The seller was paid back: recorded once (a second worker's answer is the same transfer). */
export async function recordPaybackDone(
  { refundId, stripeId }: { refundId: string; stripeId: string },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(cartRefundSteps)
    .set({ paidBackStripeId: stripeId, lastError: null, updatedAt: new Date() })
    .where(and(eq(cartRefundSteps.refundId, refundId), isNull(cartRefundSteps.paidBackStripeId)));
}

export async function recordPaybackError(
  { refundId, error }: { refundId: string; error: string },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(cartRefundSteps)
    .set({ attempts: sql`${cartRefundSteps.attempts} + 1`, lastError: error, updatedAt: new Date() })
    .where(and(eq(cartRefundSteps.refundId, refundId), isNull(cartRefundSteps.paidBackStripeId)));
}
