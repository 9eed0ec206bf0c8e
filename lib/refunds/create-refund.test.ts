import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { countRefundsForOrder, listRefundsForOrder } from "@/db/queries/refunds";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { control, testStripe } from "@/test/helpers/emulator";
import { createPaidOrder, setOrderState, type PaidOrder } from "@/test/helpers/orders";
import { createCallers, createTestUser } from "@/test/helpers/users";
import { createRefund, type RefundInput } from "./create-refund";

/* The admin refund: integration tests against the database and the emulator through the real SDK. */

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

afterEach(async () => {
  await control("/faults", undefined, "DELETE");
});

function input(paid: PaidOrder, overrides: Partial<RefundInput> = {}): RefundInput {
  return { orderId: paid.order.id, amount: paid.order.amount, reason: "requested_by_customer", refundApplicationFee: false, ...overrides };
}

async function stripeRefunds(paid: PaidOrder) {
  const list = await testStripe().refunds.list({ payment_intent: paid.intent.id, limit: 100 }, { stripeAccount: paid.account.stripeAccountId });
  return list.data;
}

/** Available + pending USD on the seller's account, in cents. */
async function sellerBalance(paid: PaidOrder): Promise<number> {
  const balance = await testStripe().balance.retrieve({}, { stripeAccount: paid.account.stripeAccountId });
  const usd = (list: { amount: number; currency: string }[]) => list.filter((b) => b.currency === "usd").reduce((s, b) => s + b.amount, 0);
  return usd(balance.available) + usd(balance.pending);
}

async function applicationFee(paid: PaidOrder) {
  const feeId = typeof paid.charge.application_fee === "string" ? paid.charge.application_fee : paid.charge.application_fee?.id;
  if (!feeId) throw new Error("the test charge has no application fee");
  return testStripe().applicationFees.retrieve(feeId);
}

async function refusal(actor: User | null, refundInput: RefundInput): Promise<AppError> {
  const error = await createRefund(actor, refundInput).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function expectNothingWritten(paid: PaidOrder) {
  expect(await countRefundsForOrder({ orderId: paid.order.id })).toBe(0);
  expect(await listAuditLogsForTarget({ targetType: "order", targetId: paid.order.id })).toHaveLength(0);
  expect(await stripeRefunds(paid)).toHaveLength(0);
}

describe("createRefund: refunds on the seller's account", () => {
  it("refunds an order in full, keeping the platform fee", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const before = await sellerBalance(paid);

    const { refund } = await createRefund(callers.admin, input(paid));

    expect(refund).toMatchObject({ amount: 10_000, currency: "usd", status: "succeeded", refundApplicationFee: false, createdBy: callers.admin.id });
    const [atStripe, ...others] = await stripeRefunds(paid);
    expect(others).toHaveLength(0);
    expect(atStripe).toMatchObject({ id: refund.stripeRefundId, amount: 10_000, reason: "requested_by_customer" });
    expect(atStripe?.metadata).toEqual({ refund_id: refund.id, order_id: paid.order.id });
    // The fee stays with the platform, so the seller pays the whole refund.
    expect((await applicationFee(paid)).amount_refunded).toBe(0);
    expect(before - (await sellerBalance(paid))).toBe(10_000);

    const audit = await listAuditLogsForTarget({ targetType: "order", targetId: paid.order.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: callers.admin.id, actorEmail: callers.admin.email, action: "refund.create", result: "ok" });
    expect(audit[0]?.details).toMatchObject({ refundId: refund.id, amount: 10_000, refundApplicationFee: false });
  });

  it("refunds part of an order and returns the platform fee in proportion", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const before = await sellerBalance(paid);

    const { refund } = await createRefund(callers.admin, input(paid, { amount: 5_000, refundApplicationFee: true, reason: "duplicate" }));

    expect(refund).toMatchObject({ amount: 5_000, status: "succeeded", refundApplicationFee: true, reason: "duplicate" });
    const fee = await applicationFee(paid);
    expect(fee.amount_refunded).toBe(415); // half of 830
    // The seller gives back 50.00 to the buyer and receives 4.15 of the fee back from the platform.
    expect(before - (await sellerBalance(paid))).toBe(5_000 - 415);

    // The rest can still be refunded, and then no more.
    const { refund: rest } = await createRefund(callers.admin, input(paid, { amount: 5_000, refundApplicationFee: true }));
    expect(rest.status).toBe("succeeded");
    expect((await applicationFee(paid)).amount_refunded).toBe(830);
    const third = await refusal(callers.admin, input(paid, { amount: 1 }));
    expect(third.code).toBe("conflict:refund");
    expect(third.message).toMatch(/already been refunded in full/);
    expect((await stripeRefunds(paid)).reduce((s, r) => s + r.amount, 0)).toBe(10_000);
  });

  it("refuses more than what is left after earlier refunds, naming the maximum", async () => {
    const paid = await createPaidOrder({ amount: 4_000, fee: 200 });
    await createRefund(callers.admin, input(paid, { amount: 1_500 }));
    const error = await refusal(callers.admin, input(paid, { amount: 2_501 }));
    expect(error.code).toBe("unprocessable:refund");
    expect(error.message).toBe("You can refund at most $25.00 on this order.");
    expect(error.fieldErrors?.amount).toEqual(["You can refund at most $25.00 on this order."]);
    expect(await countRefundsForOrder({ orderId: paid.order.id })).toBe(1);
    expect(await stripeRefunds(paid)).toHaveLength(1);
  });
});

