import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, schema, type Database } from "@/db/client";
import {
  EmulatorClient,
  emulatorStripe,
  EMULATOR_DEFAULTS,
  startEmulator,
  type RunningEmulator,
} from "@marketplace/stripe-emulator";
import { generateActivity, type Activity } from "./support/activity";
import { eventsOf, expectDatabaseMatchesStripe, expectEventsStoredOnce } from "./support/reconcile";
import { drainAt, exited, freePort, startWebhookServer } from "./support/webhook-process";

/*
 * The app is killed (SIGKILL) while applying a burst of webhook deliveries and started again; the
 * emulator's retries redeliver what was lost, and the database ends consistent with Stripe. The route
 * runs in a real child process (tests/reliability/support/webhook-server.ts) on a PGlite directory —
 * or on the PostgreSQL server when DATABASE_URL names one — and this test's own emulator, whose
 * retry schedule outlasts the restart.
 */

const usePostgres = Boolean(process.env.DATABASE_URL);
let emulator: RunningEmulator;
let stripe: Stripe;
let dataDir: string;
let port: number;
let server: ChildProcess | undefined;

function control<T = unknown>(p: string, body?: unknown): Promise<T> {
  return new EmulatorClient({ url: emulator.url }).request<T>(body === undefined ? "GET" : "POST", p, body);
}

function startServer(): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STRIPE_EMULATOR_PORT: String(emulator.port),
    WEBHOOK_SERVER_PORT: String(port),
  };
  if (!usePostgres) env.PGLITE_DIR = dataDir;
  return startWebhookServer(env);
}

/** The database the child writes to, opened by this process (only while the child is down, for PGlite). */
async function withDatabase<T>(fn: (ex: Database) => Promise<T>): Promise<T> {
  if (usePostgres) return fn(db);
  const client = new PGlite(dataDir);
  try {
    const handle = drizzle(client, { schema });
    await migrate(handle, { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
    return await fn(handle);
  } finally {
    await client.close();
  }
}

interface Delivery {
  id: string;
  event: string;
  status: string;
  attempts: unknown[];
}
const deliveries = async () => (await control<{ data: Delivery[] }>("/deliveries")).data;

let activity: Activity;

beforeAll(async () => {
  // Retries every 0.5 s, then backing off to 16 s: ~30 s of redelivery, far longer than a restart.
  emulator = await startEmulator({
    port: 0,
    webhookUrl: null,
    snapshotPath: null,
    retrySchedule: [500, 1000, 2000, 4000, 8000, 16000],
    disputeDelayMs: 300,
  });
  stripe = emulatorStripe(emulator.url);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "crash-pglite-"));
  port = await freePort();
  const url = `http://127.0.0.1:${port}/api/webhooks/stripe`;
  await control("/delivery/pause", {});
  await control("/webhook_endpoints", {
    url,
    secret: EMULATOR_DEFAULTS.platformWebhookSecret,
    connect: false,
  });
  await control("/webhook_endpoints", { url, secret: EMULATOR_DEFAULTS.connectWebhookSecret, connect: true });
  activity = await withDatabase((ex) =>
    generateActivity(ex, stripe, (p, b) => control(p, b ?? {}), { sellers: 4, ordersPerSeller: 40 }),
  );
}, 120_000);

afterAll(async () => {
  if (server) await exited(server, "SIGKILL");
  await emulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("crash while applying webhooks", () => {
  it("killed mid-burst and restarted, redelivery leaves the database consistent", async () => {
    const total = (await deliveries()).length;
    expect(total).toBeGreaterThan(500);
    server = await startServer();
    await control("/delivery/resume", { order: "shuffle" });

    // Kill -9 once about a third has been applied: some deliveries are in flight at that moment.
    let succeededAtKill = 0;
    for (;;) {
      succeededAtKill = (await deliveries()).filter((d) => d.status === "succeeded").length;
      if (succeededAtKill >= total / 3) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await exited(server, "SIGKILL");
    expect(succeededAtKill).toBeLessThan(total);
    await new Promise((r) => setTimeout(r, 1_000)); // deliveries fail against the dead server

    server = await startServer();
    const deadline = Date.now() + 90_000;
    let settled: Delivery[] = [];
    while (Date.now() < deadline) {
      settled = await deliveries();
      if (settled.every((d) => d.status === "succeeded" || d.status === "failed")) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(settled.filter((d) => d.status !== "succeeded").map((d) => `${d.event}: ${d.status}`)).toEqual([]);
    expect(settled.filter((d) => d.attempts.length > 1).length).toBeGreaterThan(0); // redelivered after the crash
    // What the killed process stored but had not applied yet waits in the inbox: the worker's pass applies it.
    expect(await drainAt(port)).toMatchObject({ failed: 0, dead: 0, remaining: 0 });
    await exited(server, "SIGTERM");
    server = undefined;

    const events = eventsOf((await control<{ data: Stripe.Event[] }>("/events")).data, activity);
    const disputeIds = events.filter((e) => e.type === "charge.dispute.created").map((e) => e.data.object.id);
    await withDatabase(async (ex) => {
      await expectEventsStoredOnce(ex, [...new Set(settled.map((d) => d.event))]);
      const counts = await expectDatabaseMatchesStripe(ex, stripe, activity, disputeIds);
      expect(counts.orders).toBe(160);
    });
  });
});
