import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type Executor, type Transaction } from "@/db/client";
import { shopName } from "@/db/queries/users";
import {
  cartCheckouts,
  cartItems,
  orders,
  products,
  sellerTransfers,
  users,
  type CartCheckout,
  type Order,
  type SellerTransfer,
} from "@/db/schema";

/*
 * Carts paid through Stripe Checkout (lib/cart/checkout.ts, lib/cart/settle.ts): the checkout row, its
 * orders (one per cart line) and the sellers' transfers. Status changes go one way (open → processing →
 * paid | failed | expired) so a late or repeated event never moves a checkout back.
 */

export type NewCartCheckout = Omit<typeof cartCheckouts.$inferInsert, "id" | "status">;
export type NewCartOrder = Omit<
  typeof orders.$inferInsert,
  "id" | "status" | "cartCheckoutId" | "chargeModel"
>;
export type NewSellerTransfer = Omit<typeof sellerTransfers.$inferInsert, "cartCheckoutId">;

/**
 * The checkout, its orders and (separate charges) its sellers' transfers, in one transaction; a second
 * submit of the same cart page (same checkout key) gets the first one back.
 */
export async function insertCartCheckoutOnce(
  input: { checkout: NewCartCheckout; orders: NewCartOrder[]; transfers: NewSellerTransfer[] },
  ex: Executor = db,
): Promise<{ checkout: CartCheckout; created: boolean }> {
  const inserted = await ex.transaction(async (tx) => {
    const [checkout] = await tx
      .insert(cartCheckouts)
      .values(input.checkout)
      .onConflictDoNothing({ target: cartCheckouts.checkoutKey })
      .returning();
    if (!checkout) return undefined;
    await tx.insert(orders).values(
      input.orders.map((o) => ({
        ...o,
        status: "pending" as const,
        chargeModel: checkout.chargeModel,
        cartCheckoutId: checkout.id,
      })),
    );
    if (input.transfers.length > 0)
      await tx
        .insert(sellerTransfers)
        .values(input.transfers.map((t) => ({ ...t, cartCheckoutId: checkout.id })));
    return checkout;
  });
  if (inserted) return { checkout: inserted, created: true };
  const [existing] = await ex
    .select()
    .from(cartCheckouts)
    .where(eq(cartCheckouts.checkoutKey, input.checkout.checkoutKey))
    .limit(1);
  if (!existing) throw new Error("cart checkout insert conflicted but no row holds the key");
  return { checkout: existing, created: false };
}

/** Records the Checkout Session made for a checkout; a recorded one is never replaced. Returns the one recorded. */
export async function setCheckoutSession(
  { id, stripeCheckoutSessionId }: { id: string; stripeCheckoutSessionId: string },
  ex: Executor = db,
): Promise<string | null> {
  await ex
    .update(cartCheckouts)
    .set({ stripeCheckoutSessionId, updatedAt: sql`now()` })
    .where(and(eq(cartCheckouts.id, id), isNull(cartCheckouts.stripeCheckoutSessionId)));
  const [row] = await ex
    .select({ session: cartCheckouts.stripeCheckoutSessionId })
    .from(cartCheckouts)
    .where(eq(cartCheckouts.id, id));
  return row?.session ?? null;
}

export async function getCartCheckout(
  { id }: { id: string },
  ex: Executor = db,
): Promise<CartCheckout | undefined> {
  const [row] = await ex.select().from(cartCheckouts).where(eq(cartCheckouts.id, id)).limit(1);
  return row;
}

/** A cart checkout by its Checkout Session, its PaymentIntent or its own id, locked. */
export async function lockCartCheckout(
  ref: { sessionId: string } | { id: string } | { paymentIntentId: string },
  tx: Transaction,
): Promise<CartCheckout | undefined> {
  const match =
    "sessionId" in ref
      ? eq(cartCheckouts.stripeCheckoutSessionId, ref.sessionId)
      : "paymentIntentId" in ref
        ? eq(cartCheckouts.paymentIntentId, ref.paymentIntentId)
        : eq(cartCheckouts.id, ref.id);
  const [row] = await tx.select().from(cartCheckouts).where(match).for("update").limit(1);
  return row;
}

export async function listCartCheckoutOrders({ id }: { id: string }, ex: Executor = db): Promise<Order[]> {
  return ex
    .select()
    .from(orders)
    .where(eq(orders.cartCheckoutId, id))
    .orderBy(asc(orders.createdAt), asc(orders.id));
}

