import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { listCartCheckoutOrders, listSellerTransfers } from "@/db/queries/cart-checkouts";
import { cartCheckouts, disputes, orders } from "@/db/schema";
import { getOrderForAdmin } from "@/lib/admin/console";
import { viewCart } from "@/lib/cart/cart";
import { cartCheckoutForPage } from "@/lib/cart/checkout-view";
import { makeCartTransfers } from "@/lib/cart/transfers";
import { startCheckout } from "@/lib/payments/checkout";
import { prepareCheckout } from "@/lib/payments/checkout-page";
import { inBrowser } from "@/tests/helpers/browser-jar";
import {
  buyerWithCart,
  cartCheckoutRow,
  checkoutCart,
  checkoutIdOf,
  deliverPlatformEvent,
  payOnHostedPage,
  sessionIdOf,
} from "@/tests/helpers/cart-checkout";
import { expectedFee, shopWithProduct } from "@/tests/helpers/checkout";
import { emulator, testStripe } from "@/tests/helpers/emulator";
import { waitFor } from "@/tests/helpers/webhooks";
import { createTestUser } from "@/tests/helpers/users";

/*
 * A cart paid through Stripe Checkout, end to end against the emulator: one seller makes a destination
 * charge, several make one platform charge and a transfer each (minus the fee) once it succeeded; the
 * orders follow the session's webhooks exactly once; a declined card, an abandoned session and a failed
 * delayed payment leave nothing paid and nothing transferred.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-jar")).browserHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let alice: Awaited<ReturnType<typeof shopWithProduct>>;
let bob: Awaited<ReturnType<typeof shopWithProduct>>;
beforeAll(async () => {
  alice = await shopWithProduct({ price: 2800 });
  bob = await shopWithProduct({ price: 4500 });
});

describe("a cart from two sellers", () => {
  it("is one platform charge, then a transfer per seller of their lines minus the fee, each made once", async () => {
    const buyer = await buyerWithCart([
      [alice.product.id, 2],
      [bob.product.id, 1],
    ]);
    const before = await db.$count(cartCheckouts);
    await expect(checkoutCart(buyer, { shownTotal: 9999 })).rejects.toThrow(/changed since this page/);
    expect(await db.$count(cartCheckouts)).toBe(before);

    const { url } = await checkoutCart(buyer);
    const paid = await payOnHostedPage(url);
    expect(paid.status).toBe(303);
    const id = checkoutIdOf(paid.headers.get("location")!);
    expect(await cartCheckoutRow(id)).toMatchObject({
      chargeModel: "separate",
      status: "open",
      amountTotal: 10_100,
    });
    expect((await listCartCheckoutOrders({ id })).map((o) => o.status)).toEqual(["pending", "pending"]);

    await deliverPlatformEvent("checkout.session.completed", sessionIdOf(url));
    const row = await cartCheckoutRow(id);
    expect(row.status).toBe("paid");
    expect((await listCartCheckoutOrders({ id })).map((o) => o.status)).toEqual(["succeeded", "succeeded"]);
    expect((await inBrowser(buyer, () => viewCart(buyer.user))).sellers).toEqual([]);
    const intent = await testStripe().paymentIntents.retrieve(row.paymentIntentId!);
    expect(intent).toMatchObject({
      amount: 10_100,
      transfer_group: `cart_${id}`,
      transfer_data: null,
      application_fee_amount: null,
    });

    // Delivering the event already started the transfers (after the webhook's response); a second
    // worker at the same time makes the same ones (idempotency key per seller), never two.
    await makeCartTransfers();
    await waitFor(async () =>
      (await listSellerTransfers({ cartCheckoutId: id })).every((t) => t.stripeTransferId),
    );
    expect((await makeCartTransfers()).made).toBe(0);
    const transfers = await testStripe().transfers.list({ transfer_group: `cart_${id}` });
    const aliceFee = await expectedFee(5600, alice.account);
    const bobFee = await expectedFee(4500, bob.account);
    expect(transfers.data.map((t) => [t.destination, t.amount, t.source_transaction]).sort()).toEqual(
      [
        [alice.account.stripeAccountId, 5600 - aliceFee, intent.latest_charge],
        [bob.account.stripeAccountId, 4500 - bobFee, intent.latest_charge],
      ].sort(),
    );
    for (const t of transfers.data) await deliverPlatformEvent("transfer.created", t.id);
    expect((await listSellerTransfers({ cartCheckoutId: id })).map((t) => t.stripeTransferId).sort()).toEqual(
      transfers.data.map((t) => t.id).sort(),
    );

    // The same event again changes nothing.
    const settled = await cartCheckoutRow(id);
    await deliverPlatformEvent("checkout.session.completed", sessionIdOf(url));
    expect(await cartCheckoutRow(id)).toEqual(settled);
  });
});

describe("the PaymentIntent's event and the session's, in either order", () => {
  it("payment_intent.succeeded first pays the cart; the session's event then changes nothing", async () => {
    const buyer = await buyerWithCart([
      [alice.product.id, 1],
      [bob.product.id, 1],
    ]);
    const { url } = await checkoutCart(buyer);
    // A declined card first: the buyer stays on the page, nothing is decided.
    expect((await payOnHostedPage(url, "4000000000000002")).status).not.toBe(303);
    const id = checkoutIdOf((await payOnHostedPage(url)).headers.get("location")!);
    const session = await testStripe().checkout.sessions.retrieve(sessionIdOf(url));
    const intentId = session.payment_intent as string;
    expect((await cartCheckoutRow(id)).paymentIntentId).toBeNull();

    await deliverPlatformEvent("payment_intent.succeeded", intentId);
    const paid = await cartCheckoutRow(id);
    expect(paid).toMatchObject({ status: "paid", paymentIntentId: intentId });
    expect((await listCartCheckoutOrders({ id })).map((o) => o.status)).toEqual(["succeeded", "succeeded"]);
    expect((await inBrowser(buyer, () => viewCart(buyer.user))).itemCount).toBe(0);

    await deliverPlatformEvent("checkout.session.completed", session.id);
    expect(await cartCheckoutRow(id)).toMatchObject({
      status: "paid",
      paymentIntentId: intentId,
      amountTotal: paid.amountTotal,
    });
    await deliverPlatformEvent("payment_intent.succeeded", intentId);
    expect((await listCartCheckoutOrders({ id })).map((o) => o.status)).toEqual(["succeeded", "succeeded"]);
  });
});

describe("a dispute of a cart's payment", () => {
  it("is the platform's: stored without an order or seller account, shown on the lines' admin pages, sellers untouched", async () => {
    const buyer = await buyerWithCart([[alice.product.id, 1]]);
    const { url } = await checkoutCart(buyer);
    const id = checkoutIdOf((await payOnHostedPage(url, "4000000000000259")).headers.get("location")!);
    await deliverPlatformEvent("checkout.session.completed", sessionIdOf(url));
    const intentId = (await cartCheckoutRow(id)).paymentIntentId!;
    const dispute = await waitFor(
      async () => (await testStripe().disputes.list({ payment_intent: intentId })).data[0],
      20_000,
    );
    await deliverPlatformEvent("charge.dispute.created", dispute.id);
    const [row] = await db.select().from(disputes).where(eq(disputes.stripeDisputeId, dispute.id));
    expect(row).toMatchObject({ orderId: null, stripeAccountId: null, amount: 2800 });
    const [line] = await listCartCheckoutOrders({ id });
    expect(line).toMatchObject({ disputed: false });
    const detail = await getOrderForAdmin(await createTestUser("admin"), line!.id);
    expect(detail?.cart?.disputes.map((d) => d.stripeDisputeId)).toEqual([dispute.id]);
  });
});

describe("a cart from one seller", () => {
  it("is a destination charge with the fee; Stripe's transfer is recorded, none is made by us", async () => {
    const buyer = await buyerWithCart([[alice.product.id, 3]]);
    const { url } = await checkoutCart(buyer);
    const id = checkoutIdOf((await payOnHostedPage(url)).headers.get("location")!);
    await deliverPlatformEvent("checkout.session.completed", sessionIdOf(url));
    const row = await cartCheckoutRow(id);
    expect(row).toMatchObject({ status: "paid", chargeModel: "destination" });
    const intent = await testStripe().paymentIntents.retrieve(row.paymentIntentId!, {
      expand: ["latest_charge"],
    });
    const fee = await expectedFee(8400, alice.account);
    expect(intent).toMatchObject({
      amount: 8400,
      application_fee_amount: fee,
      transfer_data: { destination: alice.account.stripeAccountId },
    });
    const charge = intent.latest_charge as { transfer: string };
    await deliverPlatformEvent("transfer.created", charge.transfer);
    expect(await listSellerTransfers({ cartCheckoutId: id })).toEqual([
      expect.objectContaining({ stripeTransferId: charge.transfer, amount: 8400 - fee }),
    ]);
    const made = await makeCartTransfers();
    expect((await testStripe().transfers.list({ transfer_group: `cart_${id}` })).data).toHaveLength(1);
    expect(made.failed).toBe(0);
  });
});

describe("nothing is paid or transferred", () => {
  it("after a declined card and an abandoned session; the cart keeps its items", async () => {
    const buyer = await buyerWithCart([
      [alice.product.id, 1],
      [bob.product.id, 1],
    ]);
    const { url } = await checkoutCart(buyer);
    const declined = await payOnHostedPage(url, "4000000000000002");
    expect(declined.status).toBe(200);
    expect(await declined.text()).toMatch(/declined/i);
    const session = await testStripe().checkout.sessions.expire(sessionIdOf(url));
    await deliverPlatformEvent("checkout.session.expired", session.id);
    const id = session.client_reference_id!;
    expect(await cartCheckoutRow(id)).toMatchObject({ status: "expired" });
    expect((await listCartCheckoutOrders({ id })).map((o) => o.status)).toEqual(["canceled", "canceled"]);
    expect((await makeCartTransfers()).made).toBe(0);
    expect((await testStripe().transfers.list({ transfer_group: `cart_${id}` })).data).toEqual([]);
    expect((await inBrowser(buyer, () => viewCart(buyer.user))).itemCount).toBe(2);
  });

  it("after a delayed payment that failed (processing first)", async () => {
    const buyer = await buyerWithCart([[bob.product.id, 2]]);
    const { url } = await checkoutCart(buyer);
    const sessionId = sessionIdOf(url);
    await emulator().checkoutAsyncPayment(sessionId, "pending");
    await deliverPlatformEvent("checkout.session.completed", sessionId);
    const id = (await testStripe().checkout.sessions.retrieve(sessionId)).client_reference_id!;
    expect(await cartCheckoutRow(id)).toMatchObject({ status: "processing" });
    expect((await listCartCheckoutOrders({ id }))[0]?.status).toBe("processing");
    await emulator().checkoutAsyncPayment(sessionId, "failed");
    await deliverPlatformEvent("checkout.session.async_payment_failed", sessionId);
    expect(await cartCheckoutRow(id)).toMatchObject({ status: "failed" });
    expect((await listCartCheckoutOrders({ id }))[0]).toMatchObject({ status: "failed" });
    expect((await inBrowser(buyer, () => viewCart(buyer.user))).itemCount).toBe(2);
  });
});

describe("the result page", () => {
  it("is its buyer's, or whoever holds the link's token", async () => {
    const buyer = await buyerWithCart([[alice.product.id, 1]]);
    const { url } = await checkoutCart(buyer);
    const location = (await payOnHostedPage(url)).headers.get("location")!;
    const id = checkoutIdOf(location);
    const token = new URL(location).searchParams.get("token")!;
    expect(await cartCheckoutForPage(buyer.user as never, id, undefined)).not.toBeNull();
    expect(await cartCheckoutForPage(null, id, token)).not.toBeNull();
    expect(await cartCheckoutForPage(null, id, undefined)).toBeNull();
    expect(await cartCheckoutForPage(await createTestUser("buyer"), id, "forged")).toBeNull();
  });
});

describe("a cart's order is never charged again as a direct charge", () => {
  it("the single-product checkout and its retry page refuse it", async () => {
    const buyer = await buyerWithCart([[bob.product.id, 1]]);
    const { url } = await checkoutCart(buyer);
    const id = checkoutIdOf((await payOnHostedPage(url)).headers.get("location")!);
    await deliverPlatformEvent("checkout.session.completed", sessionIdOf(url));
    const [order] = await listCartCheckoutOrders({ id });
    const user = buyer.user;
    await expect(
      startCheckout(user, {
        productId: order!.productId,
        quantity: order!.quantity,
        checkoutKey: order!.checkoutKey,
        shownUnitAmount: order!.unitAmount,
        shownAmount: order!.amount,
        shownCurrency: order!.currency,
        shownCaptureLater: false,
      }),
    ).rejects.toThrow("This order is part of a cart: pay for it from your cart.");
    await db.update(orders).set({ status: "failed" }).where(eq(orders.id, order!.id));
    expect(await prepareCheckout(user, { productId: order!.productId, orderId: order!.id })).toMatchObject({
      kind: "blocked",
      message: "This order is part of a cart: pay for it from your cart.",
    });
  });
});
