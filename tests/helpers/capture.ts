import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db/client";
import { getAuthorization } from "@/db/queries/authorizations";
import { getOrderById } from "@/db/queries/orders";
import {
  products,
  type ConnectedAccount,
  type Order,
  type OrderAuthorization,
  type Product,
  type User,
} from "@/db/schema";
import { startCheckout } from "@/lib/payments/checkout";
import { handlePaymentIntentEvent } from "@/lib/webhooks/payments";
import { guestInput, shopWithProduct } from "./checkout";
import { testStripe } from "./emulator";
import { applyWith, emulatorEvent } from "./webhooks";

/*
 * "Charge when I ship" orders for tests: a captureLater product bought through the real checkout, the
 * card authorised at the emulator, and the authorisation recorded by the real webhook handler.
 */

export interface AuthorizedOrder {
  seller: User;
  account: ConnectedAccount;
  product: Product;
  order: Order;
  auth: OrderAuthorization;
  intent: Stripe.PaymentIntent;
}

/** Marks a product "charge when I ship". */
export async function setCaptureLater(productId: string, captureLater = true): Promise<Product> {
  const [row] = await db.update(products).set({ captureLater }).where(eq(products.id, productId)).returning();
  if (!row) throw new Error(`product ${productId} not found`);
  return row;
}

/**
 * A guest's authorised order for `quantity` units at `price` on a fresh seller (own emulator account):
 * status "authorized", PaymentIntent requires_capture, order_authorizations with its deadline.
 */
export async function createAuthorizedOrder(
  options: { quantity?: number; price?: number; paymentMethod?: string } = {},
): Promise<AuthorizedOrder> {
  const quantity = options.quantity ?? 3;
  const shop = await shopWithProduct({ price: options.price ?? 1_000 });
  const product = await setCaptureLater(shop.product.id);
  const result = await startCheckout(null, guestInput(product, { quantity }));
  if (result.kind !== "confirm") throw new Error(`checkout answered ${result.kind}`);
  const pending = await getOrderById({ id: result.orderId });
  if (!pending?.paymentIntentId) throw new Error("checkout left no PaymentIntent");
  const stripeAccount = shop.account.stripeAccountId;
  const intent = await testStripe().paymentIntents.confirm(
    pending.paymentIntentId,
    { payment_method: options.paymentMethod ?? "pm_card_visa", return_url: "https://shop.test/return" },
    { stripeAccount },
  );
  if (intent.status !== "requires_capture") throw new Error(`authorisation ended ${intent.status}`);
  const event = await emulatorEvent(
    stripeAccount,
    "payment_intent.amount_capturable_updated",
    (e) => (e.data.object as Stripe.PaymentIntent).id === intent.id,
  );
  await applyWith(handlePaymentIntentEvent, event);
  const order = await getOrderById({ id: pending.id });
  const auth = await getAuthorization({ orderId: pending.id });
  if (order?.status !== "authorized" || !auth?.captureBefore) throw new Error("authorisation not recorded");
  return { ...shop, product, order, auth, intent };
}

/** The order's PaymentIntent as Stripe (the emulator) holds it now, with its charge. */
export async function intentOf(a: Pick<AuthorizedOrder, "order" | "account">): Promise<Stripe.PaymentIntent> {
  return testStripe().paymentIntents.retrieve(
    a.order.paymentIntentId!,
    { expand: ["latest_charge"] },
    { stripeAccount: a.account.stripeAccountId },
  );
}

/** The newest event of `type` about this order's PaymentIntent (waits for it). */
export function captureEvent(
  a: Pick<AuthorizedOrder, "order" | "account">,
  type: string,
): Promise<Stripe.Event> {
  return emulatorEvent(a.account.stripeAccountId, type, (e) => {
    const o = e.data.object as { id: string; payment_intent?: string | null };
    return o.id === a.order.paymentIntentId || o.payment_intent === a.order.paymentIntentId;
  });
}
