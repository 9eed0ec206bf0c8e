import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { countOrdersForProduct, getOrderById } from "@/db/queries/orders";
import type { ConnectedAccount, Product, User } from "@/db/schema";
import { formDataToObject } from "@/lib/actions";
import { AppError } from "@/lib/errors";
import {
  confirmOf,
  createTestProduct,
  createTestSeller,
  deactivateProduct,
  disconnectAccount,
  expectedFee,
  guestInput,
  paymentIntentsOn,
  setFeeOverride,
  shopWithProduct,
} from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { checkoutInputSchema, newCheckoutKey, startCheckout } from "@/lib/payments/checkout";

/* Every refusal of the checkout action, and proof that the client cannot price an order. */

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

describe("startCheckout: refusals write nothing", () => {
  async function expectRefusal(
    actor: User | null,
    input: Record<string, unknown>,
    code: string,
    product: Product,
    account: ConnectedAccount,
  ) {
    const error = await startCheckout(actor, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message.length).toBeGreaterThan(10);
    expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
    expect(await paymentIntentsOn(account)).toHaveLength(0);
    return error as AppError;
  }

  it("refuses an unknown or inactive product", async () => {
    const { account, product } = await shopWithProduct();
    await expectRefusal(
      callers.anonymous,
      guestInput(product, { productId: randomUUID() }),
      "not_found:checkout_product",
      product,
      account,
    );
    await deactivateProduct(product.id);
    await expectRefusal(
      callers.anonymous,
      guestInput(product),
      "not_found:checkout_product",
      product,
      account,
    );
  });

  it("refuses a seller whose account cannot charge, or is disconnected", async () => {
    const notOnboarded = await shopWithProduct({ onboarded: false });
    expect(notOnboarded.account.chargesEnabled).toBe(false);
    await expectRefusal(
      callers.buyer,
      guestInput(notOnboarded.product),
      "unprocessable:checkout_seller",
      notOnboarded.product,
      notOnboarded.account,
    );

    const disconnected = await shopWithProduct();
    await disconnectAccount(disconnected.account.stripeAccountId);
    await expectRefusal(
      callers.buyer,
      guestInput(disconnected.product),
      "unprocessable:checkout_seller",
      disconnected.product,
      disconnected.account,
    );

    const noAccount = await createTestProduct((await createTestUser("seller")).id);
    await expect(startCheckout(callers.buyer, guestInput(noAccount))).rejects.toMatchObject({
      code: "unprocessable:checkout_seller",
    });
    expect(await countOrdersForProduct({ productId: noAccount.id })).toBe(0);
  });

  it("refuses quantities outside 1–99 and non-integers", async () => {
    const { account, product } = await shopWithProduct();
    for (const quantity of [0, -1, 100, 1.5, "abc", "", null, "2e1x"]) {
      const error = await expectRefusal(
        callers.anonymous,
        guestInput(product, { quantity }),
        "unprocessable:checkout",
        product,
        account,
      );
      expect(error.fieldErrors?.quantity?.[0]).toBe("Quantity must be a whole number from 1 to 99.");
    }
  });

  it("refuses a seller buying from their own account", async () => {
    const { seller, account, product } = await shopWithProduct({ seller: callers.sellerA });
    await expectRefusal(seller, guestInput(product), "forbidden:checkout_own_product", product, account);
  });

  it("refuses a guest without a valid email", async () => {
    const { account, product } = await shopWithProduct();
    const missing = await expectRefusal(
      callers.anonymous,
      guestInput(product, { email: undefined }),
      "unprocessable:checkout_email",
      product,
      account,
    );
    expect(missing.fieldErrors?.email).toBeDefined();
    for (const email of ["", "   ", "not-an-email", "a@", `${"x".repeat(250)}@example.com`]) {
      const error = await expectRefusal(
        callers.anonymous,
        guestInput(product, { email }),
        email.trim() ? "unprocessable:checkout" : "unprocessable:checkout_email",
        product,
        account,
      );
      expect(error.fieldErrors?.email).toBeDefined();
    }
  });

  it("refuses an order larger than one Stripe charge", async () => {
    const { account, product } = await shopWithProduct({ price: 5_000_000 });
    await expectRefusal(
      callers.anonymous,
      guestInput(product, { quantity: 20 }),
      "unprocessable:checkout_amount",
      product,
      account,
    );
  });

  it("refuses an amount below Stripe's minimum for the currency, keeping no order", async () => {
    const { account, product } = await shopWithProduct({ price: 10 });
    const error = await expectRefusal(
      callers.anonymous,
      guestInput(product, { quantity: 2 }),
      "unprocessable:checkout_amount",
      product,
      account,
    );
    expect(error.message).toMatch(/minimum/);
  });

  it("keeps no order when Stripe refuses the PaymentIntent", async () => {
    const { seller, account } = await createTestSeller();
    const product = await createTestProduct(seller.id, { currency: "xyz" });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expectRefusal(callers.buyer, guestInput(product), "stripe:checkout", product, account);
    // Stripe's raw message is logged for us, never shown to the buyer.
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });

  it("refuses a malformed product id or checkout key", async () => {
    const { account, product } = await shopWithProduct();
    await expectRefusal(
      callers.anonymous,
      guestInput(product, { productId: "1 OR 1=1" }),
      "unprocessable:checkout",
      product,
      account,
    );
    await expectRefusal(
      callers.anonymous,
      guestInput(product, { checkoutKey: "short" }),
      "unprocessable:checkout",
      product,
      account,
    );
  });
});

