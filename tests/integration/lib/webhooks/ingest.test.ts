import { beforeAll, describe, expect, it } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { getOrderById } from "@/db/queries/orders";
import { listRefundsForOrder } from "@/db/queries/refunds";
import { getEventById } from "@/db/queries/stripe-events";
import { AppError } from "@/lib/errors";
import { testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder } from "@/tests/helpers/orders";
import { createCallers } from "@/tests/helpers/users";
import {
  createPendingOrder,
  emulatorEvent,
  payWith,
  postEvent,
  refuseOrderWrite,
  retryNow,
  variantOf,
} from "@/tests/helpers/webhooks";
import { drainInbox, MAX_ATTEMPTS } from "@/lib/webhooks/inbox";
import {
  eventsNeedingAttention,
  listEventsForAdmin,
  parseEventStatus,
  reapplyEvent,
} from "@/lib/webhooks/admin-events";
import { LIVEMODE_MISMATCH } from "@/lib/webhooks/ingest";

/* Exactly once, failures and retries, livemode and unknown types: through the route's POST, real DB. */

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});

async function succeededEvent() {
  const pending = await createPendingOrder();
  await payWith(pending, "pm_card_visa");
  const event = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.succeeded");
  return { pending, event };
}

async function body(res: Response) {
  return (await res.json()) as {
    received?: boolean;
    status?: string;
    error?: { code: string; message: string };
  };
}

describe("exactly once", () => {
  it("applies a redelivered event once", async () => {
    const { pending, event } = await succeededEvent();
    expect(await body(await postEvent(event))).toEqual({ received: true, status: "queued" });
    const first = await getEventById({ id: event.id });
    expect(first).toMatchObject({ status: "applied", attempts: 1, source: "webhook" });

    const again = await postEvent(event);

    expect(again.status).toBe(200);
    expect(await body(again)).toEqual({ received: true, status: "duplicate" });
    // The handler did not run again: the row kept its first application.
    expect(await getEventById({ id: event.id })).toEqual(first);
    expect((await getOrderById({ id: pending.order.id }))?.status).toBe("succeeded");
  });

  it("applies simultaneous deliveries of the same event once", async () => {
    const { pending, event } = await succeededEvent();

    const responses = await Promise.all(Array.from({ length: 4 }, () => postEvent(event)));

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const statuses = (await Promise.all(responses.map(body))).map((b) => b.status).sort();
    expect(statuses).toEqual(["duplicate", "duplicate", "duplicate", "queued"]);
    expect(await getEventById({ id: event.id })).toMatchObject({
      status: "applied",
      attempts: 1,
      orderId: pending.order.id,
    });
  });
});

