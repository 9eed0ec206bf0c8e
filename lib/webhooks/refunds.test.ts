import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { getOrderById } from "@/db/queries/orders";
import { insertPendingRefund, listRefundsForOrder } from "@/db/queries/refunds";
import type { User } from "@/db/schema";
import { createRefund } from "@/lib/refunds/create-refund";
import { testStripe } from "@/test/helpers/emulator";
import { createPaidOrder, type PaidOrder } from "@/test/helpers/orders";
import { createTestUser } from "@/test/helpers/users";
import { applyWith, emulatorEvent, emulatorEvents, variantOf } from "@/test/helpers/webhooks";
import { handleChargeRefunded, handleRefundEvent } from "./refunds";

/* refund.* and charge.refunded → refund rows and the order's refunded amount, with real emulator refunds. */

let admin: User;
beforeAll(async () => {
  admin = await createTestUser("admin");
});

async function orderOf(paid: PaidOrder) {
  const order = await getOrderById({ id: paid.order.id });
  if (!order) throw new Error("order vanished");
  return order;
}

async function rowsOf(paid: PaidOrder) {
  return (await listRefundsForOrder({ orderId: paid.order.id })).map((r) => r.refund);
}

/** Refund events of this refund, oldest first, as Stripe would deliver them. */
async function eventsFor(paid: PaidOrder, refundId: string): Promise<Stripe.Event[]> {
  const all = await emulatorEvents({ account: paid.account.stripeAccountId });
  return all
    .filter((e) => {
      const o = e.data.object as { id: string; object: string; refunds?: { data: { id: string }[] } };
      return o.id === refundId || (o.object === "charge" && e.type === "charge.refunded" && o.refunds?.data.some((r) => r.id === refundId));
    })
    .reverse();
}

/** The same charge event as recent API versions send it: `refunds` left out unless expanded. */
function unlisted(event: Stripe.Event): Stripe.Event {
  return variantOf(event, { object: { refunds: undefined } });
}

async function applyAll(events: Stripe.Event[]) {
  for (const event of events) {
    await applyWith(event.type === "charge.refunded" ? handleChargeRefunded : handleRefundEvent, event);
  }
}

describe("refunds made in the admin console", () => {
  it("settles our row (matched by Stripe's id) and follows the charge's refunded amount", async () => {
    const paid = await createPaidOrder({ amount: 10_000 });
    const { refund } = await createRefund(admin, { orderId: paid.order.id, amount: 2_500, reason: "requested_by_customer", refundApplicationFee: false });

    await applyAll(await eventsFor(paid, refund.stripeRefundId ?? ""));

    expect(await rowsOf(paid)).toEqual([expect.objectContaining({ id: refund.id, status: "succeeded", amount: 2_500, createdBy: admin.id })]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 2_500, refundState: "partially_refunded" });
  });

  it("matches a row whose Stripe id was never stored through metadata.refund_id", async () => {
    const paid = await createPaidOrder({ amount: 4_000 });
    // As if the app crashed between Stripe creating the refund and us storing its answer.
    const row = await insertPendingRefund({ orderId: paid.order.id, amount: 4_000, currency: "usd", reason: "duplicate", refundApplicationFee: false, createdBy: admin.id });
    const atStripe = await testStripe().refunds.create(
      { payment_intent: paid.intent.id, amount: 4_000, reason: "duplicate", metadata: { refund_id: row.id, order_id: paid.order.id } },
      { stripeAccount: paid.account.stripeAccountId },
    );

    await applyAll(await eventsFor(paid, atStripe.id));

    expect(await rowsOf(paid)).toEqual([expect.objectContaining({ id: row.id, stripeRefundId: atStripe.id, status: "succeeded" })]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 4_000, refundState: "refunded" });
  });
});

