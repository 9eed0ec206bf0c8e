import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db/client";
import { cartCheckouts, type CartCheckout } from "@/db/schema";
import { emulator } from "./emulator";
import { postEvent, waitFor } from "./webhooks";

/*
 * Carts paid through Stripe Checkout, for tests: the buyer on the emulator's hosted page (its form posted
 * as a browser would), and the events Stripe then sends, delivered to the real webhook route.
 */

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
    5000,
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
