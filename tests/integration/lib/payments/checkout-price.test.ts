import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { countOrdersForProduct, getOrderById } from "@/db/queries/orders";
import { products, type ConnectedAccount, type Product } from "@/db/schema";
import type { AppError } from "@/lib/errors";
import {
  confirmOf,
  deactivateProduct,
  guestInput,
  paymentIntentsOn,
  shopWithProduct,
  shownPriceOf,
} from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";
import { createCallers } from "@/tests/helpers/users";
import { startCheckout, type CheckoutInput } from "@/lib/payments/checkout";
import { prepareCheckout } from "@/lib/payments/checkout-page";
import { PriceChangedError } from "@/lib/payments/checkout-rules";

/*
 * Honest prices (issue 15, finding 2): the checkout charges the price the buyer's page showed, or
 * nothing. The seller changes the price between the page and the submit; the emulator (through the
 * real SDK) and the database say whether anything was charged or written.
 */

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

async function setPrice(
  product: Product,
  values: Partial<Pick<Product, "price" | "currency">>,
): Promise<Product> {
  const [row] = await db.update(products).set(values).where(eq(products.id, product.id)).returning();
  if (!row) throw new Error("product vanished");
  return row;
}

/** Checkout refused with PriceChangedError; no new PaymentIntent at Stripe, no new order. Returns the refusal. */
async function expectNothingCharged(input: CheckoutInput, product: Product, account: ConnectedAccount) {
  const orders = await countOrdersForProduct({ productId: product.id });
  const intents = (await paymentIntentsOn(account)).length;
  const error = await startCheckout(callers.anonymous, input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PriceChangedError);
  expect((error as AppError).code).toBe("conflict:checkout_price");
  expect(await countOrdersForProduct({ productId: product.id })).toBe(orders);
  expect(await paymentIntentsOn(account)).toHaveLength(intents);
  return error as PriceChangedError;
}

async function intentOf(orderId: string, account: ConnectedAccount) {
  const order = await getOrderById({ id: orderId });
  return testStripe().paymentIntents.retrieve(
    order?.paymentIntentId ?? "",
    {},
    { stripeAccount: account.stripeAccountId },
  );
}

describe("startCheckout charges the price the page showed, or nothing", () => {
  it("refuses a price raised after the page was rendered, naming both prices; the new price is paid with one more submit", async () => {
    const { account, product } = await shopWithProduct({ price: 1000 });
    const input = guestInput(product, { quantity: 1 }); // the page showed $10.00
    await setPrice(product, { price: 10_000 });

    const refusal = await expectNothingCharged(input, product, account);
    expect(await paymentIntentsOn(account)).toEqual([]);
    expect(refusal.message).toBe(
      "The price changed from $10.00 to $100.00. Nothing was charged: check the new total and pay again.",
    );
    expect(refusal.current).toEqual({ unitAmount: 10_000, quantity: 1, amount: 10_000, currency: "usd" });

    // The page now shows the new price and sends it back with the same checkout key.
    const { current } = refusal;
    const paid = confirmOf(
      await startCheckout(callers.anonymous, {
        ...input,
        shownUnitAmount: current.unitAmount,
        shownAmount: current.amount,
        shownCurrency: current.currency,
      }),
    );
    expect(await getOrderById({ id: paid.orderId })).toMatchObject({
      unitAmount: 10_000,
      amount: 10_000,
      currency: "usd",
      checkoutKey: input.checkoutKey,
    });
    expect(await intentOf(paid.orderId, account)).toMatchObject({ amount: 10_000, currency: "usd" });
    expect(await paymentIntentsOn(account)).toHaveLength(1);
  });

  it("charges an unchanged price as before; the same figures after a change are refused", async () => {
    const { account, product } = await shopWithProduct({ price: 1000 });
    const result = confirmOf(await startCheckout(callers.anonymous, guestInput(product, { quantity: 3 })));
    expect(await intentOf(result.orderId, account)).toMatchObject({ amount: 3000, currency: "usd" });

    const secondPage = guestInput(product, { quantity: 3 });
    await setPrice(product, { price: 1001 });
    await expectNothingCharged(secondPage, product, account);
    expect(await paymentIntentsOn(account)).toHaveLength(1);
  });

  it("refuses a lowered price or another currency too (the buyer agreed to what they saw)", async () => {
    const lowered = await shopWithProduct({ price: 10_000 });
    const input = guestInput(lowered.product, { quantity: 1 });
    await setPrice(lowered.product, { price: 1000 });
    const down = await expectNothingCharged(input, lowered.product, lowered.account);
    expect(down.message).toMatch(/^The price changed from \$100\.00 to \$10\.00\./);

    const recurrency = await shopWithProduct({ price: 1000 });
    const inUsd = guestInput(recurrency.product, { quantity: 1 });
    await setPrice(recurrency.product, { currency: "eur" });
    const other = await expectNothingCharged(inUsd, recurrency.product, recurrency.account);
    expect(other.message).toMatch(/^The price changed from \$10\.00 to €10\.00\./);
    expect(other.current.currency).toBe("eur");
  });

  it("never charges a forged lower price: the shown figures are compared, never used", async () => {
    const { account, product } = await shopWithProduct({ price: 10_000 });
    const forgeries = [
      { shownUnitAmount: 1000, shownAmount: 1000 },
      { shownAmount: 1000 }, // right unit price, lower total
      { shownUnitAmount: 1000 }, // lower unit price, right total
      { shownAmount: 0, shownUnitAmount: 0 },
      { shownCurrency: "jpy" },
    ];
    for (const forged of forgeries) {
      const refusal = await expectNothingCharged(
        guestInput(product, { quantity: 1, ...forged }),
        product,
        account,
      );
      expect(refusal.current.amount).toBe(10_000);
    }
    // A missing or malformed shown price is the schema's refusal, a stale form: the action's
    // (app/(shop)/checkout/[productId]/actions-input.test.ts).
    expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
    expect(await paymentIntentsOn(account)).toEqual([]);
  });

  it("keeps the quantity and the total together: more items for the shown total are refused", async () => {
    const { account, product } = await shopWithProduct({ price: 1000 });
    const shownForTwo = guestInput(product, { quantity: 2 });
    const refusal = await expectNothingCharged({ ...shownForTwo, quantity: 5 }, product, account);
    expect(refusal.message).toMatch(/^The price changed from \$20\.00 to \$50\.00\./);
    expect(refusal.current).toEqual({ unitAmount: 1000, quantity: 5, amount: 5000, currency: "usd" });

    // With several items the message names the new unit price and what Pay will charge.
    const input = guestInput(product, { quantity: 3 });
    await setPrice(product, { price: 1250 });
    const raised = await expectNothingCharged(input, product, account);
    expect(raised.message).toBe(
      "The price changed from $10.00 to $12.50 each ($37.50 for 3). Nothing was charged: check the new total and pay again.",
    );
    const paid = confirmOf(
      await startCheckout(callers.anonymous, {
        ...input,
        ...shownPriceOf({ price: 1250, currency: "usd" }, 3),
      }),
    );
    expect(await intentOf(paid.orderId, account)).toMatchObject({ amount: 3750 });
  });

  it("charges nothing for a product that became unavailable", async () => {
    const { account, product } = await shopWithProduct({ price: 1000 });
    const input = guestInput(product, { quantity: 1 });
    await deactivateProduct(product.id);
    await expect(startCheckout(callers.anonymous, input)).rejects.toMatchObject({
      code: "not_found:checkout_product",
      message: "This product is not available any more.",
    });
    expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
    expect(await paymentIntentsOn(account)).toEqual([]);
  });
});

