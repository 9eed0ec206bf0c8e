import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { listRefundsForOrder } from "@/db/queries/refunds";
import { control, testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder, setOrderState, type PaidOrder } from "@/tests/helpers/orders";
import { expectNothingWritten, refundInput as input, refusal, stripeRefunds } from "@/tests/helpers/refunds";
import { createCallers } from "@/tests/helpers/users";
import { createRefund } from "@/lib/refunds/create-refund";
import { WAITING_FOR_FUNDS_NOTE } from "@/lib/refunds/refund-note";

/* The admin refund when it must not happen: refusals, and Stripe refusing. Same setup as create-refund.test.ts. */

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

afterEach(async () => {
  await control("/faults", undefined, "DELETE");
});

describe("createRefund: refusals write nothing", () => {
  let paid: PaidOrder;
  beforeAll(async () => {
    paid = await createPaidOrder({ amount: 3_000, fee: 180 });
  });

  // Who may refund is proven at the guard, and typed amounts, reasons and order ids at the form's schema:
  // tests/integration/app/admin/orders/[id]/actions.test.ts. createRefund takes an Admin and parsed values.

  it.each([0, -500, 12.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "still refuses the amount %s from a caller's bug (the form never sends one)",
    async (amount) => {
      const error = await refusal(callers.admin, input(paid, { amount }));
      expect(error.code).toBe("unprocessable:refund");
      expect(error.message).toBe("The amount must be a whole number of minor units, more than zero.");
      expect(error.fieldErrors?.amount).toEqual([error.message]);
      await expectNothingWritten(paid);
    },
  );

  it("refuses more than the order", async () => {
    const error = await refusal(callers.admin, input(paid, { amount: 3_001 }));
    expect(error.message).toBe("You can refund at most $30.00 on this order.");
    await expectNothingWritten(paid);
  });

  it("refuses an unknown order", async () => {
    expect((await refusal(callers.admin, input(paid, { orderId: randomUUID() }))).code).toBe(
      "not_found:refund",
    );
    await expectNothingWritten(paid);
  });

  it("refuses an order that is not paid", async () => {
    const unpaid = await createPaidOrder({ amount: 2_000, fee: 100 });
    for (const status of ["pending", "processing", "failed", "canceled", "requires_action"] as const) {
      await setOrderState(unpaid.order.id, { status });
      const error = await refusal(callers.admin, input(unpaid));
      expect(error.code).toBe("conflict:refund");
      expect(error.message).toBe(`Only paid orders can be refunded; this order is ${status}.`);
    }
    await setOrderState(unpaid.order.id, { status: "succeeded", paymentIntentId: null, chargeId: null });
    expect((await refusal(callers.admin, input(unpaid))).code).toBe("conflict:refund");
    await expectNothingWritten(unpaid);
  });
});

describe("createRefund: Stripe refuses", () => {
  it("Stripe failing beyond the SDK's retries leaves the refund failed, audited, and refundable again", async () => {
    const paid = await createPaidOrder({ amount: 5_000, fee: 300 });
    await control("/faults", { path: "^/v1/refunds$", method: "POST", count: 3, kind: "500" });

    const error = await refusal(callers.admin, input(paid, { amount: 2_000 }));
    expect(error.message).toBe(
      "Stripe could not be reached, so the refund was not made. Please try again in a moment.",
    );
    expect(error.message).not.toMatch(/stripe\.com|api|req_/i);

    const [row] = await listRefundsForOrder({ orderId: paid.order.id });
    expect(row?.refund).toMatchObject({
      status: "failed",
      stripeRefundId: null,
      failureReason: error.message,
      amount: 2_000,
    });
    const audit = await listAuditLogsForTarget({ targetType: "order", targetId: paid.order.id });
    expect(audit.map((a) => [a.action, a.result])).toEqual([
      ["refund.failed", "error"],
      ["refund.create", "ok"],
    ]);
    expect(audit[0]).toMatchObject({ actorEmail: callers.admin.email });
    expect(await stripeRefunds(paid)).toHaveLength(0);

    // The failed row no longer counts: the whole order can still be refunded.
    await control("/faults", undefined, "DELETE");
    const { refund } = await createRefund(callers.admin, input(paid));
    expect(refund.status).toBe("succeeded");
  });

  it("a refund Stripe made but whose response was lost is found again, not failed", async () => {
    const paid = await createPaidOrder({ amount: 5_000, fee: 300 });
    // Applied at Stripe, then the connection hangs up: every retry of the SDK replays the same key.
    await control("/faults", {
      path: "^/v1/refunds$",
      method: "POST",
      count: 3,
      kind: "timeout_after",
      timeoutMs: 50,
    });
    const outcome = await createRefund(callers.admin, input(paid, { amount: 1_000 })).then(
      (r) => r.refund,
      (e: unknown) => e,
    );
    const [atStripe, ...more] = await stripeRefunds(paid);
    expect(more).toHaveLength(0);
    expect(atStripe?.amount).toBe(1_000);
    expect(outcome).toMatchObject({ stripeRefundId: atStripe?.id, status: "succeeded" });
  });

  it("a refund Stripe refuses (already refunded outside the app) reaches the admin as a readable message", async () => {
    const paid = await createPaidOrder({ amount: 5_000, fee: 300 });
    // Someone refunded the payment in full directly at Stripe; our rows do not know yet.
    await testStripe().refunds.create(
      { payment_intent: paid.intent.id },
      { stripeAccount: paid.account.stripeAccountId },
    );

    const error = await refusal(callers.admin, input(paid, { amount: 1_000 }));
    expect(error.code).toBe("conflict:refund");
    expect(error.message).toBe("Stripe says this payment has already been refunded in full.");
    const [row] = await listRefundsForOrder({ orderId: paid.order.id });
    expect(row?.refund).toMatchObject({ status: "failed", failureReason: error.message });
    const audit = await listAuditLogsForTarget({ targetType: "order", targetId: paid.order.id });
    expect(audit[0]).toMatchObject({ action: "refund.failed", result: "error", actorId: callers.admin.id });
    expect(audit[0]?.details).toMatchObject({ stripeCode: "charge_already_refunded" });
  });

  it("the seller's balance being paid out is no refusal: Stripe holds the refund as pending (pending-refund.test.ts)", async () => {
    const paid = await createPaidOrder({ amount: 5_000, fee: 300, paymentMethod: "pm_card_bypassPending" });
    // The seller's money leaves with a payout, so the account cannot cover a refund now.
    const balance = await testStripe().balance.retrieve({}, { stripeAccount: paid.account.stripeAccountId });
    const available = balance.available.find((b) => b.currency === "usd")?.amount ?? 0;
    expect(available).toBeGreaterThan(0);
    await testStripe().payouts.create(
      { amount: available, currency: "usd" },
      { stripeAccount: paid.account.stripeAccountId },
    );

    const { refund } = await createRefund(callers.admin, input(paid));
    expect(refund).toMatchObject({ status: "pending", failureReason: WAITING_FOR_FUNDS_NOTE });
    expect(refund.stripeRefundId).toMatch(/^re_/);
    const audit = await listAuditLogsForTarget({ targetType: "order", targetId: paid.order.id });
    expect(audit.map((a) => a.action)).toEqual(["refund.create"]);
  });
});
