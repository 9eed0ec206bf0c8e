import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { getAuthorization } from "@/db/queries/authorizations";
import { getOrderById } from "@/db/queries/orders";
import { auditLogs } from "@/db/schema";
import { env } from "@/lib/env";
import { expireAuthorizations } from "@/lib/capture/expiry";
import { settleAuthorization } from "@/lib/capture/settle";
import { createAuthorizedOrder, intentOf, type AuthorizedOrder } from "@/tests/helpers/capture";

/*
 * The expire-authorizations job on one instance (two at once: tests/reliability/capture-expiry.test.ts).
 * `now` stands for Stripe's clock; `accounts` keeps the run to this test's sellers.
 */

const HOUR = 3_600_000;
const margin = env.AUTHORIZATION_MARGIN_HOURS * HOUR;
const deadlineOf = (a: AuthorizedOrder) => a.auth.captureBefore!.getTime();

describe("expireAuthorizations", () => {
  it("leaves an authorisation alone until the margin, then releases it and says why", async () => {
    const a = await createAuthorizedOrder({ quantity: 2 });
    const accounts = [a.account.stripeAccountId];
    // Stripe's 7 days from the authorisation.
    expect(deadlineOf(a) - a.auth.authorizedAt!.getTime()).toBe(7 * 24 * HOUR);

    const early = await expireAuthorizations({ now: new Date(deadlineOf(a) - margin - HOUR), accounts });
    expect(early).toMatchObject({ released: 0, captured: 0, failed: 0 });
    expect((await intentOf(a)).status).toBe("requires_capture");

    const due = await expireAuthorizations({ now: new Date(deadlineOf(a) - margin + HOUR), accounts });
    expect(due).toMatchObject({ released: 1, captured: 0, failed: 0 });
    expect(await intentOf(a)).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    expect(await getOrderById({ id: a.order.id })).toMatchObject({ status: "canceled" });
    expect(await getAuthorization({ orderId: a.order.id })).toMatchObject({
      releaseReason: "not_shipped_in_time",
      settlement: null,
    });
    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetId, a.order.id), eq(auditLogs.action, "order.release")));
    expect(audit).toEqual([
      expect.objectContaining({ actorId: null, actorEmail: "job:expire-authorizations", result: "ok" }),
    ]);

    // Nothing left for the next run, and the seller can no longer ship it.
    expect(await expireAuthorizations({ now: new Date(deadlineOf(a)), accounts })).toMatchObject({
      released: 0,
    });
    await expect(
      settleAuthorization(
        a.order.id,
        { action: "capture", quantity: 1 },
        { actor: a.seller, by: "seller", sellerId: a.seller.id },
      ),
    ).rejects.toThrow(/released/);
  });

  it("captures in full instead when the platform says so", async () => {
    const a = await createAuthorizedOrder({ quantity: 3, price: 700 });
    const run = await expireAuthorizations({
      now: new Date(deadlineOf(a) - HOUR),
      action: "capture",
      accounts: [a.account.stripeAccountId],
    });
    expect(run).toMatchObject({ released: 0, captured: 1, failed: 0 });
    expect(await intentOf(a)).toMatchObject({ status: "succeeded", amount_received: 2_100 });
    expect(await getOrderById({ id: a.order.id })).toMatchObject({
      status: "succeeded",
      amount: 2_100,
      quantity: 3,
    });
  });

  it("does not touch an order the seller has just started to ship", async () => {
    const a = await createAuthorizedOrder({ quantity: 1 });
    const accounts = [a.account.stripeAccountId];
    const [shipping, run] = await Promise.all([
      settleAuthorization(
        a.order.id,
        { action: "capture", quantity: 1 },
        { actor: a.seller, by: "seller", sellerId: a.seller.id },
      ).then(
        (s) => s.result,
        () => "refused",
      ),
      expireAuthorizations({ now: new Date(deadlineOf(a) - HOUR), accounts }),
    ]);
    const intent = await intentOf(a);
    // Exactly one of them settled it, and the order says what Stripe did.
    expect(run.released + (shipping === "captured" ? 1 : 0)).toBe(1);
    expect(run.failed).toBe(0);
    expect((await getOrderById({ id: a.order.id }))?.status).toBe(
      intent.status === "succeeded" ? "succeeded" : "canceled",
    );
  });
});
