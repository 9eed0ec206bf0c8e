import { beforeAll, describe, expect, it, vi } from "vitest";
import { getAuthorization } from "@/db/queries/authorizations";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { getOrderById } from "@/db/queries/orders";
import { requireRole } from "@/lib/auth";
import { computeApplicationFee } from "@/lib/payments/fees";
import { sellerOrder, sellerShipments, sellerToShipCounts } from "@/lib/connect/seller-overview";
import { sellerOrderStatus } from "@/lib/connect/seller-orders";
import { actAs, formData, revalidated } from "@/tests/helpers/action-request";
import { createAuthorizedOrder, intentOf, type AuthorizedOrder } from "@/tests/helpers/capture";
import { createCallers } from "@/tests/helpers/users";
import { cancelOrderAction, shipOrderAction } from "@/app/dashboard/orders/[id]/actions";

/*
 * The seller's "Ship and charge" and "Cancel order" forms on a "charge when I ship" order
 * (/dashboard/orders/[id]), against the emulator: only the owning seller can act; anyone else's order does
 * not exist; a bad quantity or reason is refused; and every refusal leaves the order, the authorisation,
 * the PaymentIntent at Stripe and the audit log as they were.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
let untouched: AuthorizedOrder;
beforeAll(async () => {
  callers = await createCallers();
  untouched = await createAuthorizedOrder({ quantity: 3, price: 1_000 });
}, 60_000);

const ship = (orderId: string, quantity: string) => formData({ orderId, quantity });
const cancel = (orderId: string, reason = "out_of_stock", confirm = "on") =>
  formData({ orderId, reason, confirm });

/** Everything a refusal must leave as it was. */
async function snapshot(a: AuthorizedOrder) {
  const intent = await intentOf(a);
  return {
    order: await getOrderById({ id: a.order.id }),
    auth: await getAuthorization({ orderId: a.order.id }),
    intent: { status: intent.status, amount_received: intent.amount_received },
    audit: await listAuditLogsForTarget({ targetType: "order", targetId: a.order.id }),
  };
}

describe("shipOrderAction and cancelOrderAction: who may act", () => {
  it("refuses guests, buyers and admins, tells another seller the order does not exist, changes nothing", async () => {
    const before = await snapshot(untouched);
    const id = untouched.order.id;
    for (const action of [
      () => shipOrderAction(undefined, ship(id, "3")),
      () => cancelOrderAction(undefined, cancel(id)),
    ]) {
      expect(await actAs(null, action)).toMatchObject({ ok: false, message: "Please sign in first." });
      for (const caller of [callers.buyer, callers.admin])
        expect(await actAs(caller, action)).toMatchObject({
          ok: false,
          message: "Your account is not allowed to do this.",
        });
      expect(await actAs(callers.sellerA, action)).toMatchObject({
        ok: false,
        message: "This order does not exist.",
      });
    }
    expect(await snapshot(untouched)).toEqual(before);
    expect(before.order?.status).toBe("authorized");
    expect(before.intent.status).toBe("requires_capture");
  });

  it("refuses a quantity of 0, more than authorised or not a number, and keeps what was typed", async () => {
    const before = await snapshot(untouched);
    const id = untouched.order.id;
    const seller = untouched.seller;
    for (const [typed, message] of [
      ["0", "Ship at least 1."],
      ["4", "Ship between 1 and 3."],
      ["abc", "Enter how many you ship."],
      ["1.5", "Enter a whole number."],
    ] as const) {
      const state = await actAs(seller, () => shipOrderAction(undefined, ship(id, typed)));
      expect(state).toMatchObject({
        ok: false,
        message: "Check the quantity shipped.",
        fieldErrors: { quantity: [message] },
      });
    }
    expect(await actAs(seller, () => shipOrderAction(undefined, ship("not-an-order", "1")))).toMatchObject({
      ok: false,
      fieldErrors: { orderId: ["Unknown order."] },
    });
    expect(await snapshot(untouched)).toEqual(before);
  });

  it("refuses a cancel without a reason or without the confirmation, and changes nothing", async () => {
    const before = await snapshot(untouched);
    const id = untouched.order.id;
    const state = await actAs(untouched.seller, () => cancelOrderAction(undefined, cancel(id, "", "")));
    expect(state).toMatchObject({
      ok: false,
      fieldErrors: {
        reason: ["Choose why the order is canceled."],
        confirm: ["Tick the box to confirm the order is canceled."],
      },
    });
    expect(
      await actAs(untouched.seller, () => cancelOrderAction(undefined, cancel(id, "not_shipped_in_time"))),
    ).toMatchObject({ ok: false, fieldErrors: { reason: ["Choose why the order is canceled."] } });
    expect(await snapshot(untouched)).toEqual(before);
  });
});

