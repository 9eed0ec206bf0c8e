import { and, eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db } from "@/db/client";
import { stripeEvents } from "@/db/schema";
import { reconcileEvents } from "@/lib/reconcile/events";
import { reconcilePayments } from "@/lib/reconcile/payments";
import { drainInbox } from "@/lib/webhooks/inbox";
import { SUBSCRIBED_EVENT_TYPES } from "@/lib/webhooks/subscriptions";
import { control, testStripe } from "@/tests/helpers/emulator";
import { generateActivity, type Activity } from "./support/activity";
import { mapLimit, seededRandom, shuffle } from "./support/concurrency";
import { eventsOf, expectDatabaseMatchesStripe, expectEventsStoredOnce } from "./support/reconcile";

/*
 * Stripe gives up on a delivery after three days of retries; an event our endpoint never got is then
 * only in Stripe's event list. Real activity (payments, declines, 3-D Secure, refunds, disputes, payouts,
 * fees, account changes), 90% of its events delivered (shuffled, concurrently) and 10% dropped for good;
 * then the reconciliation job, as the scheduler runs it. The database must end exactly as full delivery
 * leaves it (webhook-storm.test.ts proves full delivery reaches the emulator's state).
 */

const random = seededRandom(1910);
const subscribed = new Set(SUBSCRIBED_EVENT_TYPES);
let activity: Activity;
let events: Stripe.Event[];
let dropped: Stripe.Event[];

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  activity = await generateActivity(db, testStripe(), control, { sellers: 4, ordersPerSeller: 40 });
  const all = await control<{ data: Stripe.Event[] }>("/events");
  // What our two endpoints receive: the subscribed types only.
  events = eventsOf(all.data, activity).filter((e) => subscribed.has(e.type));
}, 180_000);

/** This activity's events still waiting in the inbox (other files' may wait too on a shared PostgreSQL). */
async function waiting(): Promise<number> {
  const rows = await db
    .select({ id: stripeEvents.id })
    .from(stripeEvents)
    .where(
      and(
        inArray(
          stripeEvents.id,
          events.map((e) => e.id),
        ),
        inArray(stripeEvents.status, ["received", "failed"]),
      ),
    );
  return rows.length;
}

async function deliver(event: Stripe.Event): Promise<number> {
  const { payload, header } = await control<{ payload: string; header: string }>(
    `/events/${event.id}/signed?secret=${event.account ? "connect" : "platform"}`,
  );
  const res = await POST(
    new Request("http://localhost:3000/api/webhooks/stripe", {
      method: "POST",
      headers: { "stripe-signature": header, "content-type": "application/json" },
      body: payload,
    }),
    {},
  );
  return res.status;
}

describe("reconciliation after dropped deliveries", () => {
  it("delivers 90% of the events, shuffled and concurrently; 10% never arrive", async () => {
    expect(events.length).toBeGreaterThan(300);
    dropped = events.filter(() => random() < 0.1);
    const lost = new Set(dropped.map((e) => e.id));
    const delivered = shuffle(
      events.filter((e) => !lost.has(e.id)),
      random,
    );
    expect(dropped.length).toBeGreaterThan(events.length * 0.07);
    const statuses = await mapLimit(delivered, 16, deliver);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await drainInbox();
    expect(await waiting()).toBe(0);
  });

  it("the database is not yet what Stripe says", async () => {
    await expect(
      expectDatabaseMatchesStripe(db, testStripe(), activity, []).then(() => "equal"),
    ).rejects.toThrow();
  });

  it("the reconciliation job restores every dropped event, and the database equals full delivery", async () => {
    // Scoped to this activity's accounts: on PostgreSQL the database is shared with other files (the
    // crash test's accounts live in another emulator). The job's claim and run records are tested in
    // tests/integration/lib/jobs.
    const outcome = await reconcileEvents({ accounts: activity.accounts });
    expect(outcome.failures).toEqual([]);
    expect(outcome.restored).toBe(dropped.length);
    expect(await waiting()).toBe(0);
    await expectEventsStoredOnce(
      db,
      events.map((e) => e.id),
    );
    // Exactly the dropped ones came from the reconciliation; every delivered one stayed as delivered.
    const restored = await db
      .select({ id: stripeEvents.id })
      .from(stripeEvents)
      .where(
        and(
          inArray(
            stripeEvents.id,
            events.map((e) => e.id),
          ),
          eq(stripeEvents.source, "reconciliation"),
        ),
      );
    expect(restored.map((r) => r.id).sort()).toEqual(dropped.map((e) => e.id).sort());
    const disputeIds = events.filter((e) => e.type === "charge.dispute.created").map((e) => e.data.object.id);
    const counts = await expectDatabaseMatchesStripe(db, testStripe(), activity, disputeIds);
    expect(counts).toMatchObject({ accounts: 4, orders: 160 });
    expect(counts.refunds).toBeGreaterThan(10);
    expect(counts.fees).toBeGreaterThan(80);

    // And the payment check agrees: none of these paid orders differs from Stripe (scoped to this
    // activity: on PostgreSQL, earlier files' orders share the database).
    const payments = await reconcilePayments({ accounts: activity.accounts });
    expect(payments).toMatchObject({ unchecked: 0, different: 0 });
    expect(payments.checked).toBeGreaterThan(80);
  });
});
