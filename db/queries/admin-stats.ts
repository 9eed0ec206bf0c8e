import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { applicationFees, disputes, orders, refunds, users } from "@/db/schema";

/*
 * Aggregates for the admin overview. Days are UTC calendar days ("YYYY-MM-DD"); amounts are minor
 * units per currency (never summed across currencies).
 */

export interface DailyMoneyRow {
  day: string;
  currency: string;
  amount: number;
  count: number;
}

const dayOf = (column: unknown) => sql<string>`to_char((${column}) at time zone 'UTC', 'YYYY-MM-DD')`;

/** Gross volume of succeeded orders per day (the day the order was placed). */
export async function dailyGrossVolume({ since }: { since: Date }, ex: Executor = db): Promise<DailyMoneyRow[]> {
  const day = dayOf(orders.createdAt);
  const rows = await ex
    .select({ day, currency: orders.currency, amount: sql<string>`sum(${orders.amount})`, count: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(eq(orders.status, "succeeded"), gte(orders.createdAt, since)))
    .groupBy(day, orders.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/**
 * Platform fees earned per day: the application fee of each succeeded order, less what was given back
 * to the seller (application_fees.amount_refunded, kept up to date by the application_fee.* webhooks).
 */
export async function dailyPlatformFees({ since }: { since: Date }, ex: Executor = db): Promise<DailyMoneyRow[]> {
  const day = dayOf(orders.createdAt);
  const rows = await ex
    .select({
      day,
      currency: orders.currency,
      amount: sql<string>`sum(${orders.applicationFeeAmount} - coalesce(${applicationFees.amountRefunded}, 0))`,
      count: sql<number>`count(*)::int`,
    })
    .from(orders)
    .leftJoin(applicationFees, eq(applicationFees.orderId, orders.id))
    .where(and(eq(orders.status, "succeeded"), gte(orders.createdAt, since)))
    .groupBy(day, orders.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/** Refunds per day (the day they were made), pending ones included: the money is on its way back. */
export async function dailyRefunds({ since }: { since: Date }, ex: Executor = db): Promise<DailyMoneyRow[]> {
  const day = dayOf(refunds.createdAt);
  const rows = await ex
    .select({ day, currency: refunds.currency, amount: sql<string>`sum(${refunds.amount})`, count: sql<number>`count(*)::int` })
    .from(refunds)
    .where(and(inArray(refunds.status, ["pending", "succeeded", "requires_action"]), gte(refunds.createdAt, since)))
    .groupBy(day, refunds.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export async function dailyDisputes({ since }: { since: Date }, ex: Executor = db): Promise<DailyMoneyRow[]> {
  const day = dayOf(disputes.createdAt);
  const rows = await ex
    .select({ day, currency: disputes.currency, amount: sql<string>`sum(${disputes.amount})`, count: sql<number>`count(*)::int` })
    .from(disputes)
    .where(gte(disputes.createdAt, since))
    .groupBy(day, disputes.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export interface SellerTotalRow {
  sellerId: string;
  sellerName: string;
  currency: string;
  orders: number;
  gross: number;
  fees: number;
  refunded: number;
}

/** Per seller and currency, succeeded orders placed since `since`, biggest volume first. */
export async function sellerTotals({ since }: { since: Date }, ex: Executor = db): Promise<SellerTotalRow[]> {
  const gross = sql<string>`sum(${orders.amount})`;
  const rows = await ex
    .select({
      sellerId: orders.sellerId,
      businessName: users.businessName,
      name: users.name,
      currency: orders.currency,
      orders: sql<number>`count(*)::int`,
      gross,
      fees: sql<string>`sum(${orders.applicationFeeAmount})`,
      refunded: sql<string>`sum(${orders.amountRefunded})`,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.sellerId))
    .where(and(eq(orders.status, "succeeded"), gte(orders.createdAt, since)))
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
