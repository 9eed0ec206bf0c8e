import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { insertAuthorizationOnce } from "@/db/queries/authorizations";
import { feeSettingsOf, type FeeSettings } from "@/db/queries/settings";
import { shopName } from "@/db/queries/users";
import {
  connectedAccounts,
  orders,
  platformSettings,
  products,
  users,
  type ConnectedAccount,
  type Order,
  type Product,
} from "@/db/schema";

/*
 * Orders: what checkout reads and creates, and the reads of order pages. Status transitions after payment (succeeded, failed, refunds...) are
 * written by the webhook handlers in db/queries/webhook-*.ts — Stripe's events are the source of truth.
 */

export interface NewOrder {
  productId: string;
  sellerId: string;
  stripeAccountId: string;
  buyerId: string | null;
  buyerEmail: string;
  quantity: number;
  unitAmount: number;
  amount: number;
  applicationFeeAmount: number;
  currency: string;
  accessToken: string;
  checkoutKey: string;
  /** Default automatic. */
  captureMethod?: Order["captureMethod"];
  /** The fee rule behind applicationFeeAmount: a manual order needs it to price a partial capture. */
  feeRule?: { feeBps: number; feeFixed: number };
}

/**
 * Inserts a pending order, or returns the order that already holds this checkout key. The unique
 * index on checkout_key makes a double submit (even two concurrent ones) end with one order. A manual
 * order gets its authorisation row in the same transaction.
 */
export async function insertOrderOnce(
  { feeRule, ...input }: NewOrder,
  ex: Executor = db,
): Promise<{ order: Order; created: boolean }> {
  const inserted = await ex.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({ ...input, status: "pending" })
      .onConflictDoNothing({ target: orders.checkoutKey })
      .returning();
    if (row?.captureMethod === "manual") {
      if (!feeRule) throw new Error("a manual-capture order needs the fee rule it was priced under");
      await insertAuthorizationOnce(
        {
          orderId: row.id,
          quantity: row.quantity,
          amount: row.amount,
          applicationFeeAmount: row.applicationFeeAmount,
          ...feeRule,
        },
        tx,
      );
    }
    return row;
  });
  if (inserted) return { order: inserted, created: true };
  const existing = await getOrderByCheckoutKey({ checkoutKey: input.checkoutKey }, ex);
  if (!existing) throw new Error("order insert conflicted but no order holds the checkout key");
  return { order: existing, created: false };
}

export async function getOrderById({ id }: { id: string }, ex: Executor = db): Promise<Order | undefined> {
  const [row] = await ex.select().from(orders).where(eq(orders.id, id)).limit(1);
  return row;
}

export async function getOrderByCheckoutKey(
  { checkoutKey }: { checkoutKey: string },
  ex: Executor = db,
): Promise<Order | undefined> {
  const [row] = await ex.select().from(orders).where(eq(orders.checkoutKey, checkoutKey)).limit(1);
  return row;
}

/** The order a checkout continues: its form's checkout key, or the order of a "Try another card" link. */
export type CheckoutOrderKey = { checkoutKey: string } | { id: string };

export interface CheckoutContext {
  product: Product;
  sellerName: string;
  account: ConnectedAccount | null;
  fees: FeeSettings;
  /** The order found by `order`'s key (whatever its product: the caller compares), else null. */
  order: Order | null;
}

/**
 * Everything checkout decides and prices from, in one round trip: the product, its seller's name and
 * connected account, the platform fee settings and the order being continued. Unfiltered on purpose:
 * the rules tell "unknown product" from "seller cannot charge" to give the buyer the right words.
 */
export async function getCheckoutContext(
  { productId, order }: { productId: string; order?: CheckoutOrderKey },
  ex: Executor = db,
): Promise<CheckoutContext | undefined> {
  const orderMatch = !order
    ? sql`false`
    : "id" in order
      ? eq(orders.id, order.id)
      : eq(orders.checkoutKey, order.checkoutKey);
  const [row] = await ex
    .select({
      product: products,
      sellerName: shopName,
      account: connectedAccounts,
      feeBps: platformSettings.feeBps,
      feeFixed: platformSettings.feeFixed,
      order: orders,
    })
    .from(products)
    .innerJoin(users, eq(users.id, products.sellerId))
    .leftJoin(connectedAccounts, eq(connectedAccounts.userId, products.sellerId))
    .leftJoin(platformSettings, eq(platformSettings.id, 1))
    .leftJoin(orders, orderMatch)
    .where(eq(products.id, productId))
    .limit(1);
  return row
    ? {
        product: row.product,
        sellerName: row.sellerName,
        account: row.account,
        fees: feeSettingsOf(row),
        order: row.order,
      }
    : undefined;
}

