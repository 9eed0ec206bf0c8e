import { eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { getOrderById } from "@/db/queries/orders";
import { getReconcileCursors } from "@/db/queries/reconcile";
import { applicationFees, stripeEvents } from "@/db/schema";
import { reconcileEvents } from "@/lib/reconcile/events";
import { SUBSCRIBED_EVENT_TYPES } from "@/lib/webhooks/subscriptions";
import { createPendingOrder, emulatorEvents, payWith, postEvent } from "@/tests/helpers/webhooks";

/*
 * The event reconciliation against the emulator (which delivers nothing to this file's database): what
 * Stripe sent and we never got is listed, stored exactly as a delivery would have stored it, and
 * applied. Runs are scoped to this file's accounts: the emulator is shared by every test file.
 */

beforeAll(() => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

const subscribed = new Set(SUBSCRIBED_EVENT_TYPES);

async function storedRows(ids: string[]) {
  return ids.length ? db.select().from(stripeEvents).where(inArray(stripeEvents.id, ids)) : [];
}

/** The events Stripe sent about this payment: the account's, and the platform's fee events naming it. */
async function eventsOfPayment(account: string, paymentIntent: string): Promise<Stripe.Event[]> {
  const mine = (await emulatorEvents({ account })).filter((e) => subscribed.has(e.type));
  const fees = (await emulatorEvents({ account: "platform" })).filter(
    (e) =>
      e.type.startsWith("application_fee.") && (e.data.object as { account?: string }).account === account,
  );
  return [...mine, ...fees].filter(
    (e) =>
      e.type.startsWith("account.") ||
      e.type.startsWith("application_fee.") ||
      JSON.stringify(e.data.object).includes(paymentIntent),
  );
}

describe("reconcileEvents", () => {
  it("restores a payment whose events never arrived, stored as the delivery would have been", async () => {
    const pending = await createPendingOrder(4200, 300);
    const account = pending.account.stripeAccountId;
    await payWith(pending, "pm_card_visa");
    expect((await getOrderById({ id: pending.order.id }))?.status).toBe("pending");

    const result = await reconcileEvents({ accounts: [account] });
    expect(result.failures).toEqual([]);
    expect(result.restored).toBeGreaterThan(0);
    const order = await getOrderById({ id: pending.order.id });
    expect(order).toMatchObject({ status: "succeeded", paymentIntentId: pending.intent.id });
    expect(order?.chargeId).toMatch(/^(ch|py)_/);
    const [fee] = await db
      .select()
      .from(applicationFees)
      .where(eq(applicationFees.orderId, pending.order.id));
    expect(fee).toMatchObject({ amount: 300, stripeAccountId: account });

    // Each event stored once, from the reconciliation, with the payload and account a delivery carries.
    const events = await eventsOfPayment(account, pending.intent.id);
    const succeeded = events.find((e) => e.type === "payment_intent.succeeded");
    expect(succeeded?.account).toBe(account);
    const rows = await storedRows(events.map((e) => e.id));
    expect(rows).toHaveLength(events.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const event of events) {
      const row = byId.get(event.id);
      expect(row, event.type).toMatchObject({ source: "reconciliation", type: event.type });
      expect(row?.status, event.type).toMatch(/^(applied|ignored)$/);
      expect(row?.payload, event.type).toEqual(JSON.parse(JSON.stringify(event)));
    }
    expect(byId.get(succeeded!.id)).toMatchObject({ status: "applied", account, orderId: pending.order.id });

    // The cursor moved to the newest event seen; a second run restores nothing and changes nothing.
    const cursor = (await getReconcileCursors({ accounts: [account] })).get(account)?.lastCreated;
    expect(cursor).toBe(Math.max(...(await emulatorEvents({ account })).map((e) => e.created)));
    const again = await reconcileEvents({ accounts: [account] });
    expect(again.restored).toBe(0);
    expect(await storedRows(events.map((e) => e.id))).toHaveLength(events.length);
  });

  it("leaves what was delivered alone and adds only what was missed", async () => {
    const pending = await createPendingOrder(3100, 200);
    const account = pending.account.stripeAccountId;
    await payWith(pending, "pm_card_visa");
    const events = await eventsOfPayment(account, pending.intent.id);
    const succeeded = events.find((e) => e.type === "payment_intent.succeeded")!;
    expect((await postEvent(succeeded)).status).toBe(200);
    await vi.waitFor(async () =>
      expect((await getOrderById({ id: pending.order.id }))?.status).toBe("succeeded"),
    );

    const result = await reconcileEvents({ accounts: [account] });
    expect(result.failures).toEqual([]);
    const rows = await storedRows(events.map((e) => e.id));
    expect(rows.find((r) => r.id === succeeded.id)).toMatchObject({ source: "webhook", status: "applied" });
    expect(rows.filter((r) => r.source === "reconciliation")).toHaveLength(events.length - 1);
    const [fee] = await db
      .select()
      .from(applicationFees)
      .where(eq(applicationFees.orderId, pending.order.id));
    expect(fee).toMatchObject({ amount: 200 });
  });
});
