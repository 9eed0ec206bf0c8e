import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { getOrderById, insertOrderOnce } from "@/db/queries/orders";
import { listRefundsForOrder } from "@/db/queries/refunds";
import { drainInbox } from "@/lib/webhooks/inbox";
import { createTestProduct, createTestSeller } from "@/tests/helpers/checkout";
import { control, testStripe } from "@/tests/helpers/emulator";

/*
 * The case the storm found by chance, made deterministic: the checkout never stored the order's
 * PaymentIntent id (the answer was lost), and the payment's refund and charge events arrive before
 * any payment_intent event — so nothing can match them to the order yet. Once a payment_intent event
 * links the order (through metadata), those earlier events must be applied, in every delivery order.
 */

async function deliver(event: Stripe.Event): Promise<number> {
  const { payload, header } = await control<{ payload: string; header: string }>(
    `/events/${event.id}/signed?secret=connect`,
  );
  const res = await POST(
    new Request("http://localhost:3000/api/webhooks/stripe", {
      method: "POST",
      headers: { "stripe-signature": header },
      body: payload,
    }),
    {},
  );
  await drainInbox();
  return res.status;
}

/** A paid order whose PaymentIntent id we never stored, refunded outside the app with a refund that later fails. */
async function lostOrderWithFailingRefund() {
  const { seller, account } = await createTestSeller();
  const product = await createTestProduct(seller.id, { price: 4_000 });
  const { order } = await insertOrderOnce({
    productId: product.id,
    sellerId: seller.id,
    stripeAccountId: account.stripeAccountId,
    buyerId: null,
    buyerEmail: "lost@test.example",
    quantity: 1,
    unitAmount: 4_000,
    amount: 4_000,
    applicationFeeAmount: 230,
    currency: "usd",
    accessToken: randomUUID(),
    checkoutKey: randomUUID(),
  });
  const stripe = testStripe();
  const on = { stripeAccount: account.stripeAccountId };
  const intent = await stripe.paymentIntents.create(
    {
      amount: 4_000,
      currency: "usd",
      application_fee_amount: 230,
      payment_method: "pm_card_refundFail",
      confirm: true,
      return_url: "http://localhost:3000/orders/return",
      metadata: { order_id: order.id },
    },
    { ...on, idempotencyKey: `pi-create-${order.id}` },
  );
  const kept = await stripe.refunds.create({ payment_intent: intent.id, amount: 1_000 }, on);
  await new Promise((r) => setTimeout(r, 800)); // the card issuer returns the refund (refund.failed)
  const all = (
    await control<{ data: Stripe.Event[] }>(`/events?account=${account.stripeAccountId}`)
  ).data.reverse();
  const isPayment = (e: Stripe.Event) => e.type.startsWith("payment_intent.");
  return {
    order,
    intent,
    kept,
    paymentEvents: all.filter(isPayment),
    otherEvents: all.filter((e) => !isPayment(e)),
  };
}

describe("events that arrive before their order is known", () => {
  for (const order of ["oldest first", "newest first"] as const) {
    it(`refund and charge events first (${order}), then the payment: all applied`, async () => {
      const { order: row, intent, kept, paymentEvents, otherEvents } = await lostOrderWithFailingRefund();
      expect(row.paymentIntentId).toBeNull();
      const early = order === "oldest first" ? otherEvents : [...otherEvents].reverse();
      for (const event of early) expect(await deliver(event)).toBe(200);
      for (const event of paymentEvents) expect(await deliver(event)).toBe(200);

      const charge = await testStripe().charges.retrieve(
        intent.latest_charge as string,
        {},
        { stripeAccount: row.stripeAccountId },
      );
      expect(charge.amount_refunded).toBe(0); // Stripe's truth: the only refund failed
      const after = await getOrderById({ id: row.id });
      expect(after).toMatchObject({
        status: "succeeded",
        paymentIntentId: intent.id,
        amountRefunded: 0,
        refundState: "none",
      });
      const refunds = await listRefundsForOrder({ orderId: row.id });
      expect(
        refunds.map((r) => ({
          id: r.refund.stripeRefundId,
          status: r.refund.status,
          amount: r.refund.amount,
        })),
      ).toEqual([{ id: kept.id, status: "failed", amount: 1_000 }]);
    });
  }
});
