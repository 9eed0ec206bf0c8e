import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { getAuthorization } from "@/db/queries/authorizations";
import { getOrderById } from "@/db/queries/orders";
import { listRefundsForOrder } from "@/db/queries/refunds";
import { dispatchEvent } from "@/lib/webhooks/dispatch";
import { captureEvent, createAuthorizedOrder, type AuthorizedOrder } from "@/tests/helpers/capture";
import { testStripe } from "@/tests/helpers/emulator";
import { applyWith, variantOf } from "@/tests/helpers/webhooks";

/*
 * "Charge when I ship" told by webhooks alone (a capture made in the Stripe Dashboard, or our answer lost):
 * payment_intent.succeeded, charge.captured and the late amount_capturable_updated, in any order, leave the
 * same order row; charge.expired and payment_intent.canceled leave it canceled as expired.
 */

const apply = (event: Stripe.Event) => applyWith(dispatchEvent, event);

async function captureAtStripe(a: AuthorizedOrder, amount: number, fee: number): Promise<Stripe.Event[]> {
  await testStripe().paymentIntents.capture(
    a.order.paymentIntentId!,
    { amount_to_capture: amount, application_fee_amount: fee },
    { stripeAccount: a.account.stripeAccountId },
  );
  return Promise.all([
    captureEvent(a, "payment_intent.amount_capturable_updated"),
    captureEvent(a, "charge.captured"),
    captureEvent(a, "payment_intent.succeeded"),
  ]);
}

async function rowOf(a: AuthorizedOrder) {
  const order = await getOrderById({ id: a.order.id });
  const auth = await getAuthorization({ orderId: a.order.id });
  return {
    status: order?.status,
    quantity: order?.quantity,
    amount: order?.amount,
    fee: order?.applicationFeeAmount,
    refunded: order?.amountRefunded,
    chargeId: order?.chargeId,
    captured: auth?.capturedAmount,
    released: auth?.releaseReason,
  };
}

describe("capture webhooks", () => {
  it("end in the same row whatever order a Dashboard capture's events arrive in", async () => {
    const orders: [number, number, number][] = [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
    ];
    const rows = [];
    for (const order of orders) {
      const a = await createAuthorizedOrder({ quantity: 3, price: 1_000 });
      const events = await captureAtStripe(a, 2_000, 130);
      for (const i of order) await apply(events[i]!);
      // Replays change nothing.
      for (const event of events) await apply(event);
      const { chargeId, ...row } = await rowOf(a);
      expect(chargeId).toMatch(/^ch_/);
      rows.push(row);
      expect(await listRefundsForOrder({ orderId: a.order.id })).toEqual([]);
    }
    expect(rows[0]).toEqual({
      status: "succeeded",
      quantity: 2,
      amount: 2_000,
      fee: 130,
      refunded: 0,
      captured: 2_000,
      released: null,
    });
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[2]).toEqual(rows[0]);
  });

  it("mark a lapsed authorisation expired, and ignore events for orders not charged later", async () => {
    const a = await createAuthorizedOrder({ quantity: 1 });
    const held = await captureEvent(a, "payment_intent.amount_capturable_updated");
    const charge = await testStripe().charges.retrieve(
      (held.data.object as Stripe.PaymentIntent).latest_charge as string,
      {},
      { stripeAccount: a.account.stripeAccountId },
    );
    // What Stripe sends when the 7 days pass (the e2e journey lets the emulator's clock produce it).
    const expired = variantOf(held, { type: "charge.expired" });
    (expired.data as { object: unknown }).object = charge;
    expect((await apply(expired)).status).toBe("applied");
    const canceled = variantOf(held, {
      type: "payment_intent.canceled",
      object: { status: "canceled", cancellation_reason: "automatic" },
    });
    await apply(canceled);
    expect(await rowOf(a)).toMatchObject({ status: "canceled", released: "expired", refunded: 0 });

    // A capture event for an ordinary (automatic) order is not ours to act on.
    const other = variantOf(expired, { object: { payment_intent: null, id: "ch_unknown" } });
    expect((await apply(other)).status).toBe("ignored");
  });
});
