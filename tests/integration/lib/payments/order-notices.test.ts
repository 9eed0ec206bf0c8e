import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { insertDispute } from "@/db/queries/disputes";
import { disputes, refunds, type Order, type User } from "@/db/schema";
import { createPaidOrder, setOrderState } from "@/tests/helpers/orders";
import { createTestUser } from "@/tests/helpers/users";
import { describeOrderNotices, loadOrderNotices, type OrderNotice } from "@/lib/payments/order-notices";

/* The buyer's order page beyond the payment status: refunds, disputes, and a guest's "keep this link". */

let admin: User;
beforeAll(async () => {
  admin = await createTestUser("admin");
});

async function addRefund(order: Order, amount: number, status: "pending" | "succeeded" | "failed") {
  await db.insert(refunds).values({
    orderId: order.id,
    stripeRefundId: `re_test_${randomUUID()}`,
    amount,
    currency: order.currency,
    reason: "requested_by_customer",
    refundApplicationFee: false,
    status,
    createdBy: admin.id,
  });
}

async function addDispute(order: Order, status: string) {
  await insertDispute({
    stripeDisputeId: `dp_test_${randomUUID()}`,
    orderId: order.id,
    stripeAccountId: order.stripeAccountId,
    chargeId: order.chargeId ?? "ch_missing",
    amount: order.amount,
    currency: order.currency,
    reason: "fraudulent",
    status,
  });
  return setOrderState(order.id, { disputed: true });
}

const kinds = (notices: OrderNotice[]) => notices.map((n) => n.kind);
const find = (notices: OrderNotice[], kind: OrderNotice["kind"]) => notices.find((n) => n.kind === kind);

