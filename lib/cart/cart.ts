import "server-only";
import {
  addCartItem,
  countCartItems,
  deleteCartItem,
  findCart,
  findOrCreateCart,
  listCartLines,
  mergeGuestCart,
  setCartItemQuantity,
  type CartLineRow,
  type CartOwnerKey,
} from "@/db/queries/carts";
import { getProductById } from "@/db/queries/products";
import type { User } from "@/db/schema";
import { canCharge } from "@/lib/connect/can-charge";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { CHECKOUT_REFUSALS, MAX_CHARGE_AMOUNT } from "@/lib/payments/checkout-rules";
import { ensureGuestCartHash, forgetGuestCart, guestCartHash } from "./guest-cookie";

/*
 * The cart: products and quantities, kept on the server for a signed-in user or a guest browser
 * (lib/cart/guest-cookie.ts), joined into the user's cart when a guest signs in. Prices, availability and
 * whether each seller can take money are read again every time the cart is shown, so what it shows is
 * what checkout would charge; anything that stops payment is said on its line or for the whole cart.
 */

export interface CartLine {
  productId: string;
  name: string;
  unitAmount: number;
  quantity: number;
  amount: number;
  currency: string;
  /** Why this line cannot be paid now (null: it can). */
  problem: string | null;
}

export interface CartSeller {
  sellerId: string;
  sellerName: string;
  lines: CartLine[];
  /** The seller's lines that can be paid, in the cart's currency. */
  subtotal: number;
}

export interface CartView {
  sellers: CartSeller[];
  itemCount: number;
  /** What paying the cart would charge now (every line payable), in `currency`. */
  total: number;
  currency: string | null;
  /** Why the cart as a whole cannot be paid (empty: it can, if no line has a problem). */
  problems: string[];
  payable: boolean;
}

const NOT_IN_CART = "This product is not in your cart any more.";
const CART_PROBLEMS = {
  captureLater: "Charged when it ships: buy it on its own from its page.",
  currencies: (list: string[]) =>
    `Your cart has prices in ${list.map((c) => c.toUpperCase()).join(" and ")}: one payment takes one currency. Remove the items in the other currency to pay, then buy them separately.`,
  tooLarge: (max: string) => `This cart is too large for one payment (at most ${max}). Remove some items.`,
} as const;

type Actor = Pick<User, "id"> | null;

/** The cart of `actor`, or of this guest browser; null when a guest has no cart cookie. */
export async function cartOwnerOf(actor: Actor): Promise<CartOwnerKey | null> {
  if (actor) return { userId: actor.id };
  const hash = await guestCartHash();
  return hash ? { guestTokenHash: hash } : null;
}

function lineProblem(row: CartLineRow, actor: Actor): string | null {
  if (!row.active) return CHECKOUT_REFUSALS.unavailable.message;
  if (actor?.id === row.sellerId) return CHECKOUT_REFUSALS.ownProduct.message;
  if (!canCharge(row.account)) return CHECKOUT_REFUSALS.seller.message;
  if (row.captureLater) return CART_PROBLEMS.captureLater;
  return null;
}

export function cartView(rows: CartLineRow[], actor: Actor): CartView {
  const sellers = new Map<string, CartSeller>();
  const currencies = new Set<string>();
  for (const row of rows) {
    const line: CartLine = {
      productId: row.productId,
      name: row.name,
      unitAmount: row.price,
      quantity: row.quantity,
      amount: row.price * row.quantity,
      currency: row.currency,
      problem: lineProblem(row, actor),
    };
    const seller = sellers.get(row.sellerId) ?? {
      sellerId: row.sellerId,
      sellerName: row.sellerName,
      lines: [],
      subtotal: 0,
    };
    seller.lines.push(line);
    if (!line.problem) {
      seller.subtotal += line.amount;
      currencies.add(line.currency);
    }
    sellers.set(row.sellerId, seller);
  }
  const list = [...sellers.values()];
  const total = list.reduce((sum, s) => sum + s.subtotal, 0);
  const problems: string[] = [];
  if (currencies.size > 1) problems.push(CART_PROBLEMS.currencies([...currencies].sort()));
  const currency = currencies.size === 1 ? [...currencies][0]! : null;
  if (currency && total > MAX_CHARGE_AMOUNT)
    problems.push(CART_PROBLEMS.tooLarge(formatMoney(MAX_CHARGE_AMOUNT, currency)));
  const lineProblems = list.some((s) => s.lines.some((l) => l.problem));
  return {
    sellers: list,
    itemCount: rows.reduce((sum, r) => sum + r.quantity, 0),
    total,
    currency,
    problems,
    payable: rows.length > 0 && problems.length === 0 && !lineProblems,
  };
}

export async function viewCart(actor: Actor): Promise<CartView> {
  const owner = await cartOwnerOf(actor);
  const cart = owner ? await findCart(owner) : undefined;
  return cartView(cart ? await listCartLines({ cartId: cart.id }) : [], actor);
}

/** The header's count; 0 without a cart. */
export async function cartItemCount(actor: Actor): Promise<number> {
  const owner = await cartOwnerOf(actor);
  return owner ? countCartItems(owner) : 0;
}

/** Adds a product (an available one, not the actor's own) to the cart; a guest gets a cart cookie. */
export async function addToCart(actor: Actor, input: { productId: string; quantity: number }): Promise<void> {
  const product = await getProductById({ id: input.productId });
  if (!product || !product.active)
    throw new AppError(CHECKOUT_REFUSALS.unavailable.code, CHECKOUT_REFUSALS.unavailable.message);
  if (actor?.id === product.sellerId)
    throw new AppError(CHECKOUT_REFUSALS.ownProduct.code, CHECKOUT_REFUSALS.ownProduct.message);
  const owner: CartOwnerKey = actor ? { userId: actor.id } : { guestTokenHash: await ensureGuestCartHash() };
  const cart = await findOrCreateCart(owner);
  await addCartItem({ cartId: cart.id, productId: product.id, quantity: input.quantity });
}

/** The actor's cart, if they have one: changing a line of no cart is "not in your cart". */
async function existingCart(actor: Actor) {
  const owner = await cartOwnerOf(actor);
  const cart = owner ? await findCart(owner) : undefined;
  if (!cart) throw new AppError("not_found:cart_item", NOT_IN_CART);
  return cart;
}

/** Sets the quantity of a product already in the cart. */
export async function setCartQuantity(
  actor: Actor,
  input: { productId: string; quantity: number },
): Promise<void> {
  const cart = await existingCart(actor);
  if (!(await setCartItemQuantity({ cartId: cart.id, ...input })))
    throw new AppError("not_found:cart_item", NOT_IN_CART);
}

export async function removeFromCart(actor: Actor, input: { productId: string }): Promise<void> {
  const cart = await existingCart(actor);
  if (!(await deleteCartItem({ cartId: cart.id, productId: input.productId })))
    throw new AppError("not_found:cart_item", NOT_IN_CART);
}

/** On sign-in: this browser's guest cart joins the user's cart, and the browser forgets it. */
export async function adoptGuestCart(userId: string): Promise<void> {
  const hash = await guestCartHash();
  if (!hash) return;
  await mergeGuestCart({ guestTokenHash: hash, userId });
  await forgetGuestCart();
}