/** What a Checkout Session's outcome does to the checkout and its still-open orders. */
export async function updateCartCheckout(
  id: string,
  values: Partial<Pick<CartCheckout, "status" | "paymentIntentId" | "chargeId" | "buyerEmail">>,
  orderValues: Partial<Pick<Order, "status" | "buyerEmail" | "chargeId" | "failureCode" | "failureMessage">>,
  tx: Transaction,
): Promise<void> {
  await tx
    .update(cartCheckouts)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(cartCheckouts.id, id));
  await tx
    .update(orders)
    .set({ ...orderValues, updatedAt: sql`now()` })
    .where(and(eq(orders.cartCheckoutId, id), inArray(orders.status, ["pending", "processing"])));
}

/** Once paid, the lines bought leave the cart they came from (a line added since stays). */
export async function removePaidLines(
  { cartId, productIds }: { cartId: string; productIds: string[] },
  tx: Transaction,
): Promise<void> {
  if (productIds.length === 0) return;
  await tx
    .delete(cartItems)
    .where(and(eq(cartItems.cartId, cartId), inArray(cartItems.productId, productIds)));
}

/** Sellers still to be paid by transfer: the checkout is paid and no transfer of a positive amount recorded. */
export async function listTransfersToMake(
  { limit }: { limit: number },
  ex: Executor = db,
): Promise<(SellerTransfer & { chargeId: string | null; paymentIntentId: string | null })[]> {
  const rows = await ex
    .select({
      transfer: sellerTransfers,
      chargeId: cartCheckouts.chargeId,
      paymentIntentId: cartCheckouts.paymentIntentId,
    })
    .from(sellerTransfers)
    .innerJoin(cartCheckouts, eq(cartCheckouts.id, sellerTransfers.cartCheckoutId))
    .where(
      and(
        eq(cartCheckouts.status, "paid"),
        eq(cartCheckouts.chargeModel, "separate"),
        isNull(sellerTransfers.stripeTransferId),
        sql`${sellerTransfers.amount} > 0`,
      ),
    )
    .orderBy(asc(sellerTransfers.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.transfer, chargeId: r.chargeId, paymentIntentId: r.paymentIntentId }));
}

/** The platform charge of a paid checkout, read from its PaymentIntent once. */
export async function setCheckoutCharge(
  { id, chargeId }: { id: string; chargeId: string },
  ex: Executor = db,
) {
  await ex
    .update(cartCheckouts)
    .set({ chargeId, updatedAt: sql`now()` })
    .where(and(eq(cartCheckouts.id, id), isNull(cartCheckouts.chargeId)));
}

export async function listSellerTransfers(
  { cartCheckoutId }: { cartCheckoutId: string },
  ex: Executor = db,
): Promise<SellerTransfer[]> {
  return ex.select().from(sellerTransfers).where(eq(sellerTransfers.cartCheckoutId, cartCheckoutId));
}

/** Records a seller's transfer (made by us, or by Stripe for a destination charge); never replaces one. */
export async function recordSellerTransfer(
  input: { cartCheckoutId: string; sellerId: string; stripeTransferId: string; amountReversed?: number },
  ex: Executor = db,
): Promise<boolean> {
  const changed = await ex
    .update(sellerTransfers)
    .set({
      stripeTransferId: sql`coalesce(${sellerTransfers.stripeTransferId}, ${input.stripeTransferId})`,
      amountReversed: sql`greatest(${sellerTransfers.amountReversed}, ${input.amountReversed ?? 0})`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(sellerTransfers.cartCheckoutId, input.cartCheckoutId),
        eq(sellerTransfers.sellerId, input.sellerId),
        sql`(${sellerTransfers.stripeTransferId} is null or ${sellerTransfers.stripeTransferId} = ${input.stripeTransferId})`,
      ),
    )
    .returning({ id: sellerTransfers.sellerId });
  return changed.length > 0;
}

/** A checkout's seller by their connected account (a transfer's destination). */
export async function findSellerTransferByAccount(
  { cartCheckoutId, stripeAccountId }: { cartCheckoutId: string; stripeAccountId: string },
  ex: Executor = db,
): Promise<SellerTransfer | undefined> {
  const [row] = await ex
    .select()
    .from(sellerTransfers)
    .where(
      and(
        eq(sellerTransfers.cartCheckoutId, cartCheckoutId),
        eq(sellerTransfers.stripeAccountId, stripeAccountId),
      ),
    )
    .limit(1);
  return row;
}

/** The checkout's orders with what its result page names: the product and the seller's shop. */
export async function listCartCheckoutLines(
  { id }: { id: string },
  ex: Executor = db,
): Promise<{ order: Order; productName: string; sellerName: string }[]> {
  return ex
    .select({ order: orders, productName: products.name, sellerName: shopName })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .innerJoin(users, eq(users.id, orders.sellerId))
    .where(eq(orders.cartCheckoutId, id))
    .orderBy(asc(orders.createdAt), asc(orders.id));
}