describe("a handler that fails", () => {
  it("acknowledges, writes nothing, records the failure, retries after the backoff and applies once fixed", async () => {
    const paid = await createPaidOrder({ amount: 5_000 });
    await testStripe().refunds.create(
      { charge: paid.charge.id, amount: 2_000 },
      { stripeAccount: paid.account.stripeAccountId },
    );
    const event = await emulatorEvent(paid.account.stripeAccountId, "charge.refunded");
    // The refund row is inserted first, then the order update is refused: both must roll back.
    const lift = await refuseOrderWrite(paid.order.id, "amount_refunded = 0");
    try {
      const res = await postEvent(event);
      // Stored durably: Stripe must not retry; our worker does.
      expect(res.status).toBe(200);
      expect(await body(res)).toEqual({ received: true, status: "queued" });
      expect(await listRefundsForOrder({ orderId: paid.order.id })).toEqual([]);
      const failed = await getEventById({ id: event.id });
      expect(failed).toMatchObject({ status: "failed", attempts: 1, appliedAt: null });
      expect(failed?.error).toMatch(/check constraint/i);
      expect(failed!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

      // A redelivery is a duplicate, and a drain before the backoff passed does not retry it.
      expect(await body(await postEvent(event))).toEqual({ received: true, status: "duplicate" });
      expect(await drainInbox()).toMatchObject({ applied: 0, failed: 0 });
      expect(await getEventById({ id: event.id })).toMatchObject({ status: "failed", attempts: 1 });

      await retryNow(event.id);
      expect(await getEventById({ id: event.id })).toMatchObject({ status: "failed", attempts: 2 });
    } finally {
      await lift();
    }

    await retryNow(event.id);

    expect(await getEventById({ id: event.id })).toMatchObject({
      status: "applied",
      attempts: 3,
      error: null,
      orderId: paid.order.id,
    });
    expect(await getOrderById({ id: paid.order.id })).toMatchObject({
      amountRefunded: 2_000,
      refundState: "partially_refunded",
    });
    expect(await listRefundsForOrder({ orderId: paid.order.id })).toHaveLength(1);
  });

  it(`dead-letters an event after ${MAX_ATTEMPTS} attempts; a resend from Stripe queues it again`, async () => {
    const { pending, event } = await succeededEvent();
    const deadBefore = (await eventsNeedingAttention(callers.admin)).dead;
    const lift = await refuseOrderWrite(pending.order.id, "status <> 'succeeded'");
    try {
      await postEvent(event);
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) await retryNow(event.id);
      expect(await getEventById({ id: event.id })).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS });
      // The admin overview and /admin/events count it (their banner links to the dead events).
      expect((await eventsNeedingAttention(callers.admin)).dead).toBe(deadBefore + 1);
      const deadOnly = await listEventsForAdmin(callers.admin, { page: 1, status: "dead" });
      expect(deadOnly.items.map((e) => e.id)).toContain(event.id);
      // Dead: no more automatic attempts, even when due.
      await retryNow(event.id);
      expect(await getEventById({ id: event.id })).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS });
    } finally {
      await lift();
    }
    const resent = await postEvent(event);
    expect(await body(resent)).toEqual({ received: true, status: "queued" });
    expect(await getEventById({ id: event.id })).toMatchObject({ status: "applied" });
    expect((await getOrderById({ id: pending.order.id }))?.status).toBe("succeeded");
    expect((await eventsNeedingAttention(callers.admin)).dead).toBe(deadBefore);
  });

  it("lets an admin re-apply a failed event once the cause is fixed, and audits it", async () => {
    const { pending, event } = await succeededEvent();
    const lift = await refuseOrderWrite(pending.order.id, "status <> 'succeeded'");
    try {
      expect((await postEvent(event)).status).toBe(200);
    } finally {
      await lift();
    }

    // Anonymous, buyers and sellers are refused by reapplyEventAction's roles, and the event stays
    // failed (tests/integration/app/admin/events/actions.test.ts).
    expect((await getOrderById({ id: pending.order.id }))?.status).toBe("pending");

    expect(await reapplyEvent(callers.admin, { eventId: event.id })).toMatchObject({ ok: true });
    expect((await getOrderById({ id: pending.order.id }))?.status).toBe("succeeded");
    expect(await getEventById({ id: event.id })).toMatchObject({ status: "applied", attempts: 2 });
    const audit = await listAuditLogsForTarget({ targetType: "stripe_event", targetId: event.id });
    expect(audit).toEqual([
      expect.objectContaining({ actorId: callers.admin.id, action: "webhook_event.reapply", result: "ok" }),
    ]);

    const refusal = await reapplyEvent(callers.admin, { eventId: event.id }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "conflict:event" });
    await expect(reapplyEvent(callers.admin, { eventId: "evt_missing" })).rejects.toMatchObject({
      code: "not_found:event",
    });
  });
});

describe("events that are acknowledged but not applied", () => {
  it("stores a livemode mismatch as ignored and does not apply it", async () => {
    const { pending, event } = await succeededEvent();
    const live = variantOf(event, { livemode: true });

    const res = await postEvent(live);

    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ received: true, status: "ignored" });
    expect(await getEventById({ id: live.id })).toMatchObject({
      status: "ignored",
      error: LIVEMODE_MISMATCH,
      livemode: true,
    });
    expect((await getOrderById({ id: pending.order.id }))?.status).toBe("pending");
  });

  it("stores and acknowledges event types we do not act on", async () => {
    const { event } = await succeededEvent();
    const unknown = variantOf(event, { type: "customer.tax_id.created" });

    const res = await postEvent(unknown);

    expect(await body(res)).toEqual({ received: true, status: "ignored" });
    expect(await getEventById({ id: unknown.id })).toMatchObject({
      type: "customer.tax_id.created",
      status: "ignored",
      orderId: null,
    });
  });
});

describe("the admin event log", () => {
  // Admins only: the page's pageUser("admin") refuses everyone else (tests/integration/app/admin/pages.test.ts).
  it("lists events newest first with their outcome and filters by status", async () => {
    const { event } = await succeededEvent();
    const unknown = variantOf(event, { type: "balance.available" });
    await postEvent(event);
    await new Promise((r) => setTimeout(r, 20)); // distinct received_at, so "newest first" is decided
    await postEvent(unknown);

    const all = await listEventsForAdmin(callers.admin, { page: 1 });
    // Other test files may log events meanwhile (shared PostgreSQL): compare positions, not the top rows.
    const ids = all.items.map((e) => e.id);
    expect(ids.indexOf(unknown.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(unknown.id)).toBeLessThan(ids.indexOf(event.id));
    expect(all.items.find((e) => e.id === unknown.id)).toMatchObject({
      type: "balance.available",
      account: event.account,
      status: "ignored",
    });
    const ignoredOnly = await listEventsForAdmin(callers.admin, {
      page: 1,
      status: parseEventStatus("ignored"),
    });
    expect(ignoredOnly.items.every((e) => e.status === "ignored")).toBe(true);
    expect(ignoredOnly.items.some((e) => e.id === unknown.id)).toBe(true);
    expect(all.counts.ignored).toBeGreaterThanOrEqual(1);
    expect(parseEventStatus("bogus")).toBeUndefined();
  });
});
