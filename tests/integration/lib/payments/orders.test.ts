import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { countOrdersForProduct, getOrderById } from "@/db/queries/orders";
import type { Product, User } from "@/db/schema";
import {
  createTestProduct,
  createTestSeller,
  deactivateProduct,
  disconnectAccount,
  guestInput,
} from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { startCheckout } from "@/lib/payments/checkout";
import { prepareCheckout } from "@/lib/payments/checkout-page";
import { setOrderState } from "@/tests/helpers/orders";
import { getOrderForViewer, listMyOrders, liveIntentStatusAfterRedirect } from "@/lib/payments/orders";

let callers: Awaited<ReturnType<typeof createCallers>>;
let product: Product;
let stripeAccount: string;

beforeAll(async () => {
  callers = await createCallers();
  const { seller, account } = await createTestSeller();
  stripeAccount = account.stripeAccountId;
  product = await createTestProduct(seller.id, { price: 1500 });
});

async function orderFor(actor: User | null) {
  const result = await startCheckout(actor, guestInput(product, { quantity: 1 }));
  const order = await getOrderById({ id: result.orderId });
  if (!order) throw new Error("order missing");
  return order;
}

describe("getOrderForViewer", () => {
  it("shows a signed-in buyer their own order and nobody else's", async () => {
    const order = await orderFor(callers.buyer);
    expect((await getOrderForViewer(callers.buyer, { orderId: order.id }))?.order.id).toBe(order.id);
    for (const other of [
      callers.anonymous,
      callers.sellerA,
      callers.sellerB,
      callers.admin,
      await createTestUser("buyer"),
    ]) {
      expect(await getOrderForViewer(other, { orderId: order.id })).toBeNull();
    }
  });

  it("shows a guest's order only with its access token", async () => {
    const order = await orderFor(null);
    const found = await getOrderForViewer(null, { orderId: order.id, token: order.accessToken });
    expect(found).toMatchObject({ order: { id: order.id }, productName: product.name });
    expect(await getOrderForViewer(null, { orderId: order.id })).toBeNull();
    expect(await getOrderForViewer(null, { orderId: order.id, token: "" })).toBeNull();
    expect(
      await getOrderForViewer(null, { orderId: order.id, token: order.accessToken.slice(1) }),
    ).toBeNull();
    const altered = order.accessToken.slice(0, -1) + (order.accessToken.endsWith("A") ? "B" : "A");
    expect(await getOrderForViewer(callers.buyer, { orderId: order.id, token: altered })).toBeNull();
    // Another order's token does not open this one.
    const other = await orderFor(null);
    expect(await getOrderForViewer(null, { orderId: order.id, token: other.accessToken })).toBeNull();
  });

  it("answers null for unknown and malformed ids", async () => {
    expect(await getOrderForViewer(callers.buyer, { orderId: randomUUID() })).toBeNull();
    expect(await getOrderForViewer(callers.buyer, { orderId: "not-a-uuid" })).toBeNull();
  });
});

describe("liveIntentStatusAfterRedirect (the order page after Stripe.js redirects back)", () => {
  it("reads the PaymentIntent from Stripe while our row lags behind a paid retry", async () => {
    const order = await orderFor(null);
    const piId = order.paymentIntentId ?? "";
    await expect(
      testStripe().paymentIntents.confirm(
        piId,
        { payment_method: "pm_card_chargeDeclined", return_url: "https://shop.test/return" },
        { stripeAccount },
      ),
    ).rejects.toMatchObject({ type: "StripeCardError" });
    const failed = await setOrderState(order.id, {
      status: "failed",
      failureMessage: "Your card was declined.",
    });
    expect(await liveIntentStatusAfterRedirect(failed, piId)).toBe("requires_payment_method");
    await testStripe().paymentIntents.confirm(
      piId,
      { payment_method: "pm_card_visa", return_url: "https://shop.test/return" },
      { stripeAccount },
    );
    // The succeeded webhook has not been applied: the row still says failed, Stripe says succeeded.
    expect(await liveIntentStatusAfterRedirect(failed, piId)).toBe("succeeded");
  });

  it("asks Stripe nothing without a redirect for this order's own PaymentIntent, or once the row is settled", async () => {
    const order = await orderFor(null);
    expect(await liveIntentStatusAfterRedirect(order, undefined)).toBeUndefined();
    expect(await liveIntentStatusAfterRedirect(order, "pi_someone_elses")).toBeUndefined();
    const settled = await setOrderState(order.id, { status: "succeeded" });
    expect(await liveIntentStatusAfterRedirect(settled, order.paymentIntentId ?? "")).toBeUndefined();
  });

  it("falls back to what the database knows when Stripe cannot find the intent", async () => {
    const order = await orderFor(null);
    const orphan = { ...order, paymentIntentId: "pi_missing_on_stripe" };
    expect(await liveIntentStatusAfterRedirect(orphan, "pi_missing_on_stripe")).toBeUndefined();
  });
});

