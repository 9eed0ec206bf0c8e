import { beforeAll, describe, expect, it } from "vitest";
import { getAccountByStripeId } from "@/db/queries/connected-accounts";
import { countOrdersForProduct, getOrderById } from "@/db/queries/orders";
import { getFeeSettings, saveFeeSettings } from "@/db/queries/settings";
import type { ConnectedAccount, Product, User } from "@/db/schema";
import { env } from "@/lib/env";
import {
  confirmOf,
  createTestProduct,
  createTestSeller,
  expectedFee,
  forgetPaymentIntent,
  guestInput,
  paymentIntentsOn,
  setFeeOverride,
  shopWithProduct,
} from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { startCheckout, type CheckoutInput } from "@/lib/payments/checkout";

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

describe("startCheckout: a direct charge with an application fee", () => {
  it("creates a pending order and its PaymentIntent on the seller's account", async () => {
    const { account, product } = await shopWithProduct({ price: 2800 });
    const input = guestInput(product, { quantity: 3 });
    const result = confirmOf(await startCheckout(callers.anonymous, input));

    const order = await getOrderById({ id: result.orderId });
    expect(order).toMatchObject({
      status: "pending",
      productId: product.id,
      stripeAccountId: account.stripeAccountId,
      buyerId: null,
      buyerEmail: "guest@example.com",
      quantity: 3,
      unitAmount: 2800,
      amount: 8400,
      applicationFeeAmount: await expectedFee(8400, account),
      currency: "usd",
      checkoutKey: input.checkoutKey,
    });
    expect(order?.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.returnUrl).toBe(
      `${new URL(`/orders/${order?.id}`, env.APP_URL).toString()}?token=${order?.accessToken}`,
    );

    const piId = order?.paymentIntentId ?? "";
    expect(result.clientSecret.startsWith(`${piId}_secret_`)).toBe(true);
    const pi = await testStripe().paymentIntents.retrieve(
      piId,
      {},
      { stripeAccount: account.stripeAccountId },
    );
    expect(pi).toMatchObject({
      amount: 8400,
      currency: "usd",
      application_fee_amount: order?.applicationFeeAmount,
      metadata: { order_id: order?.id },
      receipt_email: "guest@example.com",
      status: "requires_payment_method",
    });
    expect(pi.automatic_payment_methods?.enabled).toBe(true);

    // Not on the platform: that would be a destination/platform charge, not a direct charge.
    await expect(testStripe().paymentIntents.retrieve(piId)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("lets the platform collect the application fee once the payment succeeds", async () => {
    const { account, product } = await shopWithProduct({ price: 4500 });
    const result = confirmOf(await startCheckout(callers.buyer, guestInput(product, { quantity: 1 })));
    const order = await getOrderById({ id: result.orderId });
    const stripeAccount = account.stripeAccountId;

    const pi = await testStripe().paymentIntents.confirm(
      order?.paymentIntentId ?? "",
      { payment_method: "pm_card_visa", return_url: "https://shop.test/return" },
      { stripeAccount },
    );
    expect(pi.status).toBe("succeeded");
    const chargeId = typeof pi.latest_charge === "string" ? pi.latest_charge : pi.latest_charge?.id;
    expect(chargeId).toBeTruthy();

    const fees = await testStripe().applicationFees.list({ charge: chargeId, limit: 10 });
    const fee = fees.data.find((f) => (typeof f.charge === "string" ? f.charge : f.charge.id) === chargeId);
    expect(fee).toBeDefined();
    expect(fee?.amount).toBe(order?.applicationFeeAmount);
    expect(fee?.amount).toBe(await expectedFee(4500, account));
    expect(typeof fee?.account === "string" ? fee.account : fee?.account.id).toBe(stripeAccount);
  });

  it("uses the seller's fee override instead of the platform settings", async () => {
    const { account, product } = await shopWithProduct({ price: 10_000 });
    await setFeeOverride(account.stripeAccountId, { feeBpsOverride: 1_000, feeFixedOverride: 0 });
    const result = confirmOf(await startCheckout(callers.anonymous, guestInput(product, { quantity: 1 })));
    const order = await getOrderById({ id: result.orderId });
    expect(order?.applicationFeeAmount).toBe(1_000);
    const pi = await testStripe().paymentIntents.retrieve(
      order?.paymentIntentId ?? "",
      {},
      { stripeAccount: account.stripeAccountId },
    );
    expect(pi.application_fee_amount).toBe(1_000);
  });

  it("serves each kind of caller: guests, buyers, sellers and admins buying from another seller", async () => {
    const { product } = await shopWithProduct();
    for (const actor of [callers.buyer, callers.sellerA, callers.sellerB, callers.admin]) {
      const result = confirmOf(await startCheckout(actor, guestInput(product, { email: undefined })));
      const order = await getOrderById({ id: result.orderId });
      // A signed-in caller's receipt goes to their account email, whatever the form says.
      expect(order).toMatchObject({ buyerId: actor.id, buyerEmail: actor.email });
    }
    const guest = confirmOf(
      await startCheckout(callers.anonymous, guestInput(product, { email: "  Someone@Example.COM " })),
    );
    expect(await getOrderById({ id: guest.orderId })).toMatchObject({
      buyerId: null,
      buyerEmail: "someone@example.com",
    });
    expect(await countOrdersForProduct({ productId: product.id })).toBe(5);
  });
});

describe("startCheckout: double submits and retries", () => {
  it("makes one order and one PaymentIntent when the same form is submitted twice", async () => {
    const { account, product } = await shopWithProduct();
    const input = guestInput(product);
    const first = confirmOf(await startCheckout(callers.anonymous, input));
    const second = confirmOf(await startCheckout(callers.anonymous, input));
    expect(second).toEqual(first);
    expect(await countOrdersForProduct({ productId: product.id })).toBe(1);
    expect(await paymentIntentsOn(account)).toHaveLength(1);
  });

  it("makes one order and one PaymentIntent when the same form is submitted concurrently", async () => {
    const { account, product } = await shopWithProduct();
    const input = guestInput(product, { email: undefined });
    const results = await Promise.all(Array.from({ length: 5 }, () => startCheckout(callers.buyer, input)));
    const secrets = new Set(results.map((r) => confirmOf(r).clientSecret));
    const orderIds = new Set(results.map((r) => r.orderId));
    expect(secrets.size).toBe(1);
    expect(orderIds.size).toBe(1);
    expect(await countOrdersForProduct({ productId: product.id })).toBe(1);
    expect(await paymentIntentsOn(account)).toHaveLength(1);
  });

  it("retries a declined card on the same order and PaymentIntent", async () => {
    const { account, product } = await shopWithProduct();
    const stripeAccount = account.stripeAccountId;
    const input = guestInput(product);
    const first = confirmOf(await startCheckout(callers.anonymous, input));
    const order = await getOrderById({ id: first.orderId });
    const piId = order?.paymentIntentId ?? "";

    await expect(
      testStripe().paymentIntents.confirm(
        piId,
        { payment_method: "pm_card_chargeDeclinedInsufficientFunds", return_url: "https://shop.test/return" },
        { stripeAccount },
      ),
    ).rejects.toMatchObject({ type: "StripeCardError" });
    const declined = await testStripe().paymentIntents.retrieve(piId, {}, { stripeAccount });
    expect(declined.status).toBe("requires_payment_method");

    const retry = confirmOf(await startCheckout(callers.anonymous, input));
    expect(retry).toEqual(first);
    const paid = await testStripe().paymentIntents.confirm(
      piId,
      { payment_method: "pm_card_visa", return_url: "https://shop.test/return" },
      { stripeAccount },
    );
    expect(paid.status).toBe("succeeded");
    expect(await paymentIntentsOn(account)).toHaveLength(1);

    // Submitting again once paid sends the buyer to the order page instead of paying twice.
    expect(await startCheckout(callers.anonymous, input)).toEqual({
      kind: "paid",
      orderId: first.orderId,
      returnUrl: first.returnUrl,
    });
    expect(await countOrdersForProduct({ productId: product.id })).toBe(1);
  });

  it("recovers a PaymentIntent whose creation response was lost, without making a second one", async () => {
    const { account, product } = await shopWithProduct();
    const input = guestInput(product);
    const first = confirmOf(await startCheckout(callers.anonymous, input));
    await forgetPaymentIntent(first.orderId);
    const again = confirmOf(await startCheckout(callers.anonymous, input));
    expect(again).toEqual(first);
    expect((await getOrderById({ id: first.orderId }))?.paymentIntentId).toBe(
      first.clientSecret.split("_secret_")[0],
    );
    expect(await paymentIntentsOn(account)).toHaveLength(1);
  });

  it("refuses a checkout key reused with other details or by another caller", async () => {
    const { product } = await shopWithProduct();
    const other = await createTestProduct((await createTestSeller()).seller.id);
    const input = guestInput(product, { email: undefined });
    await startCheckout(callers.buyer, input);
    const attempts: [User | null, CheckoutInput][] = [
      [callers.buyer, { ...input, quantity: 3 }],
      [callers.buyer, { ...input, productId: other.id }],
      [await createTestUser("buyer"), input],
      [callers.anonymous, { ...input, email: "guest@example.com" }],
    ];
    for (const [actor, attempt] of attempts) {
      await expect(startCheckout(actor, attempt)).rejects.toMatchObject({ code: "conflict:checkout" });
    }
    expect(await countOrdersForProduct({ productId: product.id })).toBe(1);
    expect(await countOrdersForProduct({ productId: other.id })).toBe(0);
  });
});

/** The fee checkout put on the order and on its PaymentIntent (they must agree). */
async function checkoutFee(product: Product, account: ConnectedAccount): Promise<number> {
  const result = confirmOf(await startCheckout(callers.anonymous, guestInput(product, { quantity: 1 })));
  const order = await getOrderById({ id: result.orderId });
  const pi = await testStripe().paymentIntents.retrieve(
    order?.paymentIntentId ?? "",
    {},
    { stripeAccount: account.stripeAccountId },
  );
  expect(pi.application_fee_amount).toBe(order?.applicationFeeAmount);
  return order?.applicationFeeAmount ?? -1;
}

/** What the database said when it refused a write (drizzle wraps the driver's error). */
function refusal(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

describe("startCheckout: fee settings", () => {
  it("charges the fee of the platform settings row an admin saved", async () => {
    // Platform-wide state: this file's other fee assertions run after this test, one at a time.
    const before = await getFeeSettings();
    const { account, product } = await shopWithProduct({ price: 10_000 });
    try {
      await saveFeeSettings({ feeBps: 1_234, feeFixed: 56 });
      expect(await checkoutFee(product, account)).toBe(1_234 + 56);
      await saveFeeSettings({ feeBps: 0, feeFixed: 99 });
      expect(await checkoutFee(product, account)).toBe(99);
    } finally {
      await saveFeeSettings(before);
    }
  });

  it("refuses an out-of-range seller override when it is written, and checkout keeps a valid fee", async () => {
    const { account, product } = await shopWithProduct({ price: 10_000 });
    const bad = [
      [{ feeBpsOverride: -1, feeFixedOverride: null }, "connected_accounts_fee_bps_override_range"],
      [{ feeBpsOverride: 10_001, feeFixedOverride: 0 }, "connected_accounts_fee_bps_override_range"],
      [{ feeBpsOverride: null, feeFixedOverride: -30 }, "connected_accounts_fee_fixed_override_nonnegative"],
    ] as const;
    for (const [override, constraint] of bad) {
      const error = await setFeeOverride(account.stripeAccountId, override).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refusal(error)).toContain(`violates check constraint "${constraint}"`);
    }
    expect(await getAccountByStripeId({ stripeAccountId: account.stripeAccountId })).toMatchObject({
      feeBpsOverride: null,
      feeFixedOverride: null,
    });
    // Checkout is not stuck with a half-applied rule: it prices with the platform settings.
    const fee = await checkoutFee(product, account);
    expect(fee).toBe(await expectedFee(10_000, account));
  });

  it("prices the largest override the database accepts without a RangeError (the fee is the whole amount)", async () => {
    const { account, product } = await shopWithProduct({ price: 4_000 });
    await setFeeOverride(account.stripeAccountId, {
      feeBpsOverride: 10_000,
      feeFixedOverride: 2_147_483_647,
    });
    expect(await checkoutFee(product, account)).toBe(4_000);
    await setFeeOverride(account.stripeAccountId, { feeBpsOverride: 0, feeFixedOverride: 0 });
    expect(await checkoutFee(product, account)).toBe(0);
  });
});
