import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema, type Database } from "@/db/client";
import { markAuthorized } from "@/db/queries/authorizations";
import { insertOrderOnce, setOrderPaymentIntent } from "@/db/queries/orders";
import { auditLogs, orderAuthorizations, orders } from "@/db/schema";
import { paymentIntentIdempotencyKey, paymentIntentParams } from "@/lib/payments/payment-intents";
import { control, testStripe } from "@/tests/helpers/emulator";
import { mapLimit } from "./support/concurrency";
import { seller } from "./support/activity";
import { exited, freePort, startWebhookServer } from "./support/webhook-process";

/*
 * The expire-authorizations job on two app instances at once, on one PostgreSQL: both claim due
 * "charge when I ship" authorisations in the same instant. Every due order is released exactly once
 * (one audit entry, one cancel at Stripe), orders not yet due are left alone, and a second run finds
 * nothing. Always on the PostgreSQL server: PGlite runs one session at a time, so nothing would race.
 */

const SERVER =
  process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DATABASE = "reliability_capture_expiry";
const url = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DATABASE}`;
  return u.toString();
})();

const DUE = 24;
const LATER = 4;
let pool: pg.Pool;
let ex: Database;
const due: string[] = [];
const later: string[] = [];
const instances: { port: number; child: ChildProcess }[] = [];
const stripe = testStripe();
let account = "";

type Run = { released: number; captured: number; failed: number };
async function expireAt(port: number, now: number): Promise<Run> {
  const res = await fetch(`http://127.0.0.1:${port}/expire?now=${now}`, { method: "POST" });
  return (await res.json()) as Run;
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  pool = new pg.Pool({ connectionString: url, max: 4 });
  ex = drizzle(pool, { schema });
  await migrate(drizzle(pool), { migrationsFolder: "db/migrations" });
  const shop = await seller(ex, stripe, control, 0);
  account = shop.account.id;
  const now = Date.now();
  await mapLimit(
    Array.from({ length: DUE + LATER }, (_, j) => j),
    6,
    async (j) => {
      const { order } = await insertOrderOnce(
        {
          productId: shop.product.id,
          sellerId: shop.user.id,
          stripeAccountId: account,
          buyerId: null,
          buyerEmail: `hold-${j}@test.example`,
          quantity: 2,
          unitAmount: shop.product.price,
          amount: shop.product.price * 2,
          applicationFeeAmount: 230,
          currency: "usd",
          accessToken: randomUUID(),
          checkoutKey: randomUUID(),
          captureMethod: "manual",
          feeRule: { feeBps: 500, feeFixed: 30 },
        },
        ex,
      );
      const on = { stripeAccount: account };
      const intent = await stripe.paymentIntents.create(paymentIntentParams(order), {
        ...on,
        idempotencyKey: paymentIntentIdempotencyKey(order),
      });
      const held = await stripe.paymentIntents.confirm(
        intent.id,
        { payment_method: "pm_card_visa", return_url: "https://shop.example/return" },
        on,
      );
      expect(held.status).toBe("requires_capture");
      await setOrderPaymentIntent({ id: order.id, paymentIntentId: intent.id }, ex);
      await ex.update(orders).set({ status: "authorized" }).where(eq(orders.id, order.id));
      // Due: 12 hours left (inside the 24-hour margin). Later: 5 days left.
      const left = j < DUE ? 12 * 3_600_000 : 5 * 86_400_000;
      await markAuthorized(
        { orderId: order.id, authorizedAt: new Date(now), captureBefore: new Date(now + left) },
        ex,
      );
      (j < DUE ? due : later).push(order.id);
    },
  );
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const child = await startWebhookServer({
      ...process.env,
      DATABASE_URL: url,
      WEBHOOK_SERVER_PORT: String(port),
    });
    instances.push({ port, child });
  }
}, 240_000);

afterAll(async () => {
  for (const { child } of instances) await exited(child, "SIGTERM");
  await pool?.end();
});

describe("expire-authorizations on two instances at once", () => {
  it("releases each due authorisation exactly once between them, and nothing else", async () => {
    const now = Date.now();
    const runs = await Promise.all(instances.map(({ port }) => expireAt(port, now)));
    expect(runs.map((r) => r.failed)).toEqual([0, 0]);
    expect(runs.reduce((n, r) => n + r.released, 0)).toBe(DUE);
    expect(runs.reduce((n, r) => n + r.captured, 0)).toBe(0);

    const rows = await ex
      .select({ id: orders.id, status: orders.status, reason: orderAuthorizations.releaseReason })
      .from(orders)
      .innerJoin(orderAuthorizations, eq(orderAuthorizations.orderId, orders.id))
      .where(inArray(orders.id, [...due, ...later]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of due)
      expect(byId.get(id)).toMatchObject({ status: "canceled", reason: "not_shipped_in_time" });
    for (const id of later) expect(byId.get(id)).toMatchObject({ status: "authorized", reason: null });

    // One audited release per order: a second settlement of any order would add a second entry.
    const audits = await ex
      .select({ target: auditLogs.targetId, result: auditLogs.result })
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "order.release"), inArray(auditLogs.targetId, due)));
    expect(audits).toHaveLength(DUE);
    expect(new Set(audits.map((a) => a.target)).size).toBe(DUE);
    expect(audits.every((a) => a.result === "ok")).toBe(true);
  });

  it("left Stripe with the due authorisations canceled and the others still capturable", async () => {
    const intents = await stripe.paymentIntents.list({ limit: 100 }, { stripeAccount: account });
    const byOrder = new Map(intents.data.map((pi) => [pi.metadata.order_id, pi]));
    for (const id of due) {
      expect(byOrder.get(id)).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    }
    for (const id of later) expect(byOrder.get(id)?.status).toBe("requires_capture");
  });

  it("finds nothing left to do on the next run", async () => {
    const runs = await Promise.all(instances.map(({ port }) => expireAt(port, Date.now())));
    expect(runs).toEqual([
      expect.objectContaining({ released: 0, captured: 0, failed: 0 }),
      expect.objectContaining({ released: 0, captured: 0, failed: 0 }),
    ]);
  });
});