describe("refunds made outside the app", () => {
  it("creates a refund row (no admin) for a refund made in the Stripe Dashboard", async () => {
    const paid = await createPaidOrder({ amount: 6_000 });
    const dashboard = await testStripe().refunds.create({ charge: paid.charge.id, amount: 1_000 }, { stripeAccount: paid.account.stripeAccountId });
    const created = await emulatorEvent(paid.account.stripeAccountId, "refund.created", (e) => (e.data.object as { id: string }).id === dashboard.id);

    expect(await applyWith(handleRefundEvent, created)).toMatchObject({ status: "applied", orderId: paid.order.id });
    // The same refund reported again (charge.refunded lists it) must not make a second row.
    await applyAll(await eventsFor(paid, dashboard.id));

    expect(await rowsOf(paid)).toEqual([
      expect.objectContaining({ stripeRefundId: dashboard.id, amount: 1_000, status: "succeeded", createdBy: null, reason: null }),
    ]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 1_000, refundState: "partially_refunded" });
  });
});

describe("ordering", () => {
  it("keeps the newest refunded amount when an older charge.refunded arrives last", async () => {
    const paid = await createPaidOrder({ amount: 8_000 });
    const stripe = testStripe();
    const first = await stripe.refunds.create({ charge: paid.charge.id, amount: 3_000 }, { stripeAccount: paid.account.stripeAccountId });
    const second = await stripe.refunds.create({ charge: paid.charge.id, amount: 5_000 }, { stripeAccount: paid.account.stripeAccountId });
    const older = await emulatorEvent(paid.account.stripeAccountId, "charge.refunded", (e) => (e.data.object as Stripe.Charge).amount_refunded === 3_000);
    const newer = await emulatorEvent(paid.account.stripeAccountId, "charge.refunded", (e) => (e.data.object as Stripe.Charge).amount_refunded === 8_000);

    await applyWith(handleChargeRefunded, newer);
    await applyWith(handleChargeRefunded, older);

    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 8_000, refundState: "refunded" });
    const rows = await rowsOf(paid);
    expect(rows.map((r) => [r.stripeRefundId, r.status]).sort()).toEqual([[first.id, "succeeded"], [second.id, "succeeded"]].sort());
  });

  it("does not move a refund back to pending when a late refund.created follows refund.updated", async () => {
    const paid = await createPaidOrder({ amount: 2_000 });
    const refund = await testStripe().refunds.create({ charge: paid.charge.id }, { stripeAccount: paid.account.stripeAccountId });
    const created = await emulatorEvent(paid.account.stripeAccountId, "refund.created", (e) => (e.data.object as { id: string }).id === refund.id);
    const pendingCopy = variantOf(created, { object: { status: "pending" }, created: created.created - 5 });

    await applyWith(handleRefundEvent, created);
    await applyWith(handleRefundEvent, pendingCopy);

    expect(await rowsOf(paid)).toEqual([expect.objectContaining({ stripeRefundId: refund.id, status: "succeeded" })]);
  });
});

describe("failed refunds", () => {
  it("marks the row failed and gives the amount back to the order (card 5126)", async () => {
    const paid = await createPaidOrder({ amount: 3_000, paymentMethod: "pm_card_refundFail" });
    const { refund } = await createRefund(admin, { orderId: paid.order.id, amount: 3_000, reason: "requested_by_customer", refundApplicationFee: false });
    const stripeId = refund.stripeRefundId ?? "";
    await emulatorEvent(paid.account.stripeAccountId, "refund.failed", (e) => (e.data.object as { id: string }).id === stripeId);

    const events = await eventsFor(paid, stripeId);
    expect(events.map((e) => e.type)).toEqual(["refund.created", "charge.refunded", "refund.updated", "refund.failed", "charge.refund.updated"]);
    await applyAll(events.slice(0, 2));
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 3_000, refundState: "refunded" });
    await applyAll(events.slice(2));

    expect(await rowsOf(paid)).toEqual([
      expect.objectContaining({ id: refund.id, status: "failed", failureReason: "Stripe could not refund the card (expired_or_canceled_card)." }),
    ]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 0, refundState: "none" });
  });

  it("ends with nothing refunded when the failure arrives before the charge event", async () => {
    const paid = await createPaidOrder({ amount: 3_000, paymentMethod: "pm_card_refundFail" });
    const refund = await testStripe().refunds.create({ charge: paid.charge.id }, { stripeAccount: paid.account.stripeAccountId });
    await emulatorEvent(paid.account.stripeAccountId, "refund.failed", (e) => (e.data.object as { id: string }).id === refund.id);
    const events = await eventsFor(paid, refund.id);

    await applyAll(events.reverse());

    expect(await rowsOf(paid)).toEqual([expect.objectContaining({ stripeRefundId: refund.id, status: "failed" })]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 0, refundState: "none" });
  });
});

