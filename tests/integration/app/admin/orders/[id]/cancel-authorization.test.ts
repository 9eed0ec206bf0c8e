import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getAuthorization } from "@/db/queries/authorizations";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { getOrderById } from "@/db/queries/orders";
import { listRefundsForOrder } from "@/db/queries/refunds";
import { getOrderForAdmin } from "@/lib/admin/console";
import { settleAuthorization } from "@/lib/capture/settle";
import { describeOrder } from "@/lib/payments/order-status";
import { handlePaymentIntentEvent } from "@/lib/webhooks/payments";
import { handleChargeRefunded } from "@/lib/webhooks/refunds";
import { actAs, formData, revalidated } from "@/tests/helpers/action-request";
import { captureEvent, createAuthorizedOrder, intentOf, type AuthorizedOrder } from "@/tests/helpers/capture";
import { testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder } from "@/tests/helpers/orders";
import { createCallers } from "@/tests/helpers/users";
import { applyWith } from "@/tests/helpers/webhooks";
import { cancelAuthorizationAction, refundOrderAction } from "@/app/admin/orders/[id]/actions";

/*
 * The admin's "Cancel authorisation" form on a "charge when I ship" order, through the real server action:
 * the guard, the form's schema, the release at Stripe (the emulator) and what the order then says. Only
 * next/headers and next/cache are replaced (tests/helpers/action-request.ts).
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});

type Caller = Parameters<typeof actAs>[0];
const cancelAs = (caller: Caller, fields: Record<string, string>) =>
  actAs(caller, () => cancelAuthorizationAction(undefined, formData(fields)));
const cancelFields = (a: AuthorizedOrder, overrides: Record<string, string> = {}) => ({
  orderId: a.order.id,
  reason: "buyer_request",
  confirm: "on",
  ...overrides,
});

/** Everything a cancel could change: the order, its authorisation, Stripe's PaymentIntent, the audit log. */
async function snapshot(a: AuthorizedOrder) {
  const intent = await intentOf(a);
  return {
    order: await getOrderById({ id: a.order.id }),
    auth: await getAuthorization({ orderId: a.order.id }),
    intent: { status: intent.status, amountCapturable: intent.amount_capturable },
    audit: (await listAuditLogsForTarget({ targetType: "order", targetId: a.order.id })).length,
  };
}

describe("cancelAuthorizationAction: refusals change nothing", () => {
  it("lets only admins in: anonymous callers must sign in; buyers and sellers, even the order's own, may not", async () => {
    const a = await createAuthorizedOrder({ quantity: 2 });
    const before = await snapshot(a);
    expect(before.intent.status).toBe("requires_capture");
    expect(await cancelAs(callers.anonymous, cancelFields(a))).toEqual({
      ok: false,
      message: "Please sign in first.",
    });
    for (const caller of [callers.buyer, callers.sellerA, callers.sellerB, a.seller]) {
      expect(await cancelAs(caller, cancelFields(a))).toEqual({
        ok: false,
        message: "Your account is not allowed to do this.",
      });
    }
    expect(await snapshot(a)).toEqual(before);
  });

  it("answers an unknown order, and an order charged at checkout, as not existing", async () => {
    const a = await createAuthorizedOrder({ quantity: 1 });
    const before = await snapshot(a);
    expect(await cancelAs(callers.admin, cancelFields(a, { orderId: randomUUID() }))).toMatchObject({
      ok: false,
      message: "This order does not exist.",
    });
    const malformed = await cancelAs(callers.admin, cancelFields(a, { orderId: "not-an-order" }));
    expect(malformed).toMatchObject({ ok: false, fieldErrors: { orderId: ["Unknown order."] } });

    // An automatic order has no authorisation to release: its payment is untouched.
    const paid = await createPaidOrder({ amount: 5_000, fee: 400 });
    const charged = await cancelAs(callers.admin, { ...cancelFields(a), orderId: paid.order.id });
    expect(charged).toMatchObject({ ok: false, message: "This order does not exist." });
    expect(await getOrderById({ id: paid.order.id })).toMatchObject({ status: "succeeded" });
    const intent = await testStripe().paymentIntents.retrieve(paid.intent.id, undefined, {
      stripeAccount: paid.account.stripeAccountId,
    });
    expect(intent.status).toBe("succeeded");
    expect(await snapshot(a)).toEqual(before);
  });

  it("refuses a reason the admin cannot choose, or none, and an unticked confirmation", async () => {
    const a = await createAuthorizedOrder({ quantity: 1 });
    const before = await snapshot(a);
    for (const reason of ["", "not_shipped_in_time", "expired", "because"]) {
      const state = await cancelAs(callers.admin, cancelFields(a, { reason }));
      expect(state).toMatchObject({
        ok: false,
        fieldErrors: { reason: ["Choose why the order is canceled."] },
      });
    }
    const { confirm: _omitted, ...unconfirmed } = cancelFields(a);
    expect(await cancelAs(callers.admin, unconfirmed)).toMatchObject({
      ok: false,
      fieldErrors: { confirm: ["Tick the box to confirm the order is canceled."] },
    });
    expect(await snapshot(a)).toEqual(before);
  });
});