describe("loadOrderNotices (real database)", () => {
  it("a paid order in the buyer's account has no notices", async () => {
    const { order } = await createPaidOrder({ amount: 4_000 });
    expect(await loadOrderNotices(order, true)).toEqual([]);
  });

  it("a refund in progress says how much is on its way and when it shows", async () => {
    const { order } = await createPaidOrder({ amount: 4_000 });
    await addRefund(order, 1_500, "pending");
    const notices = await loadOrderNotices(order, true);
    expect(kinds(notices)).toEqual(["refund_pending"]);
    expect(find(notices, "refund_pending")).toMatchObject({ title: "Refund in progress", tone: "info" });
    expect(find(notices, "refund_pending")?.body).toContain("A refund of $15.00 is on its way to your card");
    expect(find(notices, "refund_pending")?.body).toMatch(/5–10 business days/);
  });

  it("a succeeded refund (full or partial) says what came back; a failed one says it did not", async () => {
    const { order: paid } = await createPaidOrder({ amount: 4_000 });
    await addRefund(paid, 1_000, "succeeded");
    const partial = await setOrderState(paid.id, {
      refundState: "partially_refunded",
      amountRefunded: 1_000,
    });
    let notices = await loadOrderNotices(partial, true);
    expect(kinds(notices)).toEqual(["refund_succeeded"]);
    expect(find(notices, "refund_succeeded")).toMatchObject({ title: "$10.00 refunded", tone: "success" });
    expect(find(notices, "refund_succeeded")?.body).toContain(
      "$10.00 of your $40.00 payment was refunded to your card",
    );

    await addRefund(paid, 3_000, "succeeded");
    await addRefund(paid, 500, "failed");
    const full = await setOrderState(paid.id, { refundState: "refunded", amountRefunded: 4_000 });
    notices = await loadOrderNotices(full, true);
    expect(kinds(notices)).toEqual(["refund_succeeded", "refund_failed"]);
    expect(find(notices, "refund_succeeded")?.title).toBe("Refunded in full");
    expect(find(notices, "refund_failed")?.body).toContain("A refund of $5.00 could not be completed");
  });

  it("a refund made outside the site (only in the order's total) is still shown", async () => {
    const { order } = await createPaidOrder({ amount: 4_000 });
    const refunded = await setOrderState(order.id, { refundState: "refunded", amountRefunded: 4_000 });
    expect(kinds(await loadOrderNotices(refunded, true))).toEqual(["refund_succeeded"]);
  });

  it("an open dispute, then its outcome: won by the seller, or lost (money back to the buyer)", async () => {
    const { order } = await createPaidOrder({ amount: 4_000 });
    const disputed = await addDispute(order, "needs_response");
    let notices = await loadOrderNotices(disputed, true);
    expect(kinds(notices)).toEqual(["dispute_open"]);
    expect(find(notices, "dispute_open")).toMatchObject({ title: "Payment disputed", tone: "warning" });
    expect(find(notices, "dispute_open")?.body).toContain(
      "Your bank opened a dispute about this payment of $40.00",
    );

    await db.update(disputes).set({ status: "under_review" }).where(eq(disputes.orderId, order.id));
    expect(kinds(await loadOrderNotices(disputed, true))).toEqual(["dispute_open"]);

    const { order: second } = await createPaidOrder({ amount: 2_500 });
    const won = await addDispute(second, "won");
    notices = await loadOrderNotices(won, true);
    expect(find(notices, "dispute_won")?.title).toBe("Dispute closed: the charge stands");
    expect(find(notices, "dispute_won")?.body).toContain("the charge of $25.00 stands");

    const { order: third } = await createPaidOrder({ amount: 2_500 });
    const lost = await addDispute(third, "lost");
    notices = await loadOrderNotices(lost, true);
    expect(find(notices, "dispute_lost")?.title).toBe("Dispute closed in your favour");
    expect(find(notices, "dispute_lost")?.body).toContain("returned $25.00 to you");
  });

  it("a flagged order whose dispute row has not arrived yet still says it is disputed", async () => {
    const { order } = await createPaidOrder({ amount: 4_000 });
    const flagged = await setOrderState(order.id, { disputed: true });
    expect(kinds(await loadOrderNotices(flagged, true))).toEqual(["dispute_open"]);
  });

  it("tells whoever came through the guest link to keep it, on any state of the order", async () => {
    const { order } = await createPaidOrder({ amount: 4_000 });
    const notices = await loadOrderNotices(order, false);
    expect(kinds(notices)).toEqual(["keep_link"]);
    expect(find(notices, "keep_link")?.title).toBe("Keep this link");
    expect(find(notices, "keep_link")?.body).toMatch(/only way back to your order/);
    const failed = await setOrderState(order.id, { status: "failed" });
    expect(kinds(await loadOrderNotices(failed, false))).toEqual(["keep_link"]);
  });
});

describe("describeOrderNotices", () => {
  const base = {
    status: "succeeded",
    amount: 5_000,
    amountRefunded: 0,
    currency: "usd",
    disputed: false,
  } as const;

  it("says nothing about refunds or disputes before the payment succeeded", () => {
    const refundsRows = [{ amount: 100, currency: "usd", status: "pending" as const, createdAt: new Date() }];
    const disputeRows = [{ amount: 5_000, currency: "usd", status: "needs_response", createdAt: new Date() }];
    for (const status of ["pending", "processing", "failed", "canceled", "requires_action"] as const) {
      expect(
        describeOrderNotices({
          order: { ...base, status },
          refunds: refundsRows,
          disputes: disputeRows,
          viewerIsAccountHolder: true,
        }),
      ).toEqual([]);
    }
  });

  it("an inquiry (warning_*) is worded as a question from the bank; warning_closed closes it", () => {
    const at = new Date();
    const inquiry = describeOrderNotices({
      order: base,
      refunds: [],
      disputes: [{ amount: 5_000, currency: "usd", status: "warning_needs_response", createdAt: at }],
      viewerIsAccountHolder: true,
    });
    expect(inquiry[0]?.title).toBe("Your bank is asking about this payment");
    const closed = describeOrderNotices({
      order: base,
      refunds: [],
      disputes: [{ amount: 5_000, currency: "usd", status: "warning_closed", createdAt: at }],
      viewerIsAccountHolder: true,
    });
    expect(closed[0]?.kind).toBe("dispute_closed");
  });
});
