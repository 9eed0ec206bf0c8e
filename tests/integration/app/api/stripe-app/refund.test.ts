import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { countRefundsForOrder } from "@/db/queries/refunds";
import { MONEY_LIMITS, reserveRefundAttempt } from "@/lib/security/money-throttle";
import { createTestUser } from "@/tests/helpers/users";
import { createPaidOrder, type PaidOrder } from "@/tests/helpers/orders";
import { expectNothingWritten, stripeRefunds } from "@/tests/helpers/refunds";
import { appCall, appRequest, linkedDashboardUser } from "@/tests/helpers/stripe-app";
import type { RefundAnswer } from "@/stripe-app/src/contract";
import { POST } from "@/app/api/stripe-app/refund/route";

/*
 * "Refund on behalf of the seller" from the Stripe App: the admin console's refund rules step for step
 * (preview, then a confirmation of exactly what was previewed, under the order's lock), the same audit
 * (saying it came from the app and which Dashboard user asked), and a signature that confirms once.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-jar")).browserHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

const PATH = "/api/stripe-app/refund";
let adminId: string;
let dashboardUser: string;

beforeAll(async () => {
  const admin = await createTestUser("admin");
  adminId = admin.id;
  dashboardUser = await linkedDashboardUser(admin);
});

const fields = (paid: PaidOrder, overrides: Record<string, unknown> = {}) => ({
  order_id: paid.order.id,
  amount: "40.00",
  reason: "requested_by_customer",
  refund_application_fee: true,
  intent: "preview",
  ...overrides,
});

async function send(payload: Record<string, unknown>, userId = dashboardUser) {
  const request = await appRequest(PATH, { userId, payload });
  const res = await appCall(POST, request.clone());
  return { ...res, answer: res.body as unknown as RefundAnswer, request };
}

describe("POST /api/stripe-app/refund", () => {
  it("previews, then refunds what was previewed, audited as the admin from the app", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const preview = await send(fields(paid));
    expect(preview.status).toBe(200);
    expect(preview.answer.status).toBe("preview");
    expect(preview.answer.preview?.text).toContain("$40.00");
    // A preview moves no money.
    expect(await countRefundsForOrder({ orderId: paid.order.id })).toBe(0);

    const done = await send(fields(paid, { intent: "confirm", token: preview.answer.preview!.token }));
    expect(done.status).toBe(200);
    expect(done.answer).toMatchObject({
      status: "done",
      message: expect.stringContaining("Refunded $40.00") as string,
      refundStatus: "succeeded",
    });
    const [atStripe, ...more] = await stripeRefunds(paid);
    expect(more).toEqual([]);
    expect(atStripe?.amount).toBe(4_000);

    const audit = await listAuditLogsForTarget({ targetType: "order", targetId: paid.order.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: adminId, action: "refund.create", result: "ok" });
    expect(audit[0]?.details).toMatchObject({
      amount: 4_000,
      refundApplicationFee: true,
      feeReturned: 332,
      via: { channel: "stripe_app", dashboardUserId: dashboardUser },
    });
  });

  it("refuses the same signed confirmation twice (a replay): one refund only", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const preview = await send(fields(paid));
    const confirm = await send(fields(paid, { intent: "confirm", token: preview.answer.preview!.token }));
    expect(confirm.answer.status).toBe("done");
    const replay = await appCall(POST, confirm.request);
    expect(replay.status).toBe(409);
    expect(replay.body).toMatchObject({ status: "error", error: { code: "conflict:stripe_app_replay" } });
    expect(await stripeRefunds(paid)).toHaveLength(1);
  });

  it("never refunds a confirmation without a valid preview: it previews instead", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const res = await send(fields(paid, { intent: "confirm", token: "forged.token" }));
    expect(res.answer.status).toBe("preview");
    expect(res.answer.message).toMatch(/Nothing was refunded/);
    await expectNothingWritten(paid);
  });

  it("a confirmation after another refund landed shows the new figures and refunds nothing", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const first = await send(fields(paid, { amount: "100.00" }));
    const second = await send(fields(paid, { amount: "100.00" }));
    expect(
      (await send(fields(paid, { amount: "100.00", intent: "confirm", token: first.answer.preview!.token })))
        .answer.status,
    ).toBe("done");
    const stale = await send(
      fields(paid, { amount: "100.00", intent: "confirm", token: second.answer.preview!.token }),
    );
    expect(stale.status).toBe(409);
    expect(stale.answer.message).toMatch(/Only|already|refundable|changed/i);
    expect(await stripeRefunds(paid)).toHaveLength(1);
  });

  it("refuses more than is refundable with the console's message, and bad fields field by field", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const tooMuch = await send(fields(paid, { amount: "100.01" }));
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.answer.status).toBe("error");
    expect(tooMuch.answer.fieldErrors?.amount?.[0]).toMatch(/\$100\.00/);

    const wrong = await send(fields(paid, { amount: 12, reason: "because" }));
    expect(wrong.status).toBe(422);
    expect(Object.keys(wrong.answer.fieldErrors ?? {}).sort()).toEqual(["amount", "reason"]);

    const unknown = await send(fields(paid, { order_id: "5b0c8a4e-0000-4000-8000-000000000000" }));
    expect(unknown.status).toBe(404);
    await expectNothingWritten(paid);
  });

  it("counts toward the console's per-address limit on refunds: over it, nothing is refunded", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    for (let i = 0; i < MONEY_LIMITS.refundPerIp; i++)
      expect((await reserveRefundAttempt({ ip })).ok).toBe(true);
    const preview = await send(fields(paid));
    const request = await appRequest(PATH, {
      userId: dashboardUser,
      payload: fields(paid, { intent: "confirm", token: preview.answer.preview!.token }),
    });
    request.headers.set("x-forwarded-for", ip);
    const refused = await appCall(POST, request);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      status: "error",
      message: expect.stringMatching(/Too many refunds/) as string,
    });
    await expectNothingWritten(paid);
  });

  it("refuses a Dashboard user linked to a seller: nothing is refunded", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const seller = await linkedDashboardUser(paid.seller);
    const res = await send(fields(paid, { intent: "confirm", token: "x" }), seller);
    expect(res.status).toBe(403);
    await expectNothingWritten(paid);
  });
});
