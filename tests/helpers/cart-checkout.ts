import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db/client";
import { listCartCheckoutOrders } from "@/db/queries/cart-checkouts";
import { cartCheckouts, type CartCheckout, type Order } from "@/db/schema";
import { addToCart, viewCart } from "@/lib/cart/cart";
import { startCartCheckout } from "@/lib/cart/checkout";
import { Browser, inBrowser } from "./browser-jar";
import { emulator, testStripe } from "./emulator";
import { createTestUser } from "./users";
import { postEvent, waitFor } from "./webhooks";

/*
 * Carts paid through Stripe Checkout, for tests: the buyer on the emulator's hosted page (its form posted
 * as a browser would), and the events Stripe then sends, delivered to the real webhook route. The cart's
 * actions read `next/headers`: a test file using the buyer helpers mocks it with browserHeadersMock().
 */

/** A signed-in buyer (their own browser) with these [productId, quantity] lines in their cart. */
export async function buyerWithCart(items: [string, number][]) {
  const buyer = Object.assign(new Browser(), { user: await createTestUser("buyer") });
  for (const [productId, quantity] of items)
    await inBrowser(buyer, () => addToCart(buyer.user, { productId, quantity }));
  return buyer;
}

let keys = 0;

/** "Pay with Stripe Checkout" on the cart page, at the total it shows (or `shownTotal`). */
export async function checkoutCart(buyer: Browser, input: { shownTotal?: number } = {}) {
  const view = await inBrowser(buyer, () => viewCart(buyer.user));
  return inBrowser(buyer, () =>
    startCartCheckout(buyer.user as never, {
      checkoutKey: `test-cart-checkout-${Date.now()}-${keys++}`,
      shownTotal: input.shownTotal ?? view.total,
      shownCurrency: view.currency ?? "usd",
    }),
  );
}

export const sessionIdOf = (url: string) => new URL(url).pathname.split("/").pop()!;

/**
 * A buyer's cart of these lines, paid on the hosted page (4242 unless `card` says otherwise: 5126's
 * refunds fail) and its completed event applied.
 */
export async function paidCart(
  items: [string, number][],
  card?: string,
): Promise<{ id: string; lines: Order[] }> {
  const buyer = await buyerWithCart(items);
  const { url } = await checkoutCart(buyer);
  const id = checkoutIdOf((await payOnHostedPage(url, card)).headers.get("location")!);
  await deliverPlatformEvent("checkout.session.completed", sessionIdOf(url));
  return { id, lines: await listCartCheckoutOrders({ id }) };
}

/** Pays a Checkout Session on its hosted page; answers the page's response (303 to success_url when paid). */
export async function payOnHostedPage(
  url: string,
  card = "4242424242424242",
  email = "cart-buyer@example.com",
) {
  return fetch(url, {
    method: "POST",
    body: new URLSearchParams({ email, number: card, expiry: "12 / 34", cvc: "123", postal_code: "12345" }),
    redirect: "manual",
  });
}

/** The platform's event of `type` about object `id` (a session, a transfer), posted to the webhook route. */
export async function deliverPlatformEvent(type: string, id: string): Promise<Stripe.Event> {
  const event = await waitFor(
    async () => (await emulator().events({ type })).find((e) => (e.data.object as { id?: string }).id === id),
    20_000, // a loaded CI machine: one listing alone can take seconds
    `${type} for ${id}`,
  );
  const response = await postEvent(event);
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  return event;
}

export async function cartCheckoutRow(id: string): Promise<CartCheckout> {
  const [row] = await db.select().from(cartCheckouts).where(eq(cartCheckouts.id, id));
  if (!row) throw new Error(`no cart checkout ${id}`);
  return row;
}

/** The checkout id in a success URL (`/cart/checkouts/<id>?token=…`). */
export function checkoutIdOf(successUrl: string): string {
  return new URL(successUrl).pathname.split("/").pop()!;
}

/**
 * A payment on the platform's own account, so its balance covers the refunds of a test whatever other test
 * files took from it at the same time (a lost dispute of a cart withdraws from the platform): refunds
 * waiting for funds are settled by the emulator as soon as the balance covers them.
 */
export async function fundPlatform(amount = 50_000): Promise<void> {
  await testStripe().paymentIntents.create({
    amount,
    currency: "usd",
    payment_method: "pm_card_visa",
    automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    confirm: true,
  });
}
