import { count, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema, type Database } from "@/db/client";
import { applicationFees } from "@/db/schema";
import { handleApplicationFeeEvent } from "@/lib/webhooks/application-fees";
import { handlePaymentIntentEvent } from "@/lib/webhooks/payments";

/*
 * A charge's fee lock never makes a worker wait. application_fee.* and payment_intent.succeeded both
 * take it (so a fee is always linked to its order); a handler that finds it held by another transaction
 * writes nothing and answers `busy`, and its event is applied once that transaction ended. Always on
 * the PostgreSQL server (its own database): PGlite runs one session at a time, so nothing can hold it.
 */

const SERVER =
  process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DATABASE = "reliability_fee_lock";
const url = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DATABASE}`;
  return u.toString();
})();

let pool: pg.Pool;
let ex: Database;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  pool = new pg.Pool({ connectionString: url, max: 4 });
  ex = drizzle(pool, { schema });
  await migrate(drizzle(pool), { migrationsFolder: "db/migrations" });
});

afterAll(async () => {
  await pool?.end();
});

const charge = "ch_fee_lock_1";

/** Another transaction holding the charge's fee lock, as a worker applying the charge's other event. */
async function holdFeeLock(): Promise<() => Promise<void>> {
  const holder = await pool.connect();
  await holder.query("begin");
  await holder.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`fees:${charge}`]);
  return async () => {
    await holder.query("commit");
    holder.release();
  };
}

const feeEvent = {
  id: "evt_fee_lock_fee",
  object: "event",
  type: "application_fee.created",
  account: undefined,
  created: 1_700_000_000,
  data: {
    object: {
      id: "fee_lock_1",
      object: "application_fee",
      account: "acct_fee_lock",
      charge,
      amount: 830,
      amount_refunded: 0,
      currency: "usd",
    },
  },
} as unknown as Stripe.Event;

const succeededEvent = {
  id: "evt_fee_lock_pi",
  object: "event",
  type: "payment_intent.succeeded",
  account: "acct_fee_lock",
  created: 1_700_000_000,
  data: {
    object: { id: "pi_fee_lock_1", object: "payment_intent", latest_charge: charge, metadata: {} },
  },
} as unknown as Stripe.Event;

async function feesStored(): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(applicationFees)
    .where(eq(applicationFees.chargeId, charge));
  return row?.n ?? 0;
}

describe("a charge's fee lock held by another transaction", () => {
  it("application_fee.created answers busy without writing, then records the fee once the lock is free", async () => {
    const release = await holdFeeLock();
    const started = Date.now();
    const busy = await ex.transaction((tx) => handleApplicationFeeEvent(feeEvent, tx));
    const waitedMs = Date.now() - started;
    expect(busy).toMatchObject({ status: "busy" });
    expect(waitedMs).toBeLessThan(5_000); // it did not wait for the holder (which never ends on its own)
    expect(await feesStored()).toBe(0);

    await release();
    expect(await ex.transaction((tx) => handleApplicationFeeEvent(feeEvent, tx))).toMatchObject({
      status: "applied",
    });
    expect(await feesStored()).toBe(1);
  });

  it("payment_intent.succeeded answers busy too, and is handled normally once the lock is free", async () => {
    const release = await holdFeeLock();
    expect(await ex.transaction((tx) => handlePaymentIntentEvent(succeededEvent, tx))).toMatchObject({
      status: "busy",
    });
    await release();
    // No order here: with the lock free the handler goes on and says so.
    expect(await ex.transaction((tx) => handlePaymentIntentEvent(succeededEvent, tx))).toMatchObject({
      status: "ignored",
      note: "No order for PaymentIntent pi_fee_lock_1.",
    });
  });
});
