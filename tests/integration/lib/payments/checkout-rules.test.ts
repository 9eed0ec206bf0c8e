import { beforeAll, describe, expect, it } from "vitest";
import { getOrderById } from "@/db/queries/orders";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { startCheckout, type CheckoutInput } from "@/lib/payments/checkout";
import { prepareCheckout } from "@/lib/payments/checkout-page";
import { CHECKOUT_REFUSALS } from "@/lib/payments/checkout-rules";
import {
  confirmOf,
  disconnectAccount,
  guestInput,
  paymentIntentsOn,
  shopWithProduct,
} from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";
import { createCallers } from "@/tests/helpers/users";

/*
 * One set of rules, one set of words: what the checkout page shows when it refuses is what the checkout
 * action answers for the same buyer, product and seller (checkout-rules.ts owns both). A quantity we do
 * not sell is the action's schema refusal: app/(shop)/checkout/[productId]/actions-input.test.ts.
 */

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

async function refusalOf(actor: User | null, input: CheckoutInput): Promise<AppError> {
  const error = await startCheckout(actor, input).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe("the checkout page and the checkout action refuse alike", () => {
  it("a seller buying their own product", async () => {
    const { seller, product } = await shopWithProduct({ seller: callers.sellerA });
    const page = await prepareCheckout(seller, { productId: product.id, quantity: "2" });
    const action = await refusalOf(seller, guestInput(product));
    expect(page).toEqual({ kind: "blocked", productId: product.id, message: action.message });
    expect(action).toMatchObject(CHECKOUT_REFUSALS.ownProduct);
  });

  it("a seller whose account cannot charge", async () => {
    const { product } = await shopWithProduct({ onboarded: false });
    const page = await prepareCheckout(callers.buyer, { productId: product.id });
    const action = await refusalOf(callers.buyer, guestInput(product));
    expect(page).toEqual({ kind: "blocked", productId: product.id, message: action.message });
    expect(action).toMatchObject(CHECKOUT_REFUSALS.seller);
  });

  it("an order larger than one Stripe charge", async () => {
    const { product } = await shopWithProduct({ price: 5_000_000 });
    const page = await prepareCheckout(null, { productId: product.id, quantity: "20" });
    const action = await refusalOf(null, guestInput(product, { quantity: 20 }));
    expect(page).toEqual({ kind: "blocked", productId: product.id, message: action.message });
    expect(action).toMatchObject(CHECKOUT_REFUSALS.tooLarge);
  });

  it("another card for an order whose seller was disconnected since: no client secret", async () => {
    const { account, product } = await shopWithProduct({ price: 1000 });
    const input = guestInput(product, { quantity: 1 });
    const first = confirmOf(await startCheckout(null, input));
    const order = await getOrderById({ id: first.orderId });
    if (!order) throw new Error("order missing");
    await disconnectAccount(account.stripeAccountId);

    const page = await prepareCheckout(null, {
      productId: product.id,
      orderId: order.id,
      token: order.accessToken,
    });
    const action = await refusalOf(null, input);
    expect(page).toEqual({ kind: "blocked", productId: product.id, message: action.message });
    expect(action).toMatchObject(CHECKOUT_REFUSALS.seller);
    expect(await paymentIntentsOn(account)).toHaveLength(1);
  });

  it("paying again for a canceled order", async () => {
    const { account, product } = await shopWithProduct({ price: 1000 });
    const input = guestInput(product, { quantity: 1 });
    const first = confirmOf(await startCheckout(null, input));
    const order = await getOrderById({ id: first.orderId });
    await testStripe().paymentIntents.cancel(
      order?.paymentIntentId ?? "",
      {},
      { stripeAccount: account.stripeAccountId },
    );
    expect(await refusalOf(null, input)).toMatchObject(CHECKOUT_REFUSALS.canceled);
  });
});
