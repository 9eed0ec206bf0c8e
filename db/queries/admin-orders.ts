import { and, asc, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Executor } from "@/db/client";
import {
  cartCheckouts,
  connectedAccounts,
  orders,
  products,
  stripeEvents,
  users,
  type ConnectedAccount,
  type Order,
  ORDER_STATUSES,
  type StripeEventRow,
} from "@/db/schema";

/* Read queries for the admin console's order pages. */

export const ADMIN_ORDER_STATES = [...ORDER_STATUSES, "partially_refunded", "refunded", "disputed"] as const;
export type AdminOrderState = (typeof ADMIN_ORDER_STATES)[number];

export interface AdminOrderFilter {
  /** Order id, PaymentIntent or charge id (exact), or part of the buyer's email, the seller's name or email. */
  q?: string;
  /** `q` is a uuid (the caller decides, lib/params.ts): it names an order or a seller exactly. */
  qIsId?: boolean;
  sellerId?: string;
  state?: AdminOrderState;
}

const seller = alias(users, "seller");

/** `%` and `_` typed by an admin are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterWhere({ q, qIsId, sellerId, state }: AdminOrderFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  const text = q?.trim();
  if (text) {
    conditions.push(
      qIsId
        ? or(eq(orders.id, text), eq(orders.sellerId, text))
        : or(
            eq(orders.paymentIntentId, text),
            eq(orders.chargeId, text),
            ilike(orders.buyerEmail, likePattern(text)),
            ilike(seller.email, likePattern(text)),
            ilike(seller.businessName, likePattern(text)),
            ilike(seller.name, likePattern(text)),
          ),
    );
  }
  if (sellerId) conditions.push(eq(orders.sellerId, sellerId));
  if (state === "partially_refunded" || state === "refunded") conditions.push(eq(orders.refundState, state));
  else if (state === "disputed") conditions.push(eq(orders.disputed, true));
  else if (state) conditions.push(eq(orders.status, state));
  return and(...conditions);
}

export interface AdminOrderRow {
  order: Order;
  productName: string;
  sellerName: string;
  sellerEmail: string;
}

const rowFields = {
  order: orders,
  productName: products.name,
  sellerBusiness: seller.businessName,
  sellerName: seller.name,
  sellerEmail: seller.email,
};

function toRow(r: {
  order: Order;
  productName: string;
  sellerBusiness: string | null;
  sellerName: string;
  sellerEmail: string;
}): AdminOrderRow {
  return {
    order: r.order,
    productName: r.productName,
    sellerName: r.sellerBusiness ?? r.sellerName,
    sellerEmail: r.sellerEmail,
  };
}

export async function searchAdminOrders(
  { limit, offset, ...filter }: AdminOrderFilter & { limit: number; offset: number },
  ex: Executor = db,
): Promise<{ items: AdminOrderRow[]; total: number }> {
  const where = filterWhere(filter);
  const rows = await ex
    .select(rowFields)
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .innerJoin(seller, eq(seller.id, orders.sellerId))
    .where(where)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit)
    .offset(offset);
  const [total] = await ex
    .select({ n: count() })
    .from(orders)
    .innerJoin(seller, eq(seller.id, orders.sellerId))
    .where(where);
  return { items: rows.map(toRow), total: total?.n ?? 0 };
}

export interface AdminOrderDetail extends AdminOrderRow {
  account: ConnectedAccount | null;
}

export async function getAdminOrder(
  { id }: { id: string },
  ex: Executor = db,
): Promise<AdminOrderDetail | undefined> {
  const [row] = await ex
    .select({ ...rowFields, account: connectedAccounts })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .innerJoin(seller, eq(seller.id, orders.sellerId))
    .leftJoin(connectedAccounts, eq(connectedAccounts.stripeAccountId, orders.stripeAccountId))
    .where(eq(orders.id, id))
    .limit(1);
  return row ? { ...toRow(row), account: row.account } : undefined;
}

/** The webhook events that touched the order, in the order Stripe created them. */
export async function listEventsForOrder(
  { orderId }: { orderId: string },
  ex: Executor = db,
): Promise<StripeEventRow[]> {
  return ex
    .select()
    .from(stripeEvents)
    .where(eq(stripeEvents.orderId, orderId))
    .orderBy(asc(stripeEvents.stripeCreated), asc(stripeEvents.receivedAt));
}

/**
 * The orders a Stripe payment paid, by its PaymentIntent or charge id: a direct charge's one order, or each
 * seller's line of a cart paid on the platform. At most 50 (a cart holds fewer lines).
 */
export async function listOrderIdsForPayment(
  { paymentId }: { paymentId: string },
  ex: Executor = db,
): Promise<string[]> {
  const rows = await ex
    .select({ id: orders.id })
    .from(orders)
    .leftJoin(cartCheckouts, eq(cartCheckouts.id, orders.cartCheckoutId))
    .where(
      or(
        eq(orders.paymentIntentId, paymentId),
        eq(orders.chargeId, paymentId),
        eq(cartCheckouts.paymentIntentId, paymentId),
        eq(cartCheckouts.chargeId, paymentId),
      ),
    )
    .orderBy(asc(orders.createdAt), asc(orders.id))
    .limit(50);
  return rows.map((r) => r.id);
}