describe("cancelAuthorizationAction: an admin cancels", () => {
  it("releases the authorisation at Stripe; the order reads canceled with the reason, nothing charged", async () => {
    const a = await createAuthorizedOrder({ quantity: 3, price: 1_500 });
    const state = await cancelAs(callers.admin, cancelFields(a, { reason: "fraud" }));
    expect(state).toEqual({
      ok: true,
      message: "Order canceled: the authorisation was released and the buyer was not charged.",
    });
    expect(revalidated).toContain(`/admin/orders/${a.order.id}`);

    expect(await intentOf(a)).toMatchObject({
      status: "canceled",
      cancellation_reason: "fraudulent",
      amount_received: 0,
    });
    // The events Stripe sends about the release change nothing more: no refund, nothing charged.
    await applyWith(handleChargeRefunded, await captureEvent(a, "charge.refunded"));
    await applyWith(handlePaymentIntentEvent, await captureEvent(a, "payment_intent.canceled"));
    const order = await getOrderById({ id: a.order.id });
    expect(order).toMatchObject({ status: "canceled", amountRefunded: 0, refundState: "none" });
    expect(await listRefundsForOrder({ orderId: a.order.id })).toEqual([]);
    const auth = await getAuthorization({ orderId: a.order.id });
    expect(auth).toMatchObject({ releaseReason: "fraud", capturedAt: null, settlement: null });
    expect(auth?.releasedAt).toBeInstanceOf(Date);

    const [entry] = await listAuditLogsForTarget({ targetType: "order", targetId: a.order.id });
    expect(entry).toMatchObject({
      action: "order.release",
      actorId: callers.admin.id,
      result: "ok",
      details: { reason: "fraud", by: "admin" },
    });
    // What the buyer's order page then says.
    expect(describeOrder({ ...order!, authorization: auth })).toMatchObject({
      title: "Order canceled",
      description:
        "The order was canceled. The authorisation on your card was released; you were not charged.",
    });

    // A second cancel (another tab) is refused and sends nothing more to Stripe.
    const again = await cancelAs(callers.admin, cancelFields(a));
    expect(again).toEqual({
      ok: false,
      message: "This order's authorisation was released; the buyer was not charged.",
    });
    expect(await getAuthorization({ orderId: a.order.id })).toMatchObject({ releaseReason: "fraud" });
  });
});

describe("refunds of a charge-when-it-ships order", () => {
  const refundPreview = (orderId: string, amount: string) =>
    actAs(callers.admin, () =>
      refundOrderAction(
        undefined,
        formData({ orderId, amount, reason: "requested_by_customer", intent: "preview" }),
      ),
    );

  it("offers no refund while only authorised, and at most what was captured once shipped in part", async () => {
    const a = await createAuthorizedOrder({ quantity: 3, price: 1_000 });
    expect((await getOrderForAdmin(callers.admin, a.order.id))?.refundable).toBe(0);
    expect(await refundPreview(a.order.id, "1.00")).toMatchObject({
      ok: false,
      message: "Only paid orders can be refunded; this order is authorized.",
    });

    await settleAuthorization(
      a.order.id,
      { action: "capture", quantity: 2 },
      { actor: a.seller, by: "seller" },
    );
    expect((await getOrderForAdmin(callers.admin, a.order.id))?.refundable).toBe(2_000);
    const over = await refundPreview(a.order.id, "20.01");
    expect(over.fieldErrors?.amount).toEqual(["You can refund at most $20.00 on this order."]);
    const all = await refundPreview(a.order.id, "20.00");
    expect(all).toMatchObject({ ok: true, status: "preview" });
    expect(all.preview?.text).toMatch(/^Refund \$20\.00 \(everything left on this order\) to the buyer;/);
    const charge = (await intentOf(a)).latest_charge as Stripe.Charge;
    expect(charge.amount_captured).toBe(2_000);
  });
});
