import { and, asc, count, eq, inArray, isNotNull, isNull, or, sql, sum } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import {
  cartRefundSteps,
  orders,
  refunds,
  users,
  type CartRefundStep,
  type Order,
  type Refund,
} from "@/db/schema";

/*
 * Refund rows. Our own rows (not orders.amount_refunded) decide what is still refundable, so a refund
 * that is in flight at Stripe is counted from the moment its row exists.
 */

/** Statuses whose money is (or may soon be) gone from the charge. */
export const OUTSTANDING_REFUND_STATUSES = ["pending", "succeeded", "requires_action"] as const;

/**
 * Reads the order and locks its row until the transaction ends (`select … for update`), so two admins
 * refunding the same order are serialised: the second sees the first one's pending refund row.
 * Only meaningful inside a transaction.
 */
export async function lockOrderForRefund({ id }: { id: string }, ex: Executor): Promise<Order | undefined> {
  const [row] = await ex.select().from(orders).where(eq(orders.id, id)).limit(1).for("update");
  return row;
}

/** Sum (minor units) of this order's refunds in `statuses`: by default pending, succeeded or awaiting action. */
export async function sumOutstandingRefunds(
  {
    orderId,
    statuses = [...OUTSTANDING_REFUND_STATUSES],
  }: { orderId: string; statuses?: Refund["status"][] },
  ex: Executor = db,
): Promise<number> {
  const [row] = await ex
    .select({ total: sum(refunds.amount) })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), inArray(refunds.status, statuses)));
  return Number(row?.total ?? 0);
}

type RefundInsert = typeof refunds.$inferInsert;

/** A refund made in the admin console: always by someone. */
export type NewRefund = Pick<
  RefundInsert,
  "orderId" | "amount" | "currency" | "reason" | "refundApplicationFee"
> & {
  createdBy: string;
};

export async function insertPendingRefund(input: NewRefund, ex: Executor = db): Promise<Refund> {
  const [row] = await ex
    .insert(refunds)
    .values({ ...input, status: "pending" })
    .returning();
  if (!row) throw new Error("refund row not inserted");
  return row;
}

/**
 * Stores what Stripe answered. The status only moves if the row is still `pending`: a webhook may
 * already have settled it (matched through metadata.refund_id) and we never move a refund backwards.
 */
export async function recordStripeRefund(
  {
    id,
    stripeRefundId,
    status,
    failureReason = null,
  }: { id: string; stripeRefundId: string; status: Refund["status"]; failureReason?: string | null },
  ex: Executor = db,
): Promise<Refund | undefined> {
  await ex
    .update(refunds)
    .set({ stripeRefundId, updatedAt: new Date() })
    .where(
      and(eq(refunds.id, id), or(isNull(refunds.stripeRefundId), eq(refunds.stripeRefundId, stripeRefundId))),
    );
  await ex
    .update(refunds)
    .set({ status, ...(failureReason ? { failureReason } : {}), updatedAt: new Date() })
    .where(and(eq(refunds.id, id), eq(refunds.status, "pending")));
  return getRefundById({ id }, ex);
}

/** Stripe refused the refund (nothing was created there): the row leaves the refundable sum. */
export async function markRefundFailed(
  { id, failureReason }: { id: string; failureReason: string },
  ex: Executor = db,
): Promise<Refund | undefined> {
  const [row] = await ex
    .update(refunds)
    .set({ status: "failed", failureReason, updatedAt: new Date() })
    .where(and(eq(refunds.id, id), eq(refunds.status, "pending"), isNull(refunds.stripeRefundId)))
    .returning();
  return row;
}

export async function getRefundById({ id }: { id: string }, ex: Executor = db): Promise<Refund | undefined> {
  const [row] = await ex.select().from(refunds).where(eq(refunds.id, id)).limit(1);
  return row;
}

export interface RefundWithActor {
  refund: Refund;
  createdByEmail: string | null;
  /** A cart line's refund: the seller's side (transfer reversal or fee share), made or still due. */
  step: CartRefundStep | null;
}

