import { beforeAll, describe, expect, it } from "vitest";
import { getOrderByCheckoutKey, getOrderById } from "@/db/queries/orders";
import { confirmOf, guestInput, paymentIntentsOn, shopWithProduct } from "@/tests/helpers/checkout";
import { emulator, testStripe } from "@/tests/helpers/emulator";
import { createCallers } from "@/tests/helpers/users";
import { startCheckout } from "@/lib/payments/checkout";
import { paymentIntentIdempotencyKey, paymentIntentParams } from "@/lib/payments/payment-intents";

/*
 * A 500 from a request whose endpoint began executing is stored under its idempotency key and replayed
 * for 24 hours (Stripe docs, "Idempotent requests": results are saved once an endpoint began executing,
 * 500s included). The emulator's `500_after` fault is that case: the intent is created, then the answer
 * is a stored 500. The order must not be stuck behind that key, and must never be charged twice.
 */

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

describe("PaymentIntent creation after a stored 500", () => {
  it("'Try another card' moves to the next attempt's key, and only one PaymentIntent is ever charged", async () => {
    const { account, product } = await shopWithProduct({ price: 2800 });
    const stripeAccount = account.stripeAccountId;
    // Only this seller's requests fail: other test files share the emulator.
    await emulator().addFault({
      path: "^/v1/payment_intents$",
      method: "POST",
      kind: "500_after",
      count: 1,
      account: stripeAccount,
    });
    const input = guestInput(product, { quantity: 1 });

    await expect(startCheckout(callers.anonymous, input)).rejects.toMatchObject({ code: "stripe:checkout" });
    const order = await getOrderByCheckoutKey({ checkoutKey: input.checkoutKey });
    expect(order).toMatchObject({ status: "pending", paymentIntentId: null });
    if (!order) throw new Error("the order should stay for the retry");
    // Stripe began executing: an intent exists, but nobody got its client secret.
    const [abandoned] = await paymentIntentsOn(account);
    expect(abandoned?.metadata.order_id).toBe(order.id);

    // The same attempt replayed gets the same key, and Stripe answers it with the stored 500 again.
    const replay = await testStripe()
      .paymentIntents.create(paymentIntentParams(order), {
        stripeAccount,
        idempotencyKey: paymentIntentIdempotencyKey(order),
      })
      .then(
        () => null,
        (error: { statusCode?: number; headers?: Record<string, string> }) => error,
      );
    expect(replay?.statusCode).toBe(500);
    expect(replay?.headers?.["idempotent-replayed"]).toBe("true");
    expect(replay?.headers?.["stripe-should-retry"]).toBe("false");

    // "Try another card": the same checkout form again.
    const retried = confirmOf(await startCheckout(callers.anonymous, input));
    expect(retried.orderId).toBe(order.id);
    const paymentIntentId = (await getOrderById({ id: order.id }))?.paymentIntentId;
    expect(paymentIntentId).toBeTruthy();
    expect(paymentIntentId).not.toBe(abandoned?.id);
    expect(retried.clientSecret.startsWith(`${paymentIntentId}_secret_`)).toBe(true);

    // A double submit of that retry finds the same intent: no third one.
    const again = confirmOf(await startCheckout(callers.anonymous, input));
    expect(again.clientSecret).toBe(retried.clientSecret);
    expect(await paymentIntentsOn(account)).toHaveLength(2);

    const paid = await testStripe().paymentIntents.confirm(
      paymentIntentId ?? "",
      { payment_method: "pm_card_visa", return_url: retried.returnUrl },
      { stripeAccount },
    );
    expect(paid.status).toBe("succeeded");
    const intents = await paymentIntentsOn(account);
    expect(intents.filter((pi) => pi.status === "succeeded").map((pi) => pi.id)).toEqual([paymentIntentId]);
    expect(intents.find((pi) => pi.id === abandoned?.id)?.status).toBe("requires_payment_method");
    const charges = await testStripe().charges.list({ limit: 100 }, { stripeAccount });
    expect(charges.data.filter((c) => c.paid)).toHaveLength(1);
  });

  it("keys are derived from the order and the attempt only", () => {
    const order = { id: "7d0f5d2e-0000-4000-8000-000000000001" };
    expect(paymentIntentIdempotencyKey(order)).toBe(paymentIntentIdempotencyKey(order, 0));
    expect(paymentIntentIdempotencyKey(order, 1)).toBe(paymentIntentIdempotencyKey({ ...order }, 1));
    expect(new Set([0, 1, 2].map((n) => paymentIntentIdempotencyKey(order, n))).size).toBe(3);
  });
});
