import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { db, type Executor } from "@/db/client";
import { shopName } from "@/db/queries/users";
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

/**
 * One money series: per UTC day of `createdAt` and per currency, the sum of `amount` and the row count,
 * over the rows of `table` that match `where` inside the window.
 */
async function dailyMoney(
  ex: Executor,
  series: { table: PgTable; createdAt: PgColumn; currency: PgColumn; amount: SQL | PgColumn; where?: SQL },
  { since, until }: StatsWindow,
): Promise<DailyMoneyRow[]> {
  const day = dayOf(series.createdAt);
  const rows = await ex
    .select({
      day,
      currency: sql<string>`${series.currency}`,
      amount: sql<string>`sum(${series.amount})`,
      count: sql<number>`count(*)::int`,
    })
    .from(series.table)
    .where(and(series.where, gte(series.createdAt, since), lt(series.createdAt, until)))
    .groupBy(day, series.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

const orderSeries = { table: orders, createdAt: orders.createdAt, currency: orders.currency };

/** Gross volume of succeeded orders per day (the day the order was placed). */
export function dailyGrossVolume(window: StatsWindow, ex: Executor = db): Promise<DailyMoneyRow[]> {
  return dailyMoney(
    ex,
    { ...orderSeries, amount: orders.amount, where: eq(orders.status, "succeeded") },
    window,
  );
}

/**
 * What the platform keeps of one order's application fee: the fee, less what was given back to the
 * seller (application_fees.amount_refunded, kept up to date by the application_fee.* webhooks). The one
 * rule for "platform fees earned", shared by the daily chart and the per-seller totals so they agree.
 * A correlated subquery (indexed on order_id) rather than a join, so an order never counts twice.
 */
const platformFeeKept = sql`${orders.applicationFeeAmount} - coalesce((select sum(${applicationFees.amountRefunded}) from ${applicationFees} where ${applicationFees.orderId} = ${orders.id}), 0)`;

/** Platform fees earned per day (the day the order was placed), net of fees refunded to sellers. */
export function dailyPlatformFees(window: StatsWindow, ex: Executor = db): Promise<DailyMoneyRow[]> {
  return dailyMoney(
    ex,
    { ...orderSeries, amount: platformFeeKept, where: eq(orders.status, "succeeded") },
    window,
  );
}

/** Refunds per day (the day they were made), pending ones included: the money is on its way back. */
export function dailyRefunds(window: StatsWindow, ex: Executor = db): Promise<DailyMoneyRow[]> {
  return dailyMoney(
    ex,
    {
      table: refunds,
      createdAt: refunds.createdAt,
      currency: refunds.currency,
      amount: refunds.amount,
      where: inArray(refunds.status, ["pending", "succeeded", "requires_action"]),
    },
    window,
  );
}

export function dailyDisputes(window: StatsWindow, ex: Executor = db): Promise<DailyMoneyRow[]> {
  return dailyMoney(
    ex,
    { table: disputes, createdAt: disputes.createdAt, currency: disputes.currency, amount: disputes.amount },
    window,
  );
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
      sellerName: shopName,
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
    sellerName: r.sellerName,
    currency: r.currency,
    orders: r.orders,
    gross: Number(r.gross),
    fees: Number(r.fees),
    refunded: Number(r.refunded),
  }));
}
