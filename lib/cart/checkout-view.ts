import "server-only";
import { getCartCheckout, listCartCheckoutLines } from "@/db/queries/cart-checkouts";
import type { CartCheckout, Order, User } from "@/db/schema";
import { isUuid } from "@/lib/params";
import { canViewOrder, orderReturnUrl } from "@/lib/payments/orders";

/*
 * The result page of a cart paid through Stripe Checkout: its buyer (signed in, or holding the link's
 * token) sees the payment's state and an order per item, each linking to its own order page.
 */

export interface CartCheckoutPage {
  checkout: CartCheckout;
  lines: { order: Order; productName: string; sellerName: string; orderUrl: string }[];
}

/** Null (the page answers 404) when it does not exist or is someone else's. */
export async function cartCheckoutForPage(
  actor: User | null,
  id: string,
  token: string | undefined,
): Promise<CartCheckoutPage | null> {
  if (!isUuid(id)) return null;
  const checkout = await getCartCheckout({ id });
  if (!checkout || !canViewOrder(checkout, actor, token)) return null;
  const lines = await listCartCheckoutLines({ id });
  return { checkout, lines: lines.map((l) => ({ ...l, orderUrl: orderReturnUrl(l.order) })) };
}
