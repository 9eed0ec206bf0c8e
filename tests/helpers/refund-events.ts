import type Stripe from "stripe";
import { getOrderById } from "@/db/queries/orders";
import { listRefundsForOrder } from "@/db/queries/refunds";
import { handleChargeRefunded, handleRefundEvent } from "@/lib/webhooks/refunds";
import { testStripe } from "./emulator";
import { createPaidOrder, type PaidOrder } from "./orders";
import { applyWith, emulatorEvent, emulatorEvents, variantOf } from "./webhooks";

/* For the refund webhook tests (lib/webhooks/refunds*.test.ts): an order's rows and its refund events as Stripe sends them. */

export async function orderOf(paid: PaidOrder) {
  const order = await getOrderById({ id: paid.order.id });
  if (!order) throw new Error("order vanished");
  return order;
}

export async function rowsOf(paid: PaidOrder) {
  return (await listRefundsForOrder({ orderId: paid.order.id })).map((r) => r.refund);
}

/** Refund events of this refund, oldest first, as Stripe would deliver them. */
export async function eventsFor(paid: PaidOrder, refundId: string): Promise<Stripe.Event[]> {
  const all = await emulatorEvents({ account: paid.account.stripeAccountId });
  return all
    .filter((e) => {
      const o = e.data.object as { id: string; object: string; refunds?: { data: { id: string }[] } };
      return (
        o.id === refundId ||
        (o.object === "charge" &&
          e.type === "charge.refunded" &&
          o.refunds?.data.some((r) => r.id === refundId))
      );
    })
    .reverse();
}

/** The same charge event as recent API versions send it: `refunds` left out unless expanded. */
export function unlisted(event: Stripe.Event): Stripe.Event {
  return variantOf(event, { object: { refunds: undefined } });
}

export async function applyAll(events: Stripe.Event[]) {
  for (const event of events) {
    await applyWith(event.type === "charge.refunded" ? handleChargeRefunded : handleRefundEvent, event);
  }
}

/**
 * A paid order (test card 5126, whose refunds fail) refunded in full straight at Stripe — not through
 * the app — and the refund.failed event Stripe sends for it.
 */
export async function failingStripeRefund(amount: number) {
  const paid = await createPaidOrder({ amount, paymentMethod: "pm_card_refundFail" });
  const refund = await testStripe().refunds.create(
    { charge: paid.charge.id },
    { stripeAccount: paid.account.stripeAccountId },
  );
  const failed = await emulatorEvent(
    paid.account.stripeAccountId,
    "refund.failed",
    (e) => (e.data.object as { id: string }).id === refund.id,
  );
  return { paid, refund, failed };
}
