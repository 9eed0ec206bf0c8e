import { describe, expect, it } from "vitest";
import { getOrderById } from "@/db/queries/orders";
import { claimDueEvents, getEventById } from "@/db/queries/stripe-events";
import { runInTransaction } from "@/db/queries/transaction";
import { drainInbox } from "@/lib/webhooks/inbox";
import { objectKeyOf, storeEvent } from "@/lib/webhooks/ingest";
import {
  createPendingOrder,
  emulatorEvent,
  payWith,
  postEvent,
  refuseOrderWrite,
  retryNow,
  variantOf,
} from "@/tests/helpers/webhooks";

/* The inbox worker's order and claims, on the real database: stored events, then drains. */

async function succeeded() {
  const pending = await createPendingOrder();
  await payWith(pending, "pm_card_visa");
  const event = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.succeeded");
  return { pending, event };
}

describe("the inbox", () => {
  it("keys a payment's events by account and PaymentIntent, whatever their object", async () => {
    const { pending, event } = await succeeded();
    const key = `${pending.account.stripeAccountId}:${pending.intent.id}`;
    expect(objectKeyOf(event)).toBe(key);
    const refund = variantOf(event, {
      type: "charge.refunded",
      object: { object: "charge", id: "ch_x", payment_intent: pending.intent.id },
    });
    expect(objectKeyOf(refund)).toBe(key);
  });

  it("claims only the oldest waiting event of an object; the next one after it is applied", async () => {
    const { pending, event } = await succeeded();
    const older = variantOf(event, { type: "payment_intent.processing", created: event.created - 5 });
    // The newer one arrives first.
    expect(await storeEvent(event, "webhook")).toBe("queued");
    expect(await storeEvent(older, "webhook")).toBe("queued");

    const claimed = await runInTransaction(async (tx) =>
      (await claimDueEvents({ limit: 1_000 }, tx)).map((e) => e.id),
    );
    expect(claimed).toContain(older.id);
    expect(claimed).not.toContain(event.id);

    await drainInbox();
    const [first, second] = [await getEventById({ id: older.id }), await getEventById({ id: event.id })];
    expect(first).toMatchObject({ status: "applied" });
    expect(second).toMatchObject({ status: "applied" });
    expect(second!.appliedAt!.getTime()).toBeGreaterThanOrEqual(first!.appliedAt!.getTime());
    expect((await getOrderById({ id: pending.order.id }))?.status).toBe("succeeded");
  });

  it("holds an object's later events behind a failed one, then applies them in order once it succeeds", async () => {
    const { pending, event } = await succeeded();
    const later = variantOf(event, { type: "payment_intent.processing", created: event.created + 5 });
    const lift = await refuseOrderWrite(pending.order.id, "status <> 'succeeded'");
    try {
      await postEvent(event);
      await postEvent(later);
      expect(await getEventById({ id: event.id })).toMatchObject({ status: "failed", attempts: 1 });
      // Waiting, not attempted: applying it first would put the order in a state Stripe left behind.
      expect(await getEventById({ id: later.id })).toMatchObject({ status: "received", attempts: 0 });
    } finally {
      await lift();
    }
    await retryNow(event.id);
    expect(await getEventById({ id: event.id })).toMatchObject({ status: "applied", attempts: 2 });
    // processing after succeeded: taken in order, and ignored (an order never moves back).
    expect(await getEventById({ id: later.id })).toMatchObject({ status: "ignored", attempts: 1 });
    expect((await getOrderById({ id: pending.order.id }))?.status).toBe("succeeded");
  });

  it("stores an event once: a second store of the same id is a duplicate and changes nothing", async () => {
    const { event } = await succeeded();
    expect(await storeEvent(event, "reconciliation")).toBe("queued");
    expect(await storeEvent(event, "webhook")).toBe("duplicate");
    await drainInbox();
    expect(await getEventById({ id: event.id })).toMatchObject({
      status: "applied",
      source: "reconciliation",
      attempts: 1,
    });
  });
});
