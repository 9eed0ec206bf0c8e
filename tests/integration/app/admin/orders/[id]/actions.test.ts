import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { countRefundsForOrder, listRefundsForOrder } from "@/db/queries/refunds";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { actAs, formData } from "@/tests/helpers/action-request";
import { testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder, type PaidOrder } from "@/tests/helpers/orders";
import { expectNothingWritten } from "@/tests/helpers/refunds";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { createRefund } from "@/lib/refunds/create-refund";
import type { RefundFormState } from "@/lib/refunds/refund-form";
import { refundOrderAction } from "@/app/admin/orders/[id]/actions";

/*
 * The refund form's path through the real server action: what the browser posts → the guard and the
 * form's schema → preview (no money moves) → confirm with the signed preview. Only next/headers and
 * next/cache are replaced (tests/helpers/action-request.ts).
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});

const usd = (cents: number) => `$${(cents / 100).toFixed(2)}`;

type Caller = Parameters<typeof actAs>[0];
const stepAs = (caller: Caller, fields: Record<string, string>) =>
  actAs(caller, () => refundOrderAction(undefined, formData(fields)));
const step = (fields: Record<string, string>) => stepAs(callers.admin, fields);

async function previewThenConfirm(
  fields: Record<string, string>,
): Promise<[RefundFormState, RefundFormState]> {
  const preview = await step({ ...fields, intent: "preview" });
  expect(preview.status).toBe("preview");
  return [preview, await step({ ...fields, intent: "confirm", token: preview.preview?.token ?? "" })];
}

async function stripeState(paid: PaidOrder) {
  const feeId =
    typeof paid.charge.application_fee === "string"
      ? paid.charge.application_fee
      : paid.charge.application_fee?.id;
  const stripe = testStripe();
  const refunds = (
    await stripe.refunds.list(
      { payment_intent: paid.intent.id },
      { stripeAccount: paid.account.stripeAccountId },
    )
  ).data;
  const balance = await stripe.balance.retrieve({}, { stripeAccount: paid.account.stripeAccountId });
  const sellerBalance = [...balance.available, ...balance.pending].reduce((s, b) => s + b.amount, 0);
  return {
    refunds,
    feeRefunded: (await stripe.applicationFees.retrieve(feeId ?? "")).amount_refunded,
    sellerBalance,
  };
}

describe("refundOrderAction: errors keep the form", () => {
  it("hands back every submitted field after an error, with the error once (as a field error)", async () => {
    const paid = await createPaidOrder({ amount: 7_400, fee: 400 });
    const fields = {
      orderId: paid.order.id,
      amount: "80.00",
      reason: "duplicate",
      refundApplicationFee: "on",
      note: "called twice",
    };
    const state = await step(fields);
    expect(state).toMatchObject({
      ok: false,
      status: "error",
      values: { amount: "80.00", reason: "duplicate", refundApplicationFee: true, note: "called twice" },
    });
    expect(state.fieldErrors?.amount).toEqual(["You can refund at most $74.00 on this order."]);
    // The form-level line says what happened without repeating the field's reason.
    expect(state.message).toBe("Nothing was refunded. Please correct the highlighted fields.");
    // A malformed field (zod) also keeps the rest.
    const bad = await step({ ...fields, amount: "5", reason: "because" });
    expect(bad.values).toEqual({
      amount: "5",
      reason: "because",
      refundApplicationFee: true,
      note: "called twice",
    });
    expect(bad.fieldErrors?.reason).toEqual(["Choose a reason for the refund."]);
    expect(await countRefundsForOrder({ orderId: paid.order.id })).toBe(0);
  });

  it.each([
    ["0", "The amount must be more than zero."],
    ["1.234", "USD amounts have at most 2 decimal places."],
    ["ten", "Enter the amount as a number, like 12.50."],
  ])("refuses %j with a field error and writes nothing", async (amount, message) => {
    const paid = await createPaidOrder({ amount: 5_000, fee: 400 });
    const state = await step({ orderId: paid.order.id, amount, reason: "duplicate", intent: "confirm" });
    expect(state.fieldErrors?.amount).toEqual([message]);
    expect(state.values.amount).toBe(amount);
    expect(await countRefundsForOrder({ orderId: paid.order.id })).toBe(0);
  });

  it("refuses non-admins at the guard: anonymous callers must sign in, buyers and sellers are not allowed", async () => {
    const paid = await createPaidOrder({ amount: 5_000, fee: 400 });
    const fields = { orderId: paid.order.id, amount: "1.00", reason: "duplicate" };
    for (const intent of ["preview", "confirm"]) {
      expect(await stepAs(callers.anonymous, { ...fields, intent })).toMatchObject({
        ok: false,
        status: "error",
        message: "Please sign in first.",
        values: { amount: "1.00" },
      });
      for (const actor of [callers.buyer, callers.sellerA, callers.sellerB, paid.seller]) {
        expect(await stepAs(actor, { ...fields, intent })).toMatchObject({
          ok: false,
          status: "error",
          message: "Your account is not allowed to do this.",
          values: { amount: "1.00" },
        });
      }
    }
    expect(await listRefundsForOrder({ orderId: paid.order.id })).toEqual([]);
    await expectNothingWritten(paid);
  });

  // The form's schema is the one parse of a refund (createRefund takes typed values and does not re-parse).
  it.each([
    ["0", "The amount must be more than zero."],
    ["-5.00", "The amount must be more than zero."],
    ["0.125", "USD amounts have at most 2 decimal places."],
    ["NaN", "Enter the amount as a number, like 12.50."],
    ["Infinity", "Enter the amount as a number, like 12.50."],
    ["1e3", "Enter the amount as a number, like 12.50."],
  ])("refuses the typed amount %j, previewing or confirming, and writes nothing", async (amount, message) => {
    const paid = await createPaidOrder({ amount: 3_000, fee: 180 });
    for (const intent of ["preview", "confirm"]) {
      const state = await step({ orderId: paid.order.id, amount, reason: "duplicate", intent });
      expect(state).toMatchObject({ ok: false, status: "error", fieldErrors: { amount: [message] } });
    }
    await expectNothingWritten(paid);
  });

  it("refuses a bad reason, a malformed order id and an unknown order, and writes nothing", async () => {
    const paid = await createPaidOrder({ amount: 3_000, fee: 180 });
    const fields = { orderId: paid.order.id, amount: "10.00", reason: "duplicate" };
    const bad = await step({ ...fields, reason: "because", intent: "confirm" });
    expect(bad.fieldErrors?.reason).toEqual(["Choose a reason for the refund."]);
    const malformed = await step({ ...fields, orderId: "not-a-uuid", intent: "confirm" });
    expect(malformed).toMatchObject({ ok: false, fieldErrors: { orderId: ["Unknown order."] } });
    for (const intent of ["preview", "confirm"]) {
      const unknown = await step({ ...fields, orderId: randomUUID(), intent });
      expect(unknown).toMatchObject({ ok: false, status: "error", message: "This order does not exist." });
    }
    await expectNothingWritten(paid);
  });
});

describe("refundOrderAction: preview, then confirm", () => {
  it.each([
    // amount, returnFee, fee the platform gives back (the emulator's refund must agree)
    ["full, fee returned", 10_000, true, 830],
    ["full, fee kept", 10_000, false, 0],
    ["partial, fee returned", 3_000, true, 249],
    ["partial, fee kept", 3_000, false, 0],
  ])("%s: the preview states the split Stripe then makes", async (_name, amount, returnFee, feeBack) => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const before = await stripeState(paid);
    const fields = {
      orderId: paid.order.id,
      amount: usd(amount).slice(1),
      reason: "requested_by_customer",
      note: "n",
      ...(returnFee ? { refundApplicationFee: "on" } : {}),
    };
    const [preview, done] = await previewThenConfirm(fields);
    const fee = returnFee ? `the platform returns ${usd(feeBack)} of its fee` : "the platform keeps its fee";
    const whole = amount === 10_000 ? " (everything left on this order)" : "";
    expect(preview.preview?.text).toBe(
      `Refund ${usd(amount)}${whole} to the buyer; the seller's balance is debited ${usd(amount - feeBack)}; ${fee}.`,
    );
    expect(done).toMatchObject({ ok: true, status: "done" });
    expect(done.message).toMatch(new RegExp(`^Refunded \\${usd(amount)}\\. The seller's balance is debited`));
    const after = await stripeState(paid);
    expect(after.refunds.map((r) => r.amount)).toEqual([amount]);
    expect(after.feeRefunded).toBe(feeBack);
    expect(before.sellerBalance - after.sellerBalance).toBe(amount - feeBack);
    const [audit] = await listAuditLogsForTarget({ targetType: "order", targetId: paid.order.id });
    expect(audit?.details).toMatchObject({ amount, feeReturned: feeBack, note: "n" });
  });

  it("a preview moves no money", async () => {
    const paid = await createPaidOrder({ amount: 4_000, fee: 200 });
    await step({ orderId: paid.order.id, amount: "40.00", reason: "duplicate" });
    expect(await countRefundsForOrder({ orderId: paid.order.id })).toBe(0);
    expect((await stripeState(paid)).refunds).toHaveLength(0);
  });

  it("a confirmation out of date (another refund landed) refunds nothing and shows the new preview", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 1_000 });
    const fields = {
      orderId: paid.order.id,
      amount: "40.00",
      reason: "duplicate",
      refundApplicationFee: "on",
    };
    const first = await step(fields);
    expect(first.preview?.text).toContain("the platform returns $4.00 of its fee");
    await createRefund(callers.admin, {
      orderId: paid.order.id,
      amount: 6_000,
      reason: "duplicate",
      refundApplicationFee: true,
    });
    const stale = await step({ ...fields, intent: "confirm", token: first.preview?.token ?? "" });
    expect(stale).toMatchObject({
      ok: true,
      status: "preview",
      values: { amount: "40.00", refundApplicationFee: true },
    });
    expect(stale.message).toMatch(/changed since your preview/);
    // Now the last $40.00: it takes whatever fee is left ($4.00 of 10.00 − 6.00).
    expect(stale.preview?.text).toBe(
      "Refund $40.00 (everything left on this order) to the buyer; the seller's balance is debited $36.00; the platform returns $4.00 of its fee.",
    );
    expect((await stripeState(paid)).refunds.map((r) => r.amount)).toEqual([6_000]);
    // The fresh preview confirms.
    expect((await step({ ...fields, intent: "confirm", token: stale.preview?.token ?? "" })).status).toBe(
      "done",
    );
  });

  it("replaying a confirmation refunds once", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 500 });
    const fields = { orderId: paid.order.id, amount: "25.00", reason: "duplicate" };
    const [preview, done] = await previewThenConfirm(fields);
    expect(done.status).toBe("done");
    const replays = await Promise.all(
      [1, 2, 3].map(() => step({ ...fields, intent: "confirm", token: preview.preview?.token ?? "" })),
    );
    for (const replay of replays) expect(replay.status).toBe("preview");
    expect((await stripeState(paid)).refunds.map((r) => r.amount)).toEqual([2_500]);
    expect(await countRefundsForOrder({ orderId: paid.order.id })).toBe(1);
  });

  it("a forged or edited confirmation refunds nothing and previews instead", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 500 });
    const fields = { orderId: paid.order.id, amount: "25.00", reason: "duplicate" };
    const preview = await step(fields);
    const token = preview.preview?.token ?? "";
    const [body = "", sig = ""] = token.split(".");
    for (const forged of [
      { ...fields, intent: "confirm" },
      { ...fields, intent: "confirm", token: `${body}.${sig.slice(0, -2)}xx` },
      { ...fields, amount: "99.00", intent: "confirm", token },
      { ...fields, refundApplicationFee: "on", intent: "confirm", token },
    ]) {
      const state = await step(forged);
      expect(state.status).toBe("preview");
      expect(state.message).toMatch(/Nothing was refunded/);
    }
    const otherAdmin = await stepAs(await createTestUser("admin"), { ...fields, intent: "confirm", token });
    expect(otherAdmin.status).not.toBe("done");
    expect(await countRefundsForOrder({ orderId: paid.order.id })).toBe(0);
  });
});
