import type Stripe from "stripe";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db } from "@/db/client";
import { stripeEvents } from "@/db/schema";
import { inArray } from "drizzle-orm";
import { drainInbox } from "@/lib/webhooks/inbox";
import { control, testStripe } from "@/tests/helpers/emulator";
import { generateActivity, type Activity } from "./support/activity";
import { mapLimit, seededRandom, shuffle } from "./support/concurrency";
import { eventsOf, expectDatabaseMatchesStripe, expectEventsStoredOnce } from "./support/reconcile";

/*
 * A webhook storm: a few thousand real events (payments, declines, 3-D Secure, refunds in and out of
 * the app, refund failures, disputes, payouts, fees) for many orders on many accounts, shuffled, 30%
 * delivered more than once, 5% forged, all delivered concurrently to the route handler. Every forged
 * delivery is refused, and the database ends equal to what the emulator says is true.
 */

const random = seededRandom(99);
let activity: Activity;
let events: Stripe.Event[];

interface Delivery {
  eventId: string;
  payload: string;
  header: string;
  forged: false | "payload" | "signature" | "secret" | "stale";
}

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  activity = await generateActivity(db, testStripe(), control, { sellers: 10, ordersPerSeller: 60 });
  const all = await control<{ data: Stripe.Event[] }>("/events");
  events = eventsOf(all.data, activity);
}, 180_000);

async function signed(event: Stripe.Event): Promise<{ payload: string; header: string }> {
  return control(`/events/${event.id}/signed?secret=${event.account ? "connect" : "platform"}`);
}

/** A forgery of a genuine delivery: changed body, guessed signature, a secret we do not hold, or an old timestamp. */
function forge(genuine: Delivery, kind: Exclude<Delivery["forged"], false>): Delivery {
  const t = /t=(\d+)/.exec(genuine.header)?.[1] ?? "0";
  switch (kind) {
    case "payload":
      return {
        ...genuine,
        forged: kind,
        payload: genuine.payload
          .replace(/"amount": (\d+)/, (_m, n: string) => `"amount": ${Number(n) + 100_000}`)
          .replace('"livemode": false', '"livemode": false '),
      };
    case "signature":
      return {
        ...genuine,
        forged: kind,
        header: genuine.header.replace(/v1=([0-9a-f])/, (_m, c: string) => `v1=${c === "0" ? "1" : "0"}`),
      };
    case "secret":
      return { ...genuine, forged: kind, header: `t=${t},v1=${"ab".repeat(32)}` };
    case "stale":
      return { ...genuine, forged: kind, header: genuine.header.replace(`t=${t}`, `t=${Number(t) - 3_600}`) };
  }
}

describe("webhook storm", () => {
  let genuine: Delivery[] = [];
  let forged: Delivery[] = [];
  const outcomes = new Map<Delivery, number>();

  it("generates a few thousand events of every family", () => {
    expect(events.length).toBeGreaterThan(2_000);
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      "payment_intent.succeeded",
      "payment_intent.payment_failed",
      "payment_intent.requires_action",
      "payment_intent.canceled",
      "charge.refunded",
      "refund.created",
      "refund.failed",
      "charge.dispute.created",
      "payout.paid",
      "application_fee.created",
      "application_fee.refunded",
      "account.updated",
    ]) {
      expect(types, type).toContain(type);
    }
  });

  it("delivers them shuffled, 30% more than once and 5% forged, all at once: forged ones refused", async () => {
    const once = await mapLimit(events, 16, async (event): Promise<Delivery> => ({
      eventId: event.id,
      ...(await signed(event)),
      forged: false,
    }));
    const repeats = once.filter(() => random() < 0.3).flatMap((d) => (random() < 0.2 ? [d, d] : [d]));
    genuine = [...once, ...repeats];
    const kinds = ["payload", "signature", "secret", "stale"] as const;
    forged = Array.from({ length: Math.round(genuine.length * 0.05) }, (_, i) =>
      forge(once[Math.floor(random() * once.length)]!, kinds[i % kinds.length]!),
    );
    const deliveries = shuffle([...genuine, ...forged], random);

    await mapLimit(deliveries, 24, async (d) => {
      const res = await POST(
        new Request("http://localhost:3000/api/webhooks/stripe", {
          method: "POST",
          headers: { "stripe-signature": d.header, "content-type": "application/json" },
          body: d.payload,
        }),
        {},
      );
      outcomes.set(d, res.status);
    });
    // Every event stored is applied (or ignored) by the inbox, none left failed or dead.
    await drainInbox();
    const waiting = await db
      .select({ id: stripeEvents.id, status: stripeEvents.status, error: stripeEvents.error })
      .from(stripeEvents)
      .where(inArray(stripeEvents.status, ["received", "failed", "dead"]));
    expect(waiting).toEqual([]);
    for (const d of forged) expect(outcomes.get(d), `forged (${d.forged}) ${d.eventId}`).toBe(400);
    // Every genuine delivery is answered 200 at once: a 500 here (Stripe would retry it) means two
    // handlers deadlocked or one could not apply an event it should.
    const failed = genuine.filter((d) => outcomes.get(d) !== 200);
    expect(failed.map((d) => d.eventId)).toEqual([]);
  });

  it("stores each event exactly once, and no forged one", async () => {
    await expectEventsStoredOnce(
      db,
      events.map((e) => e.id),
    );
    const stored = await db
      .select({ id: stripeEvents.id, payload: stripeEvents.payload })
      .from(stripeEvents)
      .where(
        inArray(
          stripeEvents.id,
          events.map((e) => e.id),
        ),
      );
    // A forged body reusing a real event id never replaced the real one.
    const original = new Map(events.map((e) => [e.id, e]));
    for (const row of stored) expect(row.payload).toEqual(JSON.parse(JSON.stringify(original.get(row.id))));
  });

  it("leaves the database equal to the emulator's state, row for row", async () => {
    const disputeIds = events.filter((e) => e.type === "charge.dispute.created").map((e) => e.data.object.id);
    const counts = await expectDatabaseMatchesStripe(db, testStripe(), activity, disputeIds);
    expect(counts.accounts).toBe(10);
    // Sellers 3, 9 (asked for more information, never gave it): the rows must not say "onboarded".
    expect(counts.accountsWithRequirements).toBe(2);
    expect(counts.orders).toBe(600);
    expect(counts.refunds).toBeGreaterThan(100);
    expect(counts.disputes).toBeGreaterThan(10);
    expect(counts.payouts).toBe(10);
    expect(counts.fees).toBeGreaterThan(300);
  });
});