/**
 * Records the PaymentIntent created for an order. Only fills an empty column: two concurrent submits
 * get the same PaymentIntent (same idempotency key), and a stored id is never replaced.
 * Returns the order's PaymentIntent id after the call.
 */
export async function setOrderPaymentIntent(
  { id, paymentIntentId }: { id: string; paymentIntentId: string },
  ex: Executor = db,
): Promise<string | null> {
  const [row] = await ex
    .update(orders)
    .set({ paymentIntentId, updatedAt: new Date() })
    .where(and(eq(orders.id, id), isNull(orders.paymentIntentId)))
    .returning({ paymentIntentId: orders.paymentIntentId });
  if (row) return row.paymentIntentId;
  return (await getOrderById({ id }, ex))?.paymentIntentId ?? null;
}

/** Removes a just-created order that Stripe refused to create a PaymentIntent for. */
export async function deleteOrderWithoutPaymentIntent(
  { id }: { id: string },
  ex: Executor = db,
): Promise<boolean> {
  const rows = await ex
    .delete(orders)
    .where(and(eq(orders.id, id), isNull(orders.paymentIntentId), eq(orders.status, "pending")))
    .returning({ id: orders.id });
  return rows.length > 0;
}

/** An order with what its pages show about the product and the seller. */
export interface OrderWithDetails {
  order: Order;
  productName: string;
  sellerName: string;
}

/** Orders joined to what their pages show: the product's name and the seller's shop name. */
function selectOrdersWithDetails(ex: Executor) {
  return ex
    .select({ order: orders, productName: products.name, sellerName: shopName })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .innerJoin(users, eq(users.id, orders.sellerId));
}

export async function getOrderWithDetails(
  { id }: { id: string },
  ex: Executor = db,
): Promise<OrderWithDetails | undefined> {
  const [row] = await selectOrdersWithDetails(ex).where(eq(orders.id, id)).limit(1);
  return row;
}

export async function listOrdersForBuyer(
  { buyerId, limit, offset }: { buyerId: string; limit: number; offset: number },
  ex: Executor = db,
): Promise<{ items: OrderWithDetails[]; total: number }> {
  const items = await selectOrdersWithDetails(ex)
    .where(eq(orders.buyerId, buyerId))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit)
    .offset(offset);
  const [totalRow] = await ex.select({ n: count() }).from(orders).where(eq(orders.buyerId, buyerId));
  return { items, total: totalRow?.n ?? 0 };
}

/** Test and admin helper: how many orders a product has (refusal tests check that nothing was written). */
export async function countOrdersForProduct(
  { productId }: { productId: string },
  ex: Executor = db,
): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(orders).where(eq(orders.productId, productId));
  return row?.n ?? 0;
}

/** One of the keys a webhook finds an order by. */
export type OrderKey = { id: string } | { paymentIntentId: string } | { chargeId: string };

/**
 * Reads an order and locks its row until the transaction ends, so two webhook events touching the same
 * order (say payment_intent.succeeded and charge.refunded arriving together) apply one after the other.
 */
export async function lockOrderForWebhook(key: OrderKey, ex: Executor): Promise<Order | undefined> {
  const where =
    "id" in key
      ? eq(orders.id, key.id)
      : "paymentIntentId" in key
        ? eq(orders.paymentIntentId, key.paymentIntentId)
        : eq(orders.chargeId, key.chargeId);
  const [row] = await ex.select().from(orders).where(where).limit(1).for("update");
  return row;
}

/** The columns webhooks write: payment outcome, charge, refund totals, dispute flag. */
export type OrderWebhookValues = Partial<
  Pick<
    Order,
    | "status"
    | "paymentIntentId"
    | "chargeId"
    | "failureCode"
    | "failureMessage"
    | "amountRefunded"
    | "refundState"
    | "disputed"
  >
>;

export async function updateOrderFromWebhook(
  { id, values }: { id: string; values: OrderWebhookValues },
  ex: Executor = db,
): Promise<Order | undefined> {
  const [row] = await ex
    .update(orders)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(orders.id, id))
    .returning();
  return row;
}