describe("Try another card: the order's recorded price", () => {
  async function declinedOrder(price: number) {
    const { account, product } = await shopWithProduct({ price });
    const input = guestInput(product, { quantity: 1 });
    const first = confirmOf(await startCheckout(callers.anonymous, input));
    const order = await getOrderById({ id: first.orderId });
    await expect(
      testStripe().paymentIntents.confirm(
        order?.paymentIntentId ?? "",
        { payment_method: "pm_card_chargeDeclined", return_url: "https://shop.test/return" },
        { stripeAccount: account.stripeAccountId },
      ),
    ).rejects.toMatchObject({ type: "StripeCardError" });
    if (!order) throw new Error("order missing");
    return { account, product, input, order };
  }

  it("shows and charges the order's price after the seller raised the product's, and refuses any other figure", async () => {
    const { account, product, input, order } = await declinedOrder(1000);
    await setPrice(product, { price: 10_000 });

    const page = await prepareCheckout(null, {
      productId: product.id,
      orderId: order.id,
      token: order.accessToken,
    });
    expect(page).toMatchObject({
      kind: "ready",
      retryOrderId: order.id,
      unitAmount: 1000,
      quantity: 1,
      amount: 1000,
      currency: "usd",
    });

    // The product's new price is not this order's: sending it back is refused, and nothing changes.
    const newPrice = { ...input, ...shownPriceOf({ price: 10_000, currency: "usd" }, 1) };
    const refusal = await startCheckout(callers.anonymous, newPrice).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(PriceChangedError);
    expect((refusal as PriceChangedError).current).toEqual({
      unitAmount: 1000,
      quantity: 1,
      amount: 1000,
      currency: "usd",
    });

    const retry = confirmOf(await startCheckout(callers.anonymous, input));
    expect(retry.orderId).toBe(order.id);
    expect(await paymentIntentsOn(account)).toHaveLength(1);
    expect(await intentOf(order.id, account)).toMatchObject({
      id: order.paymentIntentId,
      amount: 1000,
      currency: "usd",
    });
  });

  it("hands out no client secret when the PaymentIntent no longer charges the order's price", async () => {
    const { account, input, order } = await declinedOrder(1000);
    await testStripe().paymentIntents.update(
      order.paymentIntentId ?? "",
      { amount: 10_000 },
      { stripeAccount: account.stripeAccountId },
    );
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(startCheckout(callers.anonymous, input)).rejects.toMatchObject({
      code: "conflict:checkout_amount",
    });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