describe("startCheckout: the client cannot price the order", () => {
  const tampered = {
    amount: 1,
    application_fee_amount: 0,
    applicationFeeAmount: 0,
    price: 1,
    unitAmount: 1,
    currency: "jpy",
    stripeAccount: "acct_attacker",
    buyerId: randomUUID(),
  };

  it("ignores amount, fee, price and account fields in the submitted data", async () => {
    const { account, product } = await shopWithProduct({ price: 2800 });
    // The seller's own rule: checkout.test.ts changes the platform settings, which other files share on PostgreSQL.
    const override = { feeBpsOverride: 700, feeFixedOverride: 25 };
    await setFeeOverride(account.stripeAccountId, override);
    const result = confirmOf(
      await startCheckout(callers.anonymous, guestInput(product, { quantity: 1, ...tampered })),
    );
    const order = await getOrderById({ id: result.orderId });
    const fee = await expectedFee(2800, { ...account, ...override });
    expect(fee).toBe(221);
    expect(order).toMatchObject({
      amount: 2800,
      unitAmount: 2800,
      applicationFeeAmount: fee,
      currency: "usd",
      buyerId: null,
      stripeAccountId: account.stripeAccountId,
    });
    const pi = await testStripe().paymentIntents.retrieve(
      order?.paymentIntentId ?? "",
      {},
      { stripeAccount: account.stripeAccountId },
    );
    expect(pi).toMatchObject({ amount: 2800, application_fee_amount: fee, currency: "usd" });
  });

  it("drops every field but product, quantity, checkout key, email and the shown price from the action's form data", () => {
    const form = new FormData();
    const key = newCheckoutKey();
    const productId = randomUUID();
    const shown = { shownUnitAmount: "2800", shownAmount: "5600", shownCurrency: "usd" };
    for (const [name, value] of Object.entries({
      productId,
      quantity: "2",
      checkoutKey: key,
      email: "g@example.com",
      ...shown,
      ...tampered,
    })) {
      form.set(name, String(value));
    }
    const parsed = checkoutInputSchema.parse(formDataToObject(form));
    expect(parsed).toEqual({
      productId,
      quantity: 2,
      checkoutKey: key,
      email: "g@example.com",
      shownUnitAmount: 2800,
      shownAmount: 5600,
      shownCurrency: "usd",
    });
  });
});
