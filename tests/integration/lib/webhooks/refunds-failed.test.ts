import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { createRefund } from "@/lib/refunds/create-refund";
import type { Admin } from "@/lib/guards";
import { testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder } from "@/tests/helpers/orders";
import { createTestUser } from "@/tests/helpers/users";
import { applyWith, emulatorEvent } from "@/tests/helpers/webhooks";
import { handleChargeRefunded, handleRefundEvent } from "@/lib/webhooks/refunds";
import {
  applyAll,
  eventsFor,
  failingStripeRefund,
  orderOf,
  rowsOf,
  unlisted,
} from "@/tests/helpers/refund-events";

/* Failed refunds, and charge events that do not list their refunds: refund.* and charge.refunded → refund rows and the order's refunded amount, with real emulator refunds. */

let admin: Admin;
beforeAll(async () => {
  admin = await createTestUser("admin");
});

describe("failed refunds", () => {
  it("marks the row failed and gives the amount back to the order (card 5126)", async () => {
    const paid = await createPaidOrder({ amount: 3_000, paymentMethod: "pm_card_refundFail" });
    const { refund } = await createRefund(admin, {
      orderId: paid.order.id,
      amount: 3_000,
      reason: "requested_by_customer",
      refundApplicationFee: false,
    });
    const stripeId = refund.stripeRefundId ?? "";
    await emulatorEvent(
      paid.account.stripeAccountId,
      "refund.failed",
      (e) => (e.data.object as { id: string }).id === stripeId,
    );

    const events = await eventsFor(paid, stripeId);
    expect(events.map((e) => e.type)).toEqual([
      "refund.created",
      "charge.refunded",
      "refund.updated",
      "refund.failed",
      "charge.refund.updated",
    ]);
    await applyAll(events.slice(0, 2));
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 3_000, refundState: "refunded" });
    await applyAll(events.slice(2));

    expect(await rowsOf(paid)).toEqual([
      expect.objectContaining({
        id: refund.id,
        status: "failed",
        failureReason: "Stripe could not refund the card (expired_or_canceled_card).",
      }),
    ]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 0, refundState: "none" });
  });

  it("ends with nothing refunded when the failure arrives before the charge event", async () => {
    const { paid, refund } = await failingStripeRefund(3_000);
    const events = await eventsFor(paid, refund.id);

    await applyAll(events.reverse());

    expect(await rowsOf(paid)).toEqual([
      expect.objectContaining({ stripeRefundId: refund.id, status: "failed" }),
    ]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 0, refundState: "none" });
  });
});

describe("charge events that do not list the charge's refunds", () => {
  it("does not count a failed refund again when an older charge.refunded arrives after refund.failed", async () => {
    const { paid, refund } = await failingStripeRefund(3_000);
    const byType = new Map<string, Stripe.Event>((await eventsFor(paid, refund.id)).map((e) => [e.type, e]));
    const event = (type: string) => {
      const found = byType.get(type);
      if (!found) throw new Error(`no ${type}`);
      return found;
    };
    // The charge snapshot was taken while the refund still counted.
    expect((event("charge.refunded").data.object as Stripe.Charge).amount_refunded).toBe(3_000);

    await applyWith(handleRefundEvent, event("refund.created"));
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 3_000, refundState: "refunded" });
    await applyWith(handleRefundEvent, event("refund.failed"));
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 0, refundState: "none" });
    // Stuck in retries, the older charge event comes last, without the refund list.
    await applyWith(handleChargeRefunded, unlisted(event("charge.refunded")));
    await applyWith(handleRefundEvent, event("refund.updated"));

    expect(await rowsOf(paid)).toEqual([
      expect.objectContaining({ stripeRefundId: refund.id, status: "failed" }),
    ]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 0, refundState: "none" });
  });

  it("counts a refund first seen in a charge event once, then follows its own events", async () => {
    const paid = await createPaidOrder({ amount: 6_000 });
    const stripe = testStripe();
    const account = paid.account.stripeAccountId;
    const first = await stripe.refunds.create(
      { charge: paid.charge.id, amount: 1_000 },
      { stripeAccount: account },
    );
    const chargeAt = (total: number) =>
      emulatorEvent(
        account,
        "charge.refunded",
        (e) => (e.data.object as Stripe.Charge).amount_refunded === total,
      );
    const createdOf = (id: string) =>
      emulatorEvent(account, "refund.created", (e) => (e.data.object as { id: string }).id === id);

    // The charge event comes before any refund.* event: its total stands in for the unknown refund.
    await applyWith(handleChargeRefunded, unlisted(await chargeAt(1_000)));
    expect(await rowsOf(paid)).toEqual([]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 1_000, refundState: "partially_refunded" });
    // Its refund.created arrives: one row, not counted twice.
    await applyWith(handleRefundEvent, await createdOf(first.id));
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 1_000 });

    // A second refund's own event comes first; then the newer and the older charge events.
    const second = await stripe.refunds.create(
      { charge: paid.charge.id, amount: 500 },
      { stripeAccount: account },
    );
    await applyWith(handleRefundEvent, await createdOf(second.id));
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 1_500 });
    await applyWith(handleChargeRefunded, unlisted(await chargeAt(1_500)));
    await applyWith(handleChargeRefunded, unlisted(await chargeAt(1_000)));

    expect((await rowsOf(paid)).map((r) => [r.stripeRefundId, r.amount]).sort()).toEqual(
      [
        [first.id, 1_000],
        [second.id, 500],
      ].sort(),
    );
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 1_500, refundState: "partially_refunded" });
  });

  it("gives the amount back when a refund first seen in a charge event turns out failed", async () => {
    const { paid, refund, failed } = await failingStripeRefund(2_000);
    const charge = await emulatorEvent(
      paid.account.stripeAccountId,
      "charge.refunded",
      (e) => (e.data.object as Stripe.Charge).id === paid.charge.id,
    );

    await applyWith(handleChargeRefunded, unlisted(charge));
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 2_000, refundState: "refunded" });
    await applyWith(handleRefundEvent, failed);

    expect(await rowsOf(paid)).toEqual([
      expect.objectContaining({ stripeRefundId: refund.id, status: "failed", amount: 2_000 }),
    ]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 0, refundState: "none" });
  });
});
