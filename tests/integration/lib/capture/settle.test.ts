import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { getAuthorization } from "@/db/queries/authorizations";
import { getOrderById } from "@/db/queries/orders";
import { listRefundsForOrder } from "@/db/queries/refunds";
import { computeApplicationFee } from "@/lib/payments/fees";
import { settleAuthorization } from "@/lib/capture/settle";
import { createRefund } from "@/lib/refunds/create-refund";
import { handleCaptureEvent } from "@/lib/webhooks/captures";
import { handlePaymentIntentEvent } from "@/lib/webhooks/payments";
import { handleChargeRefunded } from "@/lib/webhooks/refunds";
import { captureEvent, createAuthorizedOrder, intentOf, type AuthorizedOrder } from "@/tests/helpers/capture";
import { testStripe } from "@/tests/helpers/emulator";
import { refusal } from "@/tests/helpers/errors";
import { createTestUser } from "@/tests/helpers/users";
import { applyWith } from "@/tests/helpers/webhooks";

/*
 * Capturing what ships and releasing the rest, against the emulator through the real SDK: what Stripe
 * charges, what the order then says, and that the webhooks that follow change nothing more.
 */

const asSeller = (a: AuthorizedOrder) => ({ actor: a.seller, by: "seller" as const, sellerId: a.seller.id });

/** Fails unless `promise` rejects with an AppError of `code`. */
async function expectAppError(promise: Promise<unknown>, code: string): Promise<void> {
  expect((await refusal(promise)).code).toBe(code);
}

function chargeOf(intent: Stripe.PaymentIntent): Stripe.Charge {
  if (typeof intent.latest_charge !== "object" || !intent.latest_charge)
    throw new Error("charge not expanded");
  return intent.latest_charge;
}

