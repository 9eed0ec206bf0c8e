import type { ChildProcess } from "node:child_process";
import { count, inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { schema, type Database } from "@/db/client";
import { stripeEvents } from "@/db/schema";
import { control, testStripe } from "@/tests/helpers/emulator";
import { generateActivity, type Activity } from "./support/activity";
import { mapLimit, seededRandom, shuffle } from "./support/concurrency";
import { eventsOf, expectDatabaseMatchesStripe, expectEventsStoredOnce } from "./support/reconcile";
import { drainAt, exited, freePort, startWebhookServer } from "./support/webhook-process";

/*
 * Two app instances on one PostgreSQL: both receive a shuffled backlog with duplicates (each delivery
 * to either instance), only storing it (WEBHOOK_APPLY_AFTER_RESPONSE=0), then both workers drain it at
 * the same moment. Every event is applied exactly once — the two instances' counts add up to the
 * events waiting, no more — and the database ends equal to the emulator's state. Always on the
 * PostgreSQL server (its own database): PGlite runs one session at a time, so nothing would race.
 */

const SERVER =
  process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DATABASE = "reliability_two_instances";
const url = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DATABASE}`;
  return u.toString();
})();

const random = seededRandom(7);
let pool: pg.Pool;
let ex: Database;
let activity: Activity;
let events: Stripe.Event[];
const instances: { port: number; child: ChildProcess }[] = [];

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  pool = new pg.Pool({ connectionString: url, max: 4 });
  ex = drizzle(pool, { schema });
  await migrate(drizzle(pool), { migrationsFolder: "db/migrations" });
  activity = await generateActivity(ex, testStripe(), control, { sellers: 4, ordersPerSeller: 40 });
  events = eventsOf((await control<{ data: Stripe.Event[] }>("/events")).data, activity);
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    // One after the other: each runs the (already applied) migrations at start.
    const child = await startWebhookServer({
      ...process.env,
      DATABASE_URL: url,
      WEBHOOK_SERVER_PORT: String(port),
      WEBHOOK_APPLY_AFTER_RESPONSE: "0",
    });
    instances.push({ port, child });
  }
}, 240_000);

afterAll(async () => {
  for (const { child } of instances) await exited(child, "SIGTERM");
  await pool?.end();
});

async function deliverTo(port: number, event: Stripe.Event): Promise<number> {
  const { payload, header } = await control<{ payload: string; header: string }>(
    `/events/${event.id}/signed?secret=${event.account ? "connect" : "platform"}`,
  );
  const res = await fetch(`http://127.0.0.1:${port}/api/webhooks/stripe`, {
    method: "POST",
    headers: { "stripe-signature": header, "content-type": "application/json" },
    body: payload,
  });
  return res.status;
}

describe("two app instances on one PostgreSQL", () => {
  it("store a shuffled backlog with duplicates, delivered to either instance", async () => {
    expect(events.length).toBeGreaterThan(700);
    const deliveries = shuffle([...events, ...events.filter(() => random() < 0.3)], random);
    const statuses = await mapLimit(deliveries, 16, (event) =>
      deliverTo(instances[random() < 0.5 ? 0 : 1]!.port, event),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Nothing applied yet: every event we act on waits in the inbox.
    const [applied] = await ex
      .select({ n: count() })
      .from(stripeEvents)
      .where(inArray(stripeEvents.status, ["applied", "failed", "dead"]));
    expect(applied?.n).toBe(0);
  });

  it("drain it together: each event applied exactly once, in per-object order", async () => {
    const [waiting] = await ex
      .select({ n: count() })
      .from(stripeEvents)
      .where(inArray(stripeEvents.status, ["received"]));
    const results = await Promise.all(instances.map(({ port }) => drainAt(port)));

    // Both workers took part, and together they applied each waiting event once: a second application
    // of any event would make the sum larger than what was waiting.
    for (const r of results) expect(r.applied + r.ignored).toBeGreaterThan(0);
    const done = results.reduce((n, r) => n + r.applied + r.ignored, 0);
    expect(done).toBe(waiting?.n);
    // A deadlock between the two (both batches locking the same order) only defers an event; nothing fails.
    expect(results.map((r) => ({ failed: r.failed, dead: r.dead }))).toEqual([
      { failed: 0, dead: 0 },
      { failed: 0, dead: 0 },
    ]);
    await expectEventsStoredOnce(
      ex,
      events.map((e) => e.id),
    );
  });

  it("leave the database equal to the emulator's state, row for row", async () => {
    const disputeIds = events.filter((e) => e.type === "charge.dispute.created").map((e) => e.data.object.id);
    const counts = await expectDatabaseMatchesStripe(ex, testStripe(), activity, disputeIds);
    expect(counts.orders).toBe(160);
  });
});
