import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { countOrdersForProduct, getOrderById } from "@/db/queries/orders";
import type { ConnectedAccount, Product, User } from "@/db/schema";
import { formDataToObject } from "@/lib/actions";
import { checkoutInputSchema } from "@/lib/payments/checkout";
import { newCheckoutKey, prepareCheckout } from "@/lib/payments/checkout-page";
import { CHECKOUT_REFUSALS, FORM_EXPIRED } from "@/lib/payments/checkout-rules";
import { actAs } from "@/tests/helpers/action-request";
import {
  expectedFee,
  guestFields,
  paymentIntentsOn,
  setFeeOverride,
  shopWithProduct,
} from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";
import { createCallers } from "@/tests/helpers/users";
import { startCheckoutAction } from "@/app/(shop)/checkout/[productId]/actions";

/*
 * What the checkout action takes from the form: its schema is the one parse of the submitted fields,
 * so a field it refuses is answered with the field's reason before anything is read or written, and a
 * field it does not know is dropped. The database and the emulator are real (see actions.test.ts).
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

/** The action refused `fields` with field errors; no order, no PaymentIntent. Returns the field errors. */
async function refusedFields(
  actor: User | null,
  fields: Record<string, unknown>,
  { product, account }: { product: Product; account: ConnectedAccount },
) {
  const state = await actAs(actor, () => startCheckoutAction(undefined, fields));
  expect(state).toMatchObject({ ok: false, message: "Please correct the highlighted fields." });
  expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
  expect(await paymentIntentsOn(account)).toHaveLength(0);
  return state.fieldErrors ?? {};
}

describe("startCheckoutAction: fields the schema refuses write nothing", () => {
  it("refuses quantities outside 1–99 and non-integers", async () => {
    const shop = await shopWithProduct();
    for (const quantity of [0, -1, 100, 1.5, "abc", "", null, "2e1x"]) {
      const errors = await refusedFields(callers.anonymous, guestFields(shop.product, { quantity }), shop);
      expect(errors.quantity?.[0]).toBe("Choose a quantity from 1 to 99.");
    }
  });

  it("refuses a guest's malformed email (a missing one is startCheckout's: checkout-refusals.test.ts)", async () => {
    const shop = await shopWithProduct();
    for (const email of ["not-an-email", "a@", `${"x".repeat(250)}@example.com`]) {
      const errors = await refusedFields(callers.anonymous, guestFields(shop.product, { email }), shop);
      expect(errors.email).toBeDefined();
    }
  });

  it("refuses a malformed product id or checkout key", async () => {
    const shop = await shopWithProduct();
    const badId = await refusedFields(
      callers.anonymous,
      guestFields(shop.product, { productId: "1 OR 1=1" }),
      shop,
    );
    expect(badId.productId).toEqual(["Unknown product."]);
    const badKey = await refusedFields(
      callers.anonymous,
      guestFields(shop.product, { checkoutKey: "short" }),
      shop,
    );
    expect(badKey.checkoutKey).toEqual([FORM_EXPIRED]);
  });

  it("refuses a missing or malformed shown price as a stale form, before anything is read", async () => {
    const shop = await shopWithProduct({ price: 10_000 });
    for (const [field, broken] of [
      ["shownAmount", { shownAmount: undefined }],
      ["shownCurrency", { shownCurrency: "US$" }],
      ["shownUnitAmount", { shownUnitAmount: -1 }],
      ["shownAmount", { shownAmount: 1.5 }],
    ] as const) {
      const errors = await refusedFields(
        callers.anonymous,
        guestFields(shop.product, { quantity: 1, ...broken }),
        shop,
      );
      expect(errors[field]).toEqual([FORM_EXPIRED]);
    }
  });

  it("says what the checkout page says for a quantity we do not sell", async () => {
    const shop = await shopWithProduct();
    const page = await prepareCheckout(null, { productId: shop.product.id, quantity: "100" });
    const errors = await refusedFields(null, guestFields(shop.product, { quantity: 100 }), shop);
    expect(page).toEqual({ kind: "blocked", productId: shop.product.id, message: errors.quantity?.[0] });
    expect(errors.quantity).toEqual([CHECKOUT_REFUSALS.quantity.message]);
  });
});

describe("startCheckoutAction: the client cannot price the order", () => {
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
    const fields = guestFields(product, { quantity: 1, ...tampered });
    const state = await actAs(null, () => startCheckoutAction(undefined, fields));
    if (state.data?.kind !== "confirm")
      throw new Error(`expected a client secret, got ${JSON.stringify(state)}`);
    const order = await getOrderById({ id: state.data.orderId });
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