describe("settleAuthorization", () => {
  it("ships everything: the whole authorisation is charged with the order's fee", async () => {
    const a = await createAuthorizedOrder({ quantity: 3, price: 1_000 });
    const settled = await settleAuthorization(a.order.id, { action: "capture", quantity: 3 }, asSeller(a));
    expect(settled.result).toBe("captured");
    expect(settled.order).toMatchObject({ status: "succeeded", quantity: 3, amount: 3_000 });
    const intent = await intentOf(a);
    expect(intent).toMatchObject({ status: "succeeded", amount_received: 3_000 });
    expect(chargeOf(intent).application_fee_amount).toBe(a.order.applicationFeeAmount);
  });

  it("ships 2 of 3: charges 2, the fee of 2, releases the rest — which is not a refund", async () => {
    const a = await createAuthorizedOrder({ quantity: 3, price: 1_000 });
    const settled = await settleAuthorization(a.order.id, { action: "capture", quantity: 2 }, asSeller(a));
    const fee = computeApplicationFee(2_000, { feeBps: a.auth.feeBps, feeFixed: a.auth.feeFixed });
    expect(settled.order).toMatchObject({
      status: "succeeded",
      quantity: 2,
      amount: 2_000,
      applicationFeeAmount: fee,
    });
    const intent = await intentOf(a);
    expect(intent.amount_received).toBe(2_000);
    const charge = chargeOf(intent);
    expect(charge).toMatchObject({
      amount_captured: 2_000,
      amount_refunded: 1_000,
      application_fee_amount: fee,
    });

    // The events Stripe sends about it, in any order: the order stays charged 2, nothing refunded.
    for (const type of ["charge.captured", "payment_intent.succeeded"]) {
      const event = await captureEvent(a, type);
      const handler = type.startsWith("charge.") ? handleCaptureEvent : handlePaymentIntentEvent;
      expect((await applyWith(handler, event)).status).toBe("applied");
    }
    const refundedView = {
      ...(await captureEvent(a, "charge.captured")),
      type: "charge.refunded",
    } as Stripe.Event;
    await applyWith(handleChargeRefunded, refundedView);
    const order = await getOrderById({ id: a.order.id });
    expect(order).toMatchObject({ amount: 2_000, amountRefunded: 0, refundState: "none", quantity: 2 });
    expect(await listRefundsForOrder({ orderId: a.order.id })).toEqual([]);
    const auth = await getAuthorization({ orderId: a.order.id });
    expect(auth).toMatchObject({
      quantity: 3,
      amount: 3_000,
      capturedQuantity: 2,
      capturedAmount: 2_000,
      settlement: null,
    });
  });

  it("refunds a shipped part in full: what was charged, never the released rest", async () => {
    const a = await createAuthorizedOrder({ quantity: 3, price: 1_000 });
    await settleAuthorization(a.order.id, { action: "capture", quantity: 2 }, asSeller(a));
    const admin = await createTestUser("admin");
    const over = await refusal(
      createRefund(admin, {
        orderId: a.order.id,
        amount: 2_001,
        reason: "requested_by_customer",
        refundApplicationFee: false,
      }),
    );
    expect(over.code).toMatch(/refund/);
    await createRefund(admin, {
      orderId: a.order.id,
      amount: 2_000,
      reason: "requested_by_customer",
      refundApplicationFee: true,
    });
    const charge = chargeOf(await intentOf(a));
    expect(charge).toMatchObject({ amount_refunded: 3_000, refunded: true });
    await applyWith(handleChargeRefunded, await captureEvent(a, "charge.refunded"));
    expect(await getOrderById({ id: a.order.id })).toMatchObject({
      amountRefunded: 2_000,
      refundState: "refunded",
    });
  });

  it("cancels: the authorisation is released with Stripe's reason and nothing is charged or refunded", async () => {
    const a = await createAuthorizedOrder({ quantity: 1, price: 4_200 });
    const settled = await settleAuthorization(
      a.order.id,
      { action: "release", reason: "out_of_stock" },
      asSeller(a),
    );
    expect(settled).toMatchObject({ result: "released", order: { status: "canceled" } });
    expect(await intentOf(a)).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    // Stripe reports the release as a full refund of the charge, then the cancellation.
    await applyWith(handleChargeRefunded, await captureEvent(a, "charge.refunded"));
    await applyWith(handlePaymentIntentEvent, await captureEvent(a, "payment_intent.canceled"));
    expect(await getOrderById({ id: a.order.id })).toMatchObject({
      status: "canceled",
      amountRefunded: 0,
      refundState: "none",
    });
    expect(await listRefundsForOrder({ orderId: a.order.id })).toEqual([]);
    expect(await getAuthorization({ orderId: a.order.id })).toMatchObject({ releaseReason: "out_of_stock" });
  });

  it("refuses what cannot be shipped, another seller's order, and a settled order — changing nothing", async () => {
    const a = await createAuthorizedOrder({ quantity: 2 });
    for (const quantity of [0, 3, 1.5, -1]) {
      await expectAppError(
        settleAuthorization(a.order.id, { action: "capture", quantity }, asSeller(a)),
        "unprocessable:capture",
      );
    }
    const stranger = await createTestUser("seller");
    await expectAppError(
      settleAuthorization(
        a.order.id,
        { action: "capture", quantity: 1 },
        { actor: stranger, by: "seller", sellerId: stranger.id },
      ),
      "not_found:capture",
    );
    expect(await getAuthorization({ orderId: a.order.id })).toMatchObject({
      settlement: null,
      capturedAt: null,
    });
    expect((await intentOf(a)).status).toBe("requires_capture");

    await settleAuthorization(a.order.id, { action: "capture", quantity: 1 }, asSeller(a));
    await expectAppError(
      settleAuthorization(a.order.id, { action: "capture", quantity: 1 }, asSeller(a)),
      "conflict:capture",
    );
    await expectAppError(
      settleAuthorization(a.order.id, { action: "release", reason: "buyer_request" }, asSeller(a)),
      "conflict:capture",
    );
    expect(await intentOf(a)).toMatchObject({ status: "succeeded", amount_received: a.order.unitAmount });
  });

  it("lets one of two simultaneous settlements through (a double click, or the seller and an admin)", async () => {
    const a = await createAuthorizedOrder({ quantity: 2 });
    const outcomes = await Promise.allSettled([
      settleAuthorization(a.order.id, { action: "capture", quantity: 2 }, asSeller(a)),
      settleAuthorization(a.order.id, { action: "release", reason: "fraud" }, asSeller(a)),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const order = await getOrderById({ id: a.order.id });
    const intent = await intentOf(a);
    expect(order?.status === "succeeded" ? "succeeded" : "canceled").toBe(intent.status);
  });

  it("records a release Stripe made on its own (canceled in the Dashboard) with Stripe's reason", async () => {
    const a = await createAuthorizedOrder({ quantity: 1 });
    await testStripe().paymentIntents.cancel(
      a.order.paymentIntentId!,
      { cancellation_reason: "requested_by_customer" },
      { stripeAccount: a.account.stripeAccountId },
    );
    await applyWith(handlePaymentIntentEvent, await captureEvent(a, "payment_intent.canceled"));
    expect(await getOrderById({ id: a.order.id })).toMatchObject({ status: "canceled" });
    expect(await getAuthorization({ orderId: a.order.id })).toMatchObject({ releaseReason: "buyer_request" });
    await expectAppError(
      settleAuthorization(a.order.id, { action: "capture", quantity: 1 }, asSeller(a)),
      "conflict:capture",
    );
  });
});