describe("createRefund: a refund Stripe accepts as pending", () => {
  it("stays pending with Stripe's id and keeps counting against what is refundable", async () => {
    // Test card 5126: Stripe answers `pending`, and the refund fails later (a webhook settles it).
    const paid = await createPaidOrder({ amount: 3_000, fee: 150, paymentMethod: "pm_card_refundFail" });
    const { refund } = await createRefund(callers.admin, input(paid, { amount: 2_000 }));
    const [atStripe] = await stripeRefunds(paid);
    expect(refund).toMatchObject({ status: "pending", stripeRefundId: atStripe?.id });
    const error = await refusal(callers.admin, input(paid, { amount: 1_001 }));
    expect(error.message).toBe("You can refund at most $10.00 on this order.");
  });
});

describe("createRefund: concurrency", () => {
  it("two admins refunding 60% five times at once refund only once", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 500 });
    const secondAdmin = await createTestUser("admin");
    const attempts = await Promise.allSettled(
      [callers.admin, secondAdmin, callers.admin, secondAdmin, callers.admin].map((admin) =>
        createRefund(admin, input(paid, { amount: 6_000 })),
      ),
    );
    const succeeded = attempts.filter((a) => a.status === "fulfilled");
    expect(succeeded).toHaveLength(1);
    for (const failed of attempts.filter((a) => a.status === "rejected")) {
      expect((failed.reason as AppError).message).toBe("You can refund at most $40.00 on this order.");
    }
    const rows = await listRefundsForOrder({ orderId: paid.order.id });
    expect(rows.filter((r) => r.refund.status !== "failed").reduce((s, r) => s + r.refund.amount, 0)).toBe(6_000);
    expect((await stripeRefunds(paid)).reduce((s, r) => s + r.amount, 0)).toBe(6_000);
  });

  it("a double click on 'Refund all' refunds the order once", async () => {
    const paid = await createPaidOrder({ amount: 2_800, fee: 170 });
    const [first, second] = await Promise.allSettled([createRefund(callers.admin, input(paid)), createRefund(callers.admin, input(paid))]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    // And once more, after both settled.
    expect((await refusal(callers.admin, input(paid))).code).toBe("conflict:refund");
    const rows = await listRefundsForOrder({ orderId: paid.order.id });
    expect(rows.map((r) => r.refund.amount)).toEqual([2_800]);
    expect((await stripeRefunds(paid)).map((r) => r.amount)).toEqual([2_800]);
  });
});

