import { describe, expect, it } from "vitest";
import { getApplicationFeeByStripeId } from "@/db/queries/application-fees";
import { getOrderById } from "@/db/queries/orders";
import { getEventById } from "@/db/queries/stripe-events";
import { testStripe } from "@/tests/helpers/emulator";
import { forgetPaymentIntent } from "@/tests/helpers/checkout";
import {
  applyWith,
  createPendingOrder,
  emulatorEvent,
  payWith,
  postEvent,
  variantOf,
} from "@/tests/helpers/webhooks";
import { handleApplicationFeeEvent } from "@/lib/webhooks/application-fees";
import { handlePaymentIntentEvent } from "@/lib/webhooks/payments";

/* payment_intent.* → orders, with real events from payments made in the emulator. */

async function orderOf(id: string) {
  const order = await getOrderById({ id });
  if (!order) throw new Error("order vanished");
  return order;
}

describe("payment_intent events", () => {
  it("marks the order succeeded with its charge, and links the event to it", async () => {
    const pending = await createPendingOrder();
    const paid = await payWith(pending, "pm_card_visa");
    const event = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.succeeded");

    const res = await postEvent(event);

    expect(res.status).toBe(200);
    const order = await orderOf(pending.order.id);
    expect(order).toMatchObject({ status: "succeeded", chargeId: paid.latest_charge, failureMessage: null });
    expect(await getEventById({ id: event.id })).toMatchObject({
      status: "applied",
      orderId: order.id,
      attempts: 1,
    });
  });

  it("records a decline, then the buyer's retry on the same PaymentIntent succeeds", async () => {
    const pending = await createPendingOrder();
    await payWith(pending, "pm_card_chargeDeclined").catch(() => undefined);
    const failed = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.payment_failed");

    expect(await applyWith(handlePaymentIntentEvent, failed)).toMatchObject({
      status: "applied",
      orderId: pending.order.id,
    });
    expect(await orderOf(pending.order.id)).toMatchObject({
      status: "failed",
      failureCode: "generic_decline",
      failureMessage: "Your card was declined.",
    });

    await payWith(pending, "pm_card_visa");
    const succeeded = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.succeeded");
    expect(await applyWith(handlePaymentIntentEvent, succeeded)).toMatchObject({ status: "applied" });
    expect(await orderOf(pending.order.id)).toMatchObject({
      status: "succeeded",
      failureCode: null,
      failureMessage: null,
    });
  });

  it("records requires_action (3-D Secure) and cancellation", async () => {
    const pending = await createPendingOrder();
    await payWith(pending, "pm_card_authenticationRequired");
    const action = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.requires_action");
    await applyWith(handlePaymentIntentEvent, action);
    expect((await orderOf(pending.order.id)).status).toBe("requires_action");

    await testStripe().paymentIntents.cancel(
      pending.intent.id,
      {},
      { stripeAccount: pending.account.stripeAccountId },
    );
    const canceled = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.canceled");
    await applyWith(handlePaymentIntentEvent, canceled);
    expect((await orderOf(pending.order.id)).status).toBe("canceled");
  });

  it("never moves a succeeded order back: a late processing event is ignored", async () => {
    const pending = await createPendingOrder();
    await payWith(pending, "pm_card_visa");
    const succeeded = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.succeeded");
    const processing = variantOf(succeeded, {
      type: "payment_intent.processing",
      created: succeeded.created - 5,
      object: { status: "processing" },
    });

    // Delivered out of order: the newer outcome first.
    await applyWith(handlePaymentIntentEvent, succeeded);
    const late = await applyWith(handlePaymentIntentEvent, processing);

    expect(late).toMatchObject({ status: "ignored", orderId: pending.order.id });
    expect((await orderOf(pending.order.id)).status).toBe("succeeded");
  });

  it("applies processing on a pending order", async () => {
    const pending = await createPendingOrder();
    await payWith(pending, "pm_card_visa");
    const succeeded = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.succeeded");
    const processing = variantOf(succeeded, {
      type: "payment_intent.processing",
      object: { status: "processing" },
    });
    await applyWith(handlePaymentIntentEvent, processing);
    expect((await orderOf(pending.order.id)).status).toBe("processing");
  });

  it("ignores an older event the state machine would allow once a newer one was applied", async () => {
    const pending = await createPendingOrder();
    await payWith(pending, "pm_card_authenticationRequired");
    const action = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.requires_action");
    const olderDecline = variantOf(action, {
      type: "payment_intent.payment_failed",
      created: action.created - 10,
    });

    await postEvent(action);
    await postEvent(olderDecline);

    expect(await getEventById({ id: olderDecline.id })).toMatchObject({ status: "ignored" });
    expect((await orderOf(pending.order.id)).status).toBe("requires_action");
  });

  it("finds the order through metadata.order_id when its PaymentIntent id was never stored", async () => {
    const pending = await createPendingOrder();
    await forgetPaymentIntent(pending.order.id);
    await payWith(pending, "pm_card_visa");
    const succeeded = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.succeeded");

    await applyWith(handlePaymentIntentEvent, succeeded);

    expect(await orderOf(pending.order.id)).toMatchObject({
      status: "succeeded",
      paymentIntentId: pending.intent.id,
    });
  });

  it("ignores (does not fail) events for unknown orders and for another seller's account", async () => {
    const pending = await createPendingOrder();
    await payWith(pending, "pm_card_visa");
    const succeeded = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.succeeded");
    const unknown = variantOf(succeeded, { object: { id: "pi_unknown_to_us", metadata: {} } });
    const otherAccount = variantOf(succeeded, { account: "acct_someone_else" });

    const res = await postEvent(unknown);
    expect(res.status).toBe(200);
    expect(await getEventById({ id: unknown.id })).toMatchObject({ status: "ignored", orderId: null });
    expect(await applyWith(handlePaymentIntentEvent, otherAccount)).toMatchObject({ status: "ignored" });
    expect((await orderOf(pending.order.id)).status).toBe("pending");
  });

  it("links an application fee recorded before the order knew its charge", async () => {
    const pending = await createPendingOrder();
    const paid = await payWith(pending, "pm_card_visa");
    const feeEvent = await emulatorEvent("acct_emulator_platform", "application_fee.created", (e) => {
      return (e.data.object as { charge?: unknown }).charge === paid.latest_charge;
    });
    const fee = feeEvent.data.object as { id: string };

    expect(await applyWith(handleApplicationFeeEvent, feeEvent)).toMatchObject({
      status: "applied",
      orderId: null,
    });
    await postEvent(feeEvent);
    expect(await getEventById({ id: feeEvent.id })).toMatchObject({ status: "applied", orderId: null });
    await postEvent(await emulatorEvent(pending.account.stripeAccountId, "payment_intent.succeeded"));

    expect(await getApplicationFeeByStripeId({ stripeFeeId: fee.id })).toMatchObject({
      orderId: pending.order.id,
      amount: 280,
    });
    // The fee event joins the order's timeline too.
    expect(await getEventById({ id: feeEvent.id })).toMatchObject({ orderId: pending.order.id });
  });
});
