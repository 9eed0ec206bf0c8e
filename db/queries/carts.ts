import { and, asc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { shopName } from "@/db/queries/users";
import { cartItems, carts, connectedAccounts, products, users, type Cart } from "@/db/schema";

/*
 * Carts (lib/cart/cart.ts): found by their owner (a user, or a guest token's hash), created on the first
 * item, merged when a guest signs in. Quantities are capped at 99 by every write, as by the table's check.
 */

export type CartOwnerKey = { userId: string } | { guestTokenHash: string };

const MAX = 99;

function ownerMatch(owner: CartOwnerKey) {
  return "userId" in owner ? eq(carts.userId, owner.userId) : eq(carts.guestTokenHash, owner.guestTokenHash);
}

export async function findCart(owner: CartOwnerKey, ex: Executor = db): Promise<Cart | undefined> {
  const [row] = await ex.select().from(carts).where(ownerMatch(owner)).limit(1);
  return row;
}

/** The owner's cart, created if they have none (concurrent first adds find the same one). */
export async function findOrCreateCart(owner: CartOwnerKey, ex: Executor = db): Promise<Cart> {
  await ex.insert(carts).values(owner).onConflictDoNothing();
  const cart = await findCart(owner, ex);
  if (!cart) throw new Error("cart row vanished after insert");
  return cart;
}

/** A line of the cart with what checkout needs to know about the product and its seller, read now. */
export interface CartLineRow {
  productId: string;
  quantity: number;
  name: string;
  price: number;
  currency: string;
  active: boolean;
  captureLater: boolean;
  sellerId: string;
  sellerName: string;
  account: {
    chargesEnabled: boolean;
    disconnectedAt: Date | null;
    stripeAccountId: string;
    feeBpsOverride: number | null;
    feeFixedOverride: number | null;
  } | null;
}

export async function listCartLines(
  { cartId }: { cartId: string },
  ex: Executor = db,
): Promise<CartLineRow[]> {
  const rows = await ex
    .select({
      productId: cartItems.productId,
      quantity: cartItems.quantity,
      name: products.name,
      price: products.price,
      currency: products.currency,
      active: products.active,
      captureLater: products.captureLater,
      sellerId: products.sellerId,
      sellerName: shopName,
      chargesEnabled: connectedAccounts.chargesEnabled,
      disconnectedAt: connectedAccounts.disconnectedAt,
      stripeAccountId: connectedAccounts.stripeAccountId,
      feeBpsOverride: connectedAccounts.feeBpsOverride,
      feeFixedOverride: connectedAccounts.feeFixedOverride,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .innerJoin(users, eq(users.id, products.sellerId))
    .leftJoin(connectedAccounts, eq(connectedAccounts.userId, products.sellerId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.productId));
  return rows.map(
    ({ chargesEnabled, disconnectedAt, stripeAccountId, feeBpsOverride, feeFixedOverride, ...line }) => ({
      ...line,
      account:
        stripeAccountId === null || chargesEnabled === null
          ? null
          : { chargesEnabled, disconnectedAt, stripeAccountId, feeBpsOverride, feeFixedOverride },
    }),
  );
}

/** How many items (the sum of quantities) the owner's cart holds; 0 without a cart. */
export async function countCartItems(owner: CartOwnerKey, ex: Executor = db): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(ownerMatch(owner));
  return Number(row?.n ?? 0);
}

/** Adds `quantity` of a product (capped at 99 in all). */
export async function addCartItem(
  input: { cartId: string; productId: string; quantity: number },
  ex: Executor = db,
): Promise<void> {
  await ex
    .insert(cartItems)
    .values({ ...input, quantity: Math.min(input.quantity, MAX) })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.productId],
      set: { quantity: sql`least(${cartItems.quantity} + excluded.quantity, ${MAX})`, updatedAt: sql`now()` },
    });
  await ex
    .update(carts)
    .set({ updatedAt: sql`now()` })
    .where(eq(carts.id, input.cartId));
}

/** Sets the quantity of a product already in the cart; false if it is not there. */
export async function setCartItemQuantity(
  input: { cartId: string; productId: string; quantity: number },
  ex: Executor = db,
): Promise<boolean> {
  const changed = await ex
    .update(cartItems)
    .set({ quantity: Math.min(input.quantity, MAX), updatedAt: sql`now()` })
    .where(and(eq(cartItems.cartId, input.cartId), eq(cartItems.productId, input.productId)))
    .returning({ productId: cartItems.productId });
  return changed.length > 0;
}

/** Removes a product from the cart; true if it was there. */
export async function deleteCartItem(
  { cartId, productId }: { cartId: string; productId: string },
  ex: Executor = db,
): Promise<boolean> {
  const gone = await ex
    .delete(cartItems)
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)))
    .returning({ productId: cartItems.productId });
  return gone.length > 0;
}

/**
 * A guest's cart joins the user's when they sign in: quantities of the same product add up (capped at
 * 99), and the guest cart is deleted. One transaction, the guest cart locked first: a concurrent second
 * merge finds nothing left. Returns how many products were moved.
 */
export async function mergeGuestCart(
  { guestTokenHash, userId }: { guestTokenHash: string; userId: string },
  ex: Executor = db,
): Promise<number> {
  return ex.transaction(async (tx) => {
    const [guest] = await tx
      .select({ id: carts.id })
      .from(carts)
      .where(eq(carts.guestTokenHash, guestTokenHash))
      .for("update");
    if (!guest) return 0;
    const mine = await findOrCreateCart({ userId }, tx);
    const moved = await tx
      .insert(cartItems)
      .select(
        tx
          .select({
            cartId: sql<string>`${mine.id}::uuid`.as("cart_id"),
            productId: cartItems.productId,
            quantity: cartItems.quantity,
            createdAt: cartItems.createdAt,
            updatedAt: sql<Date>`now()`.as("updated_at"),
          })
          .from(cartItems)
          .where(eq(cartItems.cartId, guest.id)),
      )
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.productId],
        set: {
          quantity: sql`least(${cartItems.quantity} + excluded.quantity, ${MAX})`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ productId: cartItems.productId });
    await tx.delete(carts).where(eq(carts.id, guest.id));
    await tx
      .update(carts)
      .set({ updatedAt: sql`now()` })
      .where(eq(carts.id, mine.id));
    return moved.length;
  });
}
