import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { countRefundsForOrder, listRefundsForOrder } from "@/db/queries/refunds";
import { control } from "@/tests/helpers/emulator";
import { createPaidOrder } from "@/tests/helpers/orders";
import {
  applicationFee,
  refundInput as input,
  refusal,
  sellerBalance,
  stripeRefunds,
} from "@/tests/helpers/refunds";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import type { AppError } from "@/lib/errors";
import { createRefund } from "@/lib/refunds/create-refund";

/* The admin refund: integration tests against the database and the emulator through the real SDK. */

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

afterEach(async () => {
  await control("/faults", undefined, "DELETE");
});

describe("createRefund: refunds on the seller's account", () => {
  it("refunds an order in full, keeping the platform fee", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const before = await sellerBalance(paid);

    const { refund } = await createRefund(callers.admin, input(paid));

    expect(refund).toMatchObject({
      amount: 10_000,
      currency: "usd",
      status: "succeeded",
      refundApplicationFee: false,
      createdBy: callers.admin.id,
    });
    const [atStripe, ...others] = await stripeRefunds(paid);
    expect(others).toHaveLength(0);
    expect(atStripe).toMatchObject({
      id: refund.stripeRefundId,
      amount: 10_000,
      reason: "requested_by_customer",
    });
    expect(atStripe?.metadata).toEqual({ refund_id: refund.id, order_id: paid.order.id });
    // The fee stays with the platform, so the seller pays the whole refund.
    expect((await applicationFee(paid)).amount_refunded).toBe(0);
    expect(before - (await sellerBalance(paid))).toBe(10_000);

    const audit = await listAuditLogsForTarget({ targetType: "order", targetId: paid.order.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: callers.admin.id,
      actorEmail: callers.admin.email,
      action: "refund.create",
      result: "ok",
    });
    expect(audit[0]?.details).toMatchObject({
      refundId: refund.id,
      amount: 10_000,
      refundApplicationFee: false,
    });
  });

  it("refunds part of an order and returns the platform fee in proportion", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const before = await sellerBalance(paid);

    const { refund } = await createRefund(
      callers.admin,
      input(paid, { amount: 5_000, refundApplicationFee: true, reason: "duplicate" }),
    );

    expect(refund).toMatchObject({
      amount: 5_000,
      status: "succeeded",
      refundApplicationFee: true,
      reason: "duplicate",
    });
    const fee = await applicationFee(paid);
    expect(fee.amount_refunded).toBe(415); // half of 830
    // The seller gives back 50.00 to the buyer and receives 4.15 of the fee back from the platform.
    expect(before - (await sellerBalance(paid))).toBe(5_000 - 415);

    // The rest can still be refunded, and then no more.
    const { refund: rest } = await createRefund(
      callers.admin,
      input(paid, { amount: 5_000, refundApplicationFee: true }),
    );
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
    expect(rows.filter((r) => r.refund.status !== "failed").reduce((s, r) => s + r.refund.amount, 0)).toBe(
      6_000,
    );
    expect((await stripeRefunds(paid)).reduce((s, r) => s + r.amount, 0)).toBe(6_000);
  });

  it("a double click on 'Refund all' refunds the order once", async () => {
    const paid = await createPaidOrder({ amount: 2_800, fee: 170 });
    const [first, second] = await Promise.allSettled([
      createRefund(callers.admin, input(paid)),
      createRefund(callers.admin, input(paid)),
    ]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    // And once more, after both settled.
    expect((await refusal(callers.admin, input(paid))).code).toBe("conflict:refund");
    const rows = await listRefundsForOrder({ orderId: paid.order.id });
    expect(rows.map((r) => r.refund.amount)).toEqual([2_800]);
    expect((await stripeRefunds(paid)).map((r) => r.amount)).toEqual([2_800]);
  });
});
