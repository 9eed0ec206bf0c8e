import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { applicationFees, disputes, orders, refunds, users } from "@/db/schema";

/*
 * Aggregates for the admin overview. Days are UTC calendar days ("YYYY-MM-DD"); amounts are minor
 * units per currency (never summed across currencies). Every aggregate covers the same window
 * [since, until), so the charts and the per-seller totals describe the same orders.
 */

export interface StatsWindow {
  since: Date;
  until: Date;
}

export interface DailyMoneyRow {
  day: string;
  currency: string;
  amount: number;
  count: number;
}

const dayOf = (column: unknown) => sql<string>`to_char((${column}) at time zone 'UTC', 'YYYY-MM-DD')`;

/** Gross volume of succeeded orders per day (the day the order was placed). */
export async function dailyGrossVolume(
  { since, until }: StatsWindow,
  ex: Executor = db,
): Promise<DailyMoneyRow[]> {
  const day = dayOf(orders.createdAt);
  const rows = await ex
    .select({
      day,
      currency: orders.currency,
      amount: sql<string>`sum(${orders.amount})`,
      count: sql<number>`count(*)::int`,
    })
    .from(orders)
    .where(and(eq(orders.status, "succeeded"), gte(orders.createdAt, since), lt(orders.createdAt, until)))
    .groupBy(day, orders.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/**
 * What the platform keeps of one order's application fee: the fee, less what was given back to the
 * seller (application_fees.amount_refunded, kept up to date by the application_fee.* webhooks). The one
 * rule for "platform fees earned", shared by the daily chart and the per-seller totals so they agree.
 * A correlated subquery (indexed on order_id) rather than a join, so an order never counts twice.
 */
const platformFeeKept = sql`${orders.applicationFeeAmount} - coalesce((select sum(${applicationFees.amountRefunded}) from ${applicationFees} where ${applicationFees.orderId} = ${orders.id}), 0)`;

/** Platform fees earned per day (the day the order was placed), net of fees refunded to sellers. */
export async function dailyPlatformFees(
  { since, until }: StatsWindow,
  ex: Executor = db,
): Promise<DailyMoneyRow[]> {
  const day = dayOf(orders.createdAt);
  const rows = await ex
    .select({
      day,
      currency: orders.currency,
      amount: sql<string>`sum(${platformFeeKept})`,
      count: sql<number>`count(*)::int`,
    })
    .from(orders)
    .where(and(eq(orders.status, "succeeded"), gte(orders.createdAt, since), lt(orders.createdAt, until)))
    .groupBy(day, orders.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/** Refunds per day (the day they were made), pending ones included: the money is on its way back. */
export async function dailyRefunds(
  { since, until }: StatsWindow,
  ex: Executor = db,
): Promise<DailyMoneyRow[]> {
  const day = dayOf(refunds.createdAt);
  const rows = await ex
    .select({
      day,
      currency: refunds.currency,
      amount: sql<string>`sum(${refunds.amount})`,
      count: sql<number>`count(*)::int`,
    })
    .from(refunds)
    .where(
      and(
        inArray(refunds.status, ["pending", "succeeded", "requires_action"]),
        gte(refunds.createdAt, since),
        lt(refunds.createdAt, until),
      ),
    )
    .groupBy(day, refunds.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export async function dailyDisputes(
  { since, until }: StatsWindow,
  ex: Executor = db,
): Promise<DailyMoneyRow[]> {
  const day = dayOf(disputes.createdAt);
  const rows = await ex
    .select({
      day,
      currency: disputes.currency,
      amount: sql<string>`sum(${disputes.amount})`,
      count: sql<number>`count(*)::int`,
    })
    .from(disputes)
    .where(and(gte(disputes.createdAt, since), lt(disputes.createdAt, until)))
    .groupBy(day, disputes.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export interface SellerTotalRow {
  sellerId: string;
  sellerName: string;
  currency: string;
  orders: number;
  gross: number;
  /** Platform fees earned, by the same rule as the daily chart (net of fees refunded to the seller). */
  fees: number;
  refunded: number;
}

/** Per seller and currency, succeeded orders placed in the window, biggest volume first. */
export async function sellerTotals(
  { since, until }: StatsWindow,
  ex: Executor = db,
): Promise<SellerTotalRow[]> {
  const gross = sql<string>`sum(${orders.amount})`;
  const rows = await ex
    .select({
      sellerId: orders.sellerId,
      businessName: users.businessName,
      name: users.name,
      currency: orders.currency,
      orders: sql<number>`count(*)::int`,
      gross,
      fees: sql<string>`sum(${platformFeeKept})`,
      refunded: sql<string>`sum(${orders.amountRefunded})`,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.sellerId))
    .where(and(eq(orders.status, "succeeded"), gte(orders.createdAt, since), lt(orders.createdAt, until)))
    .groupBy(orders.sellerId, users.businessName, users.name, orders.currency)
    .orderBy(desc(gross));
  return rows.map((r) => ({
    sellerId: r.sellerId,
    sellerName: r.businessName ?? r.name,
    currency: r.currency,
    orders: r.orders,
    gross: Number(r.gross),
    fees: Number(r.fees),
    refunded: Number(r.refunded),
  }));
}
