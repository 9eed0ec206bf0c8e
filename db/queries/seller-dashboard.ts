import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { orders, products, refunds, type Order } from "@/db/schema";

/*
 * Reads for the seller dashboard, always filtered by the seller's own id. Days are UTC calendar days;
 * amounts are minor units per currency (never summed across currencies).
 *
 * An order is a seller's order once it was paid (`succeeded`): refunded and disputed orders stay
 * `succeeded` with their refund state and dispute flag; failed, canceled and abandoned attempts are not
 * orders. Money is net: "sales" are what buyers paid minus refunds and disputed amounts Stripe took back
 * (a won dispute gives the money back), and the platform fee is what the platform kept after fee refunds.
 */

/**
 * Minor units disputes took from this order's money and did not give back (a won dispute returns the
 * amount; inquiries take nothing), from the disputes' balance transactions (lib/disputes/snapshot.ts).
 */
const disputedAmount = sql<number>`coalesce((select sum(greatest(d.amount_withdrawn - d.amount_reinstated, 0))
  from disputes d where d.order_id = ${orders.id}), 0)::int`;

/** Stripe's dispute fees taken from the seller's balance for this order (never returned). */
const disputeFees = sql<number>`coalesce((select sum(d.fee_withdrawn) from disputes d
  where d.order_id = ${orders.id}), 0)::int`;

/**
 * The platform's fee on the order after fee refunds: the fee ledger when it has the order (a direct charge),
 * else the order's fee less what its refunds gave back (a cart line's refund steps record it), counting the
 * refunds the order's amount refunded counts (at Stripe, not failed or canceled).
 */
const feeKept = sql<number>`coalesce((select sum(f.amount - f.amount_refunded) from application_fees f
  where f.order_id = ${orders.id}), ${orders.applicationFeeAmount} - coalesce((select sum(s.fee_returned)
  from cart_refund_steps s join refunds r on r.id = s.refund_id where r.order_id = ${orders.id}
  and r.stripe_refund_id is not null and r.status not in ('failed', 'canceled')), 0))::int`;

/** The newest dispute status of the order, or null. */
const disputeStatus = sql<string | null>`(select d.status from disputes d where d.order_id = ${orders.id}
  order by d.created_at desc limit 1)`;

export type SellerOrderRow = Pick<
  Order,
  | "id"
  | "quantity"
  | "amount"
  | "currency"
  | "status"
  | "refundState"
  | "amountRefunded"
  | "disputed"
  | "chargeId"
  | "createdAt"
> & {
  productName: string;
  /** The fee the platform kept (net of fee refunds), not the order's column. */
  applicationFeeAmount: number;
  disputeStatus: string | null;
  /** Withheld by Stripe for open or lost disputes. */
  amountDisputed: number;
  /** Stripe's dispute fees, taken from the seller's balance whatever the outcome. */
  disputeFees: number;
};

const ROW = {
  id: orders.id,
  productName: products.name,
  quantity: orders.quantity,
  amount: orders.amount,
  applicationFeeAmount: feeKept,
  currency: orders.currency,
  status: orders.status,
  refundState: orders.refundState,
  amountRefunded: orders.amountRefunded,
  disputed: orders.disputed,
  disputeStatus,
  amountDisputed: disputedAmount,
  disputeFees,
  chargeId: orders.chargeId,
  createdAt: orders.createdAt,
};

/** The seller's real (paid) orders, newest first. */
export async function listRecentOrdersForSeller(
  { sellerId, limit }: { sellerId: string; limit: number },
  ex: Executor = db,
): Promise<SellerOrderRow[]> {
  return ex
    .select(ROW)
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .where(and(eq(orders.sellerId, sellerId), eq(orders.status, "succeeded")))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit);
}

/** One paid order of this seller (undefined for anyone else's, or for an unpaid attempt). */
export async function getSellerOrder(
  { sellerId, orderId }: { sellerId: string; orderId: string },
  ex: Executor = db,
): Promise<
  | (SellerOrderRow & {
      buyerEmail: string;
      paymentIntentId: string | null;
      chargeModel: Order["chargeModel"];
    })
  | undefined
> {
  const [row] = await ex
    .select({
      ...ROW,
      buyerEmail: orders.buyerEmail,
      paymentIntentId: orders.paymentIntentId,
      chargeModel: orders.chargeModel,
    })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .where(and(eq(orders.sellerId, sellerId), eq(orders.id, orderId), eq(orders.status, "succeeded")))
    .limit(1);
  return row;
}

/** The seller's orders behind the given charges (for naming disputes Stripe reports by charge). */
export async function listSellerOrdersByCharge(
  { sellerId, chargeIds }: { sellerId: string; chargeIds: string[] },
  ex: Executor = db,
): Promise<SellerOrderRow[]> {
  if (chargeIds.length === 0) return [];
  return ex
    .select(ROW)
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .where(and(eq(orders.sellerId, sellerId), inArray(orders.chargeId, chargeIds)));
}

export interface SellerRefundRow {
  orderId: string;
  productName: string;
  amount: number;
  currency: string;
  createdAt: Date;
}

/** Refunds that took money from the seller's balance (succeeded or under way), newest first. */
export async function listRecentRefundsForSeller(
  { sellerId, currency, limit }: { sellerId: string; currency: string; limit: number },
  ex: Executor = db,
): Promise<SellerRefundRow[]> {
  return ex
    .select({
      orderId: orders.id,
      productName: products.name,
      amount: refunds.amount,
      currency: refunds.currency,
      createdAt: refunds.createdAt,
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .innerJoin(products, eq(products.id, orders.productId))
    .where(
      and(
        eq(orders.sellerId, sellerId),
        eq(refunds.currency, currency),
        inArray(refunds.status, ["succeeded", "pending", "requires_action"]),
      ),
    )
    .orderBy(desc(refunds.createdAt))
    .limit(limit);
}

export interface SellerDailySales {
  day: string;
  currency: string;
  /** Paid minus refunded minus disputed (open or lost), before the platform fee. */
  amount: number;
  /** Orders that still bring money (not fully refunded or disputed away). */
  count: number;
}

/** The seller's net sales per day since `since`. */
export async function dailySalesForSeller(
  { sellerId, since }: { sellerId: string; since: Date },
  ex: Executor = db,
): Promise<SellerDailySales[]> {
  const day = sql<string>`to_char((${orders.createdAt}) at time zone 'UTC', 'YYYY-MM-DD')`;
  const net = sql`greatest(${orders.amount} - ${orders.amountRefunded} - ${disputedAmount}, 0)`;
  const rows = await ex
    .select({
      day,
      currency: orders.currency,
      amount: sql<string>`sum(${net})`,
      count: sql<number>`(count(*) filter (where ${net} > 0))::int`,
    })
    .from(orders)
    .where(and(eq(orders.sellerId, sellerId), eq(orders.status, "succeeded"), gte(orders.createdAt, since)))
    .groupBy(day, orders.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}