describe("charge events that do not list the charge's refunds", () => {
  it("does not count a failed refund again when an older charge.refunded arrives after refund.failed", async () => {
    const paid = await createPaidOrder({ amount: 3_000, paymentMethod: "pm_card_refundFail" });
    const refund = await testStripe().refunds.create({ charge: paid.charge.id }, { stripeAccount: paid.account.stripeAccountId });
    await emulatorEvent(paid.account.stripeAccountId, "refund.failed", (e) => (e.data.object as { id: string }).id === refund.id);
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

    expect(await rowsOf(paid)).toEqual([expect.objectContaining({ stripeRefundId: refund.id, status: "failed" })]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 0, refundState: "none" });
  });

  it("counts a refund first seen in a charge event once, then follows its own events", async () => {
    const paid = await createPaidOrder({ amount: 6_000 });
    const stripe = testStripe();
    const account = paid.account.stripeAccountId;
    const first = await stripe.refunds.create({ charge: paid.charge.id, amount: 1_000 }, { stripeAccount: account });
    const chargeAt = (total: number) =>
      emulatorEvent(account, "charge.refunded", (e) => (e.data.object as Stripe.Charge).amount_refunded === total);
    const createdOf = (id: string) => emulatorEvent(account, "refund.created", (e) => (e.data.object as { id: string }).id === id);

    // The charge event comes before any refund.* event: its total stands in for the unknown refund.
    await applyWith(handleChargeRefunded, unlisted(await chargeAt(1_000)));
    expect(await rowsOf(paid)).toEqual([]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 1_000, refundState: "partially_refunded" });
    // Its refund.created arrives: one row, not counted twice.
    await applyWith(handleRefundEvent, await createdOf(first.id));
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 1_000 });

    // A second refund's own event comes first; then the newer and the older charge events.
    const second = await stripe.refunds.create({ charge: paid.charge.id, amount: 500 }, { stripeAccount: account });
    await applyWith(handleRefundEvent, await createdOf(second.id));
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 1_500 });
    await applyWith(handleChargeRefunded, unlisted(await chargeAt(1_500)));
    await applyWith(handleChargeRefunded, unlisted(await chargeAt(1_000)));

    expect((await rowsOf(paid)).map((r) => [r.stripeRefundId, r.amount]).sort()).toEqual([[first.id, 1_000], [second.id, 500]].sort());
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 1_500, refundState: "partially_refunded" });
  });

  it("gives the amount back when a refund first seen in a charge event turns out failed", async () => {
    const paid = await createPaidOrder({ amount: 2_000, paymentMethod: "pm_card_refundFail" });
    const refund = await testStripe().refunds.create({ charge: paid.charge.id }, { stripeAccount: paid.account.stripeAccountId });
    const failed = await emulatorEvent(paid.account.stripeAccountId, "refund.failed", (e) => (e.data.object as { id: string }).id === refund.id);
    const charge = await emulatorEvent(paid.account.stripeAccountId, "charge.refunded", (e) => (e.data.object as Stripe.Charge).id === paid.charge.id);

    await applyWith(handleChargeRefunded, unlisted(charge));
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 2_000, refundState: "refunded" });
    await applyWith(handleRefundEvent, failed);

    expect(await rowsOf(paid)).toEqual([expect.objectContaining({ stripeRefundId: refund.id, status: "failed", amount: 2_000 })]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 0, refundState: "none" });
  });
});