describe("listMyOrders", () => {
  it("lists only the caller's orders, newest first", async () => {
    const buyer = await createTestUser("buyer");
    const first = await orderFor(buyer);
    const second = await orderFor(buyer);
    await orderFor(callers.buyer);
    const list = await listMyOrders(buyer, 1);
    expect(list.total).toBe(2);
    expect(list.items.map((i) => i.order.id)).toEqual([second.id, first.id]);
    expect(list.items[0]).toMatchObject({ productName: product.name });
  });
});

describe("prepareCheckout (the checkout page)", () => {
  it("renders the form without creating an order or a PaymentIntent", async () => {
    const { seller, account } = await createTestSeller();
    const fresh = await createTestProduct(seller.id, { price: 1200 });
    const model = await prepareCheckout(null, { productId: fresh.id, quantity: "3" });
    expect(model).toMatchObject({
      kind: "ready",
      quantity: 3,
      amount: 3600,
      currency: "usd",
      stripeAccountId: account.stripeAccountId,
      email: null,
      retryOrderId: null,
    });
    const again = await prepareCheckout(callers.buyer, { productId: fresh.id });
    expect(again).toMatchObject({ kind: "ready", quantity: 1, email: callers.buyer.email });
    // Each rendering gets its own checkout key.
    expect(
      model?.kind === "ready" && again?.kind === "ready" && model.checkoutKey !== again.checkoutKey,
    ).toBe(true);
    expect(await countOrdersForProduct({ productId: fresh.id })).toBe(0);
    expect(
      (await testStripe().paymentIntents.list({}, { stripeAccount: account.stripeAccountId })).data,
    ).toHaveLength(0);
  });

  it("blocks or hides products that cannot be bought", async () => {
    const { seller, account } = await createTestSeller();
    const item = await createTestProduct(seller.id);
    expect(await prepareCheckout(seller, { productId: item.id })).toMatchObject({ kind: "blocked" });
    expect(await prepareCheckout(null, { productId: item.id, quantity: "100" })).toMatchObject({
      kind: "blocked",
    });
    expect(await prepareCheckout(null, { productId: item.id, quantity: "1.5" })).toMatchObject({
      kind: "blocked",
    });
    expect(await prepareCheckout(null, { productId: randomUUID() })).toBeNull();
    expect(await prepareCheckout(null, { productId: "nope" })).toBeNull();
    await disconnectAccount(account.stripeAccountId);
    expect(await prepareCheckout(null, { productId: item.id })).toMatchObject({ kind: "blocked" });
    await deactivateProduct(item.id);
    expect(await prepareCheckout(null, { productId: item.id })).toBeNull();
  });

  it("reopens a failed order with its own checkout key for another card", async () => {
    const order = await orderFor(null);
    await expect(
      testStripe().paymentIntents.confirm(
        order.paymentIntentId ?? "",
        { payment_method: "pm_card_chargeDeclined", return_url: "https://shop.test/return" },
        { stripeAccount },
      ),
    ).rejects.toMatchObject({ type: "StripeCardError" });
    const model = await prepareCheckout(null, {
      productId: product.id,
      orderId: order.id,
      token: order.accessToken,
    });
    expect(model).toMatchObject({
      kind: "ready",
      checkoutKey: order.checkoutKey,
      retryOrderId: order.id,
      email: "guest@example.com",
      amount: order.amount,
    });
    // Without the token (or with another buyer) the order stays hidden.
    expect(await prepareCheckout(null, { productId: product.id, orderId: order.id })).toBeNull();
    expect(await prepareCheckout(callers.buyer, { productId: product.id, orderId: order.id })).toBeNull();
    // Paying again through the action reuses the order's PaymentIntent.
    const again = await startCheckout(
      null,
      guestInput(product, { quantity: order.quantity, checkoutKey: order.checkoutKey, email: undefined }),
    );
    expect(again).toMatchObject({ kind: "confirm", orderId: order.id });
    expect(
      again.kind === "confirm" && again.clientSecret.startsWith(`${order.paymentIntentId}_secret_`),
    ).toBe(true);
  });
});