describe("shipOrderAction: the owning seller ships", () => {
  it("ships 2 of 3: the buyer is charged 2 at Stripe, the order page shows what was charged and released", async () => {
    const a = await createAuthorizedOrder({ quantity: 3, price: 1_000 });
    const seller = requireRole(a.seller, "seller");
    expect((await sellerShipments(seller)).toShip.map((o) => o.id)).toEqual([a.order.id]);
    expect(await sellerToShipCounts(seller)).toMatchObject({ toShip: 1, dueSoon: 0 });
    const waiting = await sellerOrder(seller, a.order.id);
    expect(waiting && sellerOrderStatus(waiting, waiting.authorization)).toBe(
      "Authorised: waiting for you to ship",
    );
    expect(waiting).toMatchObject({ amount: 0, applicationFeeAmount: 0, authorization: { amount: 3_000 } });

    const state = await actAs(a.seller, () => shipOrderAction(undefined, ship(a.order.id, "2")));
    expect(state).toEqual({ ok: true, message: "Shipped 2: the buyer was charged." });
    expect(revalidated).toContain("/dashboard");

    const fee = computeApplicationFee(2_000, { feeBps: a.auth.feeBps, feeFixed: a.auth.feeFixed });
    expect(await getOrderById({ id: a.order.id })).toMatchObject({
      status: "succeeded",
      quantity: 2,
      amount: 2_000,
      applicationFeeAmount: fee,
    });
    expect(await intentOf(a)).toMatchObject({ status: "succeeded", amount_received: 2_000 });
    const shown = await sellerOrder(seller, a.order.id);
    expect(shown).toMatchObject({
      amount: 2_000,
      applicationFeeAmount: fee,
      authorization: { quantity: 3, amount: 3_000, capturedQuantity: 2, capturedAmount: 2_000 },
    });
    expect(shown && sellerOrderStatus(shown, shown.authorization)).toBe("Shipped 2 of 3: paid");
    expect(await listAuditLogsForTarget({ targetType: "order", targetId: a.order.id })).toMatchObject([
      { action: "order.capture", actorId: a.seller.id, result: "ok" },
    ]);
    expect((await sellerShipments(seller)).toShip).toEqual([]);

    // Shipped once: a second ship or a cancel is refused and charges nothing more.
    const again = await actAs(a.seller, () => shipOrderAction(undefined, ship(a.order.id, "1")));
    expect(again).toMatchObject({ ok: false, message: "This order was already shipped and charged." });
    const late = await actAs(a.seller, () => cancelOrderAction(undefined, cancel(a.order.id)));
    expect(late).toMatchObject({ ok: false, message: "This order was already shipped and charged." });
    expect(await intentOf(a)).toMatchObject({ status: "succeeded", amount_received: 2_000 });
  });
});

describe("cancelOrderAction: the owning seller cancels", () => {
  it("releases the whole authorisation with the reason: nothing charged, shown as released", async () => {
    const a = await createAuthorizedOrder({ quantity: 1, price: 2_500 });
    const seller = requireRole(a.seller, "seller");
    const state = await actAs(a.seller, () =>
      cancelOrderAction(undefined, cancel(a.order.id, "buyer_request")),
    );
    expect(state).toEqual({
      ok: true,
      message: "Order canceled: the authorisation was released and the buyer was not charged.",
    });
    expect(await intentOf(a)).toMatchObject({ status: "canceled", amount_received: 0 });
    expect(await getAuthorization({ orderId: a.order.id })).toMatchObject({
      releaseReason: "buyer_request",
      capturedAt: null,
    });
    const shown = await sellerOrder(seller, a.order.id);
    expect(shown).toMatchObject({ status: "canceled", amount: 0, applicationFeeAmount: 0 });
    expect(shown && sellerOrderStatus(shown, shown.authorization)).toBe(
      "Released, not charged (The buyer asked to cancel)",
    );
    const { toShip, released } = await sellerShipments(seller);
    expect(toShip).toEqual([]);
    expect(released).toMatchObject([{ id: a.order.id, reason: "buyer_request", amount: 2_500 }]);
    // Chosen by the seller: not counted as released by the platform.
    expect(await sellerToShipCounts(seller)).toEqual({ toShip: 0, dueSoon: 0, releasedByPlatform: 0 });
    const ship1 = await actAs(a.seller, () => shipOrderAction(undefined, ship(a.order.id, "1")));
    expect(ship1).toMatchObject({ ok: false });
    expect(await intentOf(a)).toMatchObject({ status: "canceled", amount_received: 0 });
  });
});