describe("createRefund: refusals write nothing", () => {
  let paid: PaidOrder;
  beforeAll(async () => {
    paid = await createPaidOrder({ amount: 3_000, fee: 180 });
  });

  it("refuses anonymous callers (401) and buyers or sellers (403)", async () => {
    const anonymous = await refusal(callers.anonymous, input(paid));
    expect(anonymous.code).toBe("unauthorized:refund");
    expect(anonymous.status).toBe(401);
    for (const actor of [callers.buyer, callers.sellerA, callers.sellerB, paid.seller]) {
      const error = await refusal(actor, input(paid));
      expect(error.code).toBe("forbidden:refund");
      expect(error.status).toBe(403);
    }
    await expectNothingWritten(paid);
  });

  it.each([
    [0, "The amount must be more than zero."],
    [-500, "The amount must be more than zero."],
    [12.5, "The amount must be a whole number of minor units (cents)."],
    [Number.NaN, "The amount must be a number of minor units (cents)."],
    [Number.POSITIVE_INFINITY, "The amount must be a number of minor units (cents)."],
  ])("refuses the amount %s", async (amount, message) => {
    const error = await refusal(callers.admin, input(paid, { amount }));
    expect(error.code).toBe("unprocessable:refund");
    expect(error.message).toBe(message);
    expect(error.fieldErrors?.amount).toEqual([message]);
    await expectNothingWritten(paid);
  });

  it("refuses more than the order", async () => {
    const error = await refusal(callers.admin, input(paid, { amount: 3_001 }));
    expect(error.message).toBe("You can refund at most $30.00 on this order.");
    await expectNothingWritten(paid);
  });

  it("refuses a bad reason, a malformed order id and an unknown order", async () => {
    const bad = await refusal(callers.admin, input(paid, { reason: "because" as RefundInput["reason"] }));
    expect(bad.fieldErrors?.reason).toEqual(["Choose a reason for the refund."]);
    expect((await refusal(callers.admin, input(paid, { orderId: "not-a-uuid" }))).code).toBe("unprocessable:refund");
    expect((await refusal(callers.admin, input(paid, { orderId: randomUUID() }))).code).toBe("not_found:refund");
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
    expect(error.message).toBe("Stripe could not be reached, so the refund was not made. Please try again in a moment.");
    expect(error.message).not.toMatch(/stripe\.com|api|req_/i);

    const [row] = await listRefundsForOrder({ orderId: paid.order.id });
    expect(row?.refund).toMatchObject({ status: "failed", stripeRefundId: null, failureReason: error.message, amount: 2_000 });
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
    await control("/faults", { path: "^/v1/refunds$", method: "POST", count: 3, kind: "timeout_after", timeoutMs: 50 });
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
    await testStripe().refunds.create({ payment_intent: paid.intent.id }, { stripeAccount: paid.account.stripeAccountId });

    const error = await refusal(callers.admin, input(paid, { amount: 1_000 }));
    expect(error.code).toBe("conflict:refund");
    expect(error.message).toBe("Stripe says this payment has already been refunded in full.");
    const [row] = await listRefundsForOrder({ orderId: paid.order.id });
    expect(row?.refund).toMatchObject({ status: "failed", failureReason: error.message });
    const audit = await listAuditLogsForTarget({ targetType: "order", targetId: paid.order.id });
    expect(audit[0]).toMatchObject({ action: "refund.failed", result: "error", actorId: callers.admin.id });
    expect(audit[0]?.details).toMatchObject({ stripeCode: "charge_already_refunded" });
  });

  it("the seller's balance being paid out gives a readable balance_insufficient message", async () => {
    const paid = await createPaidOrder({ amount: 5_000, fee: 300, paymentMethod: "pm_card_bypassPending" });
    // The seller's money leaves with a payout, so the account cannot cover a refund.
    const balance = await testStripe().balance.retrieve({}, { stripeAccount: paid.account.stripeAccountId });
    const available = balance.available.find((b) => b.currency === "usd")?.amount ?? 0;
    expect(available).toBeGreaterThan(0);
    await testStripe().payouts.create({ amount: available, currency: "usd" }, { stripeAccount: paid.account.stripeAccountId });

    const error = await refusal(callers.admin, input(paid));
    expect(error.message).toMatch(/^The seller's Stripe balance is too low to cover this refund/);
    expect(error.message).not.toMatch(/4000 0000 0000 0077/);
    const [row] = await listRefundsForOrder({ orderId: paid.order.id });
    expect(row?.refund.status).toBe("failed");
  });
});