/** An order's refunds, oldest first, with the admin who made each (null for refunds made outside the app). */
export async function listRefundsForOrder(
  { orderId }: { orderId: string },
  ex: Executor = db,
): Promise<RefundWithActor[]> {
  const rows = await ex
    .select({ refund: refunds, createdByEmail: users.email, step: cartRefundSteps })
    .from(refunds)
    .leftJoin(users, eq(users.id, refunds.createdBy))
    .leftJoin(cartRefundSteps, eq(cartRefundSteps.refundId, refunds.id))
    .where(eq(refunds.orderId, orderId))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));
  return rows;
}

export async function countRefundsForOrder(
  { orderId }: { orderId: string },
  ex: Executor = db,
): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(refunds).where(eq(refunds.orderId, orderId));
  return row?.n ?? 0;
}

/** The refund row Stripe's refund `stripeRefundId` was matched to, locked until the transaction ends. */
export async function lockRefundByStripeId(
  { stripeRefundId }: { stripeRefundId: string },
  ex: Executor,
): Promise<Refund | undefined> {
  const [row] = await ex
    .select()
    .from(refunds)
    .where(eq(refunds.stripeRefundId, stripeRefundId))
    .limit(1)
    .for("update");
  return row;
}

/**
 * Our own refund row named by a Stripe refund's `metadata.refund_id`, locked, if it belongs to the order
 * and is not already matched to another Stripe refund.
 */
export async function lockUnmatchedRefund(
  { id, orderId, stripeRefundId }: { id: string; orderId: string; stripeRefundId: string },
  ex: Executor,
): Promise<Refund | undefined> {
  const [row] = await ex
    .select()
    .from(refunds)
    .where(
      and(
        eq(refunds.id, id),
        eq(refunds.orderId, orderId),
        or(isNull(refunds.stripeRefundId), eq(refunds.stripeRefundId, stripeRefundId)),
      ),
    )
    .limit(1)
    .for("update");
  return row;
}

export type NewStripeRefund = Pick<
  RefundInsert,
  "orderId" | "stripeRefundId" | "amount" | "currency" | "reason" | "status" | "failureReason"
>;

/**
 * A refund made outside the admin console (e.g. in the Stripe Dashboard). Undefined when another
 * transaction stored the same Stripe refund first (the unique stripe_refund_id decides).
 */
export async function insertStripeRefund(
  input: NewStripeRefund,
  ex: Executor = db,
): Promise<Refund | undefined> {
  const [row] = await ex
    .insert(refunds)
    .values({ ...input, refundApplicationFee: false, createdBy: null })
    .onConflictDoNothing({ target: refunds.stripeRefundId })
    .returning();
  return row;
}

export async function updateRefundFromWebhook(
  {
    id,
    values,
  }: { id: string; values: Partial<Pick<Refund, "stripeRefundId" | "status" | "failureReason">> },
  ex: Executor = db,
): Promise<Refund | undefined> {
  const [row] = await ex
    .update(refunds)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(refunds.id, id))
    .returning();
  return row;
}

/** Statuses whose amount Stripe no longer counts in `charge.amount_refunded`. */
export const RETURNED_REFUND_STATUSES = ["failed", "canceled"] as const;

export interface StripeRefundTotals {
  /** Refunds Stripe counts in `charge.amount_refunded` (pending, requires_action, succeeded). */
  counting: number;
  /** Refunds that failed or were canceled: Stripe gave their amount back to the charge. */
  notCounting: number;
}

/**
 * Sums (minor units) of an order's refunds that exist at Stripe (a Stripe refund id is stored), split by
 * whether Stripe counts them as refunded. Rows not yet at Stripe (our pending ones) are left out.
 */
export async function sumStripeRefunds(
  { orderId }: { orderId: string },
  ex: Executor = db,
): Promise<StripeRefundTotals> {
  const returned = inArray(refunds.status, [...RETURNED_REFUND_STATUSES]);
  const [row] = await ex
    .select({
      counting: sql<string>`coalesce(sum(${refunds.amount}) filter (where not (${returned})), 0)`,
      notCounting: sql<string>`coalesce(sum(${refunds.amount}) filter (where ${returned}), 0)`,
    })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), isNotNull(refunds.stripeRefundId)));
  return { counting: Number(row?.counting ?? 0), notCounting: Number(row?.notCounting ?? 0) };
}
