import { beforeAll, describe, expect, it, vi } from "vitest";
import { countOrdersForProduct, getOrderById } from "@/db/queries/orders";
import { updateProductAction } from "@/app/dashboard/products/actions";
import { actAs, formData, settle } from "@/tests/helpers/action-request";
import { newCheckoutKey } from "@/lib/payments/checkout-page";
import { guestInput, paymentIntentsOn, shopWithProduct } from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";
import { createCallers } from "@/tests/helpers/users";
import { startCheckoutAction } from "@/app/(shop)/checkout/[productId]/actions";

/*
 * The checkout server action as the page calls it, with the seller raising the price through their
 * own product edit action in between. Only next/headers and next/cache are replaced (no request scope
 * outside Next); the database and the emulator are real.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

describe("startCheckoutAction: the price the page showed", () => {
  it("answers a price raised by the seller with the new price to show, charges nothing, then charges the new price", async () => {
    const { seller, account, product } = await shopWithProduct({ price: 1000 });
    const shown = guestInput(product, { quantity: 1 }); // the checkout page said $10.00

    const edit = formData({
      productId: product.id,
      name: product.name,
      description: product.description,
      price: "100.00",
      currency: "usd",
    });
    const saved = await actAs(seller, () => settle(updateProductAction(undefined, edit)));
    expect(saved.redirect).toBe("/dashboard/products?saved=1");

    const refused = await actAs(null, () => startCheckoutAction(undefined, shown));
    expect(refused).toEqual({
      ok: false,
      message:
        "The price changed from $10.00 to $100.00. Nothing was charged: check the new total and pay again.",
      data: {
        kind: "price_changed",
        price: { unitAmount: 10_000, quantity: 1, amount: 10_000, currency: "usd" },
      },
    });
    expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
    expect(await paymentIntentsOn(account)).toEqual([]);

    // One more click: the page sends the price it now shows.
    const again = { ...shown, shownUnitAmount: 10_000, shownAmount: 10_000, shownCurrency: "usd" };
    const paid = await actAs(null, () => startCheckoutAction(undefined, again));
    expect(paid.ok).toBe(true);
    if (paid.data?.kind !== "confirm")
      throw new Error(`expected a client secret, got ${JSON.stringify(paid)}`);
    const order = await getOrderById({ id: paid.data.orderId });
    const intent = await testStripe().paymentIntents.retrieve(
      order?.paymentIntentId ?? "",
      {},
      { stripeAccount: account.stripeAccountId },
    );
    expect(intent).toMatchObject({ amount: 10_000, currency: "usd", metadata: { order_id: order?.id } });
    expect(paid.data.clientSecret.startsWith(`${intent.id}_secret_`)).toBe(true);
  });

  it("refuses a signed-in buyer's forged lower price from form data, with the current price to show", async () => {
    const { account, product } = await shopWithProduct({ price: 10_000 });
    const forged = {
      productId: product.id,
      quantity: "1",
      checkoutKey: newCheckoutKey(),
      shownUnitAmount: "1000",
      shownAmount: "1000",
      shownCurrency: "usd",
    };
    const form = formData(forged);
    const state = await actAs(callers.buyer, () => startCheckoutAction(undefined, form));
    expect(state).toMatchObject({ ok: false, data: { kind: "price_changed", price: { amount: 10_000 } } });
    expect(state.message).toMatch(/^The price changed from \$10\.00 to \$100\.00\./);
    expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
    expect(await paymentIntentsOn(account)).toEqual([]);
  });

  it("refuses a form without the shown price (a page from before this check) like any stale form", async () => {
    const { account, product } = await shopWithProduct({ price: 1000 });
    const {
      shownUnitAmount: _u,
      shownAmount: _a,
      shownCurrency: _c,
      ...stale
    } = guestInput(product, { quantity: 1 });
    const state = await actAs(null, () => startCheckoutAction(undefined, stale));
    expect(state.ok).toBe(false);
    expect(state.fieldErrors?.shownAmount).toEqual([
      "This checkout form has expired. Please reload the page.",
    ]);
    expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
    expect(await paymentIntentsOn(account)).toEqual([]);
  });
});
