import { and, desc, eq, gte, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { orders, products, type Order } from "@/db/schema";

/*
 * Reads for the seller dashboard, always filtered by the seller's own id. Days are UTC calendar days;
 * amounts are minor units per currency (never summed across currencies).
 */

export interface SellerOrderRow {
  id: string;
  productName: string;
  quantity: number;
  amount: number;
  applicationFeeAmount: number;
  currency: string;
  status: Order["status"];
  refundState: Order["refundState"];
  amountRefunded: number;
  createdAt: Date;
}

export async function listRecentOrdersForSeller(
  { sellerId, limit }: { sellerId: string; limit: number },
  ex: Executor = db,
): Promise<SellerOrderRow[]> {
  return ex
    .select({
      id: orders.id,
      productName: products.name,
      quantity: orders.quantity,
      amount: orders.amount,
      applicationFeeAmount: orders.applicationFeeAmount,
      currency: orders.currency,
      status: orders.status,
      refundState: orders.refundState,
      amountRefunded: orders.amountRefunded,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .where(eq(orders.sellerId, sellerId))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit);
}

export interface SellerDailySales {
  day: string;
  currency: string;
  amount: number;
  count: number;
}

/** The seller's succeeded sales per day since `since` (gross, before the platform fee). */
export async function dailySalesForSeller(
  { sellerId, since }: { sellerId: string; since: Date },
  ex: Executor = db,
): Promise<SellerDailySales[]> {
  const day = sql<string>`to_char((${orders.createdAt}) at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await ex
    .select({
      day,
      currency: orders.currency,
      amount: sql<string>`sum(${orders.amount})`,
      count: sql<number>`count(*)::int`,
    })
    .from(orders)
    .where(and(eq(orders.sellerId, sellerId), eq(orders.status, "succeeded"), gte(orders.createdAt, since)))
    .groupBy(day, orders.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}
