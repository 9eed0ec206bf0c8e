import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db/client";
import { insertOrderOnce } from "@/db/queries/orders";
import { orders, type ConnectedAccount, type Order, type Product, type User } from "@/db/schema";
import { createTestProduct, createTestSeller } from "./checkout";
import { testStripe } from "./emulator";

export interface PaidOrder {
  seller: User;
  account: ConnectedAccount;
  product: Product;
  order: Order;
  intent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
}

/** A pending guest order for one unit at `amount` on a fresh onboarded seller, as checkout inserts it. */
export async function insertGuestOrder(amount: number, fee: number, buyerEmail?: string) {
  const { seller, account } = await createTestSeller();
  const product = await createTestProduct(seller.id, { price: amount });
  const { order } = await insertOrderOnce({
    productId: product.id,
    sellerId: seller.id,
    stripeAccountId: account.stripeAccountId,
    buyerId: null,
    buyerEmail: buyerEmail ?? `guest-${randomUUID().slice(0, 8)}@test.example`,
    quantity: 1,
    unitAmount: amount,
    amount,
    applicationFeeAmount: fee,
    currency: "usd",
    accessToken: randomUUID(),
    checkoutKey: randomUUID(),
  });
  return { seller, account, product, order };
}

/**
 * A paid order as the checkout + webhooks would leave it: a direct charge on a fresh onboarded Express
 * account in the emulator (own account, so balances are only this test's), with the application fee,
 * and the matching `succeeded` orders row. `paymentMethod` picks the test card (e.g. pm_card_bypassPending
 * for funds available at once).
 */
export async function createPaidOrder(
  options: { amount?: number; fee?: number; paymentMethod?: string; buyerEmail?: string } = {},
): Promise<PaidOrder> {
  const amount = options.amount ?? 10_000;
  const fee = options.fee ?? 830;
  const {
    seller,
    account,
    product,
    order: pending,
  } = await insertGuestOrder(amount, fee, options.buyerEmail);
  const stripe = testStripe();
  const intent = await stripe.paymentIntents.create(
    {
      amount,
      currency: "usd",
      application_fee_amount: fee,
      payment_method: options.paymentMethod ?? "pm_card_visa",
      confirm: true,
      return_url: "https://shop.test/return",
      metadata: { order_id: pending.id },
    },
    { stripeAccount: account.stripeAccountId, idempotencyKey: `test-order-${pending.id}` },
  );
  if (intent.status !== "succeeded") throw new Error(`test payment did not succeed: ${intent.status}`);
  const chargeId = typeof intent.latest_charge === "string" ? intent.latest_charge : intent.latest_charge?.id;
  if (!chargeId) throw new Error("test payment has no charge");
  const charge = await stripe.charges.retrieve(chargeId, {}, { stripeAccount: account.stripeAccountId });
  const order = await setOrderState(pending.id, {
    status: "succeeded",
    paymentIntentId: intent.id,
    chargeId,
  });
  return { seller, account, product, order, intent, charge };
}

/** Forces columns of an order (what the webhooks would have written). */
export async function setOrderState(id: string, values: Partial<Order>): Promise<Order> {
  const [row] = await db
    .update(orders)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(orders.id, id))
    .returning();
  if (!row) throw new Error(`order ${id} not found`);
  return row;
}

/**
 * `count` orders of one seller's product written straight to the database (no Stripe): for lists and
 * pagination, where only rows matter. `values` sets columns on every one (e.g. a status).
 */
export async function insertOrdersFor(
  shop: { seller: User; account: ConnectedAccount; product: Product },
  count: number,
  values: Partial<Order> = {},
): Promise<Order[]> {
  const made: Order[] = [];
  for (let i = 0; i < count; i++) {
    const { order } = await insertOrderOnce({
      productId: shop.product.id,
      sellerId: shop.seller.id,
      stripeAccountId: shop.account.stripeAccountId,
      buyerId: null,
      buyerEmail: `list-${randomUUID().slice(0, 8)}@test.example`,
      quantity: 1,
      unitAmount: shop.product.price,
      amount: shop.product.price,
      applicationFeeAmount: 0,
      currency: shop.product.currency,
      accessToken: randomUUID(),
      checkoutKey: randomUUID(),
    });
    made.push(Object.keys(values).length > 0 ? await setOrderState(order.id, values) : order);
  }
  return made;
}
