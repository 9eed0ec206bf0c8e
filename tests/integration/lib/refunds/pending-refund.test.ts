import type Stripe from "stripe";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getOrderById } from "@/db/queries/orders";
import { listRefundsForOrder } from "@/db/queries/refunds";
import { orderMoney } from "@/lib/admin/order-money";
import { loadOrderNotices } from "@/lib/payments/order-notices";
import { handleChargeRefunded, handleRefundEvent } from "@/lib/webhooks/refunds";
import type { Admin } from "@/lib/guards";
import { testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder, type PaidOrder } from "@/tests/helpers/orders";
import { createTestUser } from "@/tests/helpers/users";
import { applyWith, emulatorEvents, waitFor } from "@/tests/helpers/webhooks";
import { WAITING_FOR_FUNDS_NOTE } from "@/lib/refunds/refund-note";
import { refundOrderAction } from "@/app/admin/orders/[id]/actions";
import { actAs, formData } from "@/tests/helpers/action-request";

/*
 * A refund the seller's balance cannot cover (the money was paid out). Since API 2025-04-30.basil Stripe
 * does not refuse it: the refund is `pending` with `pending_reason: "insufficient_funds"` and is sent when
 * the balance covers it (`refund.updated` → succeeded). The admin and the buyer see a refund in progress,
 * never a "balance insufficient" dead end, and the webhook settles it. Real SDK, real emulator, real DB.
 */

// The form's path runs through the real server action: only Next's request scope is replaced.
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let admin: Admin;
beforeAll(async () => {
  admin = await createTestUser("admin");
});

const on = (paid: PaidOrder) => ({ stripeAccount: paid.account.stripeAccountId });

/** A paid order whose seller has already paid out everything: nothing left to refund with. */
async function paidOutOrder(): Promise<PaidOrder> {
  const paid = await createPaidOrder({ amount: 5_000, fee: 300, paymentMethod: "pm_card_bypassPending" });
  const balance = await testStripe().balance.retrieve({}, on(paid));
  const available = balance.available.find((b) => b.currency === "usd")?.amount ?? 0;
  expect(available).toBeGreaterThan(0);
  await testStripe().payouts.create({ amount: available, currency: "usd" }, on(paid));
  return paid;
}

async function refundThroughTheForm(paid: PaidOrder, amount: string) {
  const fields = { orderId: paid.order.id, amount, reason: "requested_by_customer" };
  const step = (extra: Record<string, string>) =>
    actAs(admin, () => refundOrderAction(undefined, formData({ ...fields, ...extra })));
  const preview = await step({ intent: "preview" });
  return step({ intent: "confirm", token: preview.preview?.token ?? "" });
}

/** Every event of this refund (and charge.refunded), oldest first, applied as the webhook route would. */
async function applyRefundEvents(paid: PaidOrder, refundId: string): Promise<void> {
  const events = (await emulatorEvents({ account: paid.account.stripeAccountId }))
    .filter((e) => (e.data.object as { id: string }).id === refundId || e.type === "charge.refunded")
    .reverse();
  for (const event of events)
    await applyWith(event.type === "charge.refunded" ? handleChargeRefunded : handleRefundEvent, event);
}

async function rowOf(paid: PaidOrder) {
  const [row] = await listRefundsForOrder({ orderId: paid.order.id });
  if (!row) throw new Error("no refund row");
  return row.refund;
}

describe("a refund Stripe holds until the seller's balance covers it (pending, insufficient_funds)", () => {
  it("is accepted as pending, shown as in progress to the admin and the buyer, and settles through refund.updated", async () => {
    const paid = await paidOutOrder();
    const done = await refundThroughTheForm(paid, "50.00");

    // The admin's form: done, not an error, and it says what happens next.
    expect(done).toMatchObject({ ok: true, status: "done", refundStatus: "pending" });
    expect(done.message).toBe(
      "Refund of $50.00 accepted by Stripe and pending: the seller's Stripe balance cannot cover it yet, so Stripe sends it to the buyer as soon as it can. Nothing else to do; the order shows it as in progress until then.",
    );
    const row = await rowOf(paid);
    expect(row).toMatchObject({ status: "pending", failureReason: WAITING_FOR_FUNDS_NOTE });
    const atStripe = await testStripe().refunds.retrieve(row.stripeRefundId ?? "", {}, on(paid));
    expect(atStripe).toMatchObject({ status: "pending", pending_reason: "insufficient_funds" });

    // Webhooks of the pending refund keep it pending with its note; the admin page counts it in progress.
    await applyRefundEvents(paid, atStripe.id);
    expect(await rowOf(paid)).toMatchObject({ status: "pending", failureReason: WAITING_FOR_FUNDS_NOTE });
    const order = await getOrderById({ id: paid.order.id });
    if (!order) throw new Error("order vanished");
    expect(orderMoney(order, [await rowOf(paid)], [])).toMatchObject({
      refunded: 0,
      refundInProgress: 5_000,
    });
    const buyerSees = await loadOrderNotices(order, true);
    expect(buyerSees.map((n) => n.kind)).toEqual(["refund_held"]);
    expect(buyerSees[0]?.title).toBe("Refund issued, waiting to be sent");
    expect(buyerSees[0]?.body).toContain("The seller has refunded $50.00");

    // The seller's next sale covers it: Stripe sends the refund (refund.updated → succeeded).
    await testStripe().paymentIntents.create(
      {
        amount: 8_000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        return_url: "https://shop.test/return",
      },
      on(paid),
    );
    await waitFor(
      async () => (await testStripe().refunds.retrieve(atStripe.id, {}, on(paid))).status === "succeeded",
    );
    const updated = (
      await emulatorEvents({ account: paid.account.stripeAccountId, type: "refund.updated" })
    ).find((e) => (e.data.object as Stripe.Refund).id === atStripe.id);
    if (!updated) throw new Error("no refund.updated for the settled refund");
    await applyWith(handleRefundEvent, updated);

    const settled = await rowOf(paid);
    expect(settled).toMatchObject({ status: "succeeded", failureReason: null });
    const after = await getOrderById({ id: paid.order.id });
    expect(after).toMatchObject({ amountRefunded: 5_000, refundState: "refunded" });
    const buyerSeesNow = await loadOrderNotices(after ?? order, true);
    expect(buyerSeesNow.map((n) => n.kind)).toEqual(["refund_succeeded"]);
  });

  it("a partial held refund leaves the rest refundable, and the buyer still sees both refunds apart", async () => {
    const paid = await paidOutOrder();
    const done = await refundThroughTheForm(paid, "20.00");
    expect(done.status).toBe("done");
    const order = await getOrderById({ id: paid.order.id });
    if (!order) throw new Error("order vanished");
    const notices = await loadOrderNotices(order, true);
    expect(notices.find((n) => n.kind === "refund_held")?.body).toContain("$20.00");
    expect(notices.some((n) => n.kind === "refund_failed")).toBe(false);
    // The held $20 counts: only $30 is left to refund.
    const over = await refundThroughTheForm(paid, "30.01");
    expect(over.fieldErrors?.amount).toEqual(["You can refund at most $30.00 on this order."]);
  });
});
