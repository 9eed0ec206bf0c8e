import type pg from "pg";
import type Stripe from "stripe";
import { withClient } from "./database";

/*
 * After a webhook phase: wait until the inbox holds no waiting event, then compare the database with
 * what the delivered events say Stripe holds. Each Stripe object's final state is the snapshot in the
 * last event that carries it (events are listed in creation order). "Lost" is an event never stored or
 * never settled, or a Stripe object the database misses; "double-applied" is the database holding more
 * than Stripe (a second refund row, an amount refunded twice, a fee counted twice).
 */

export interface ExpectedState {
  events: number;
  succeededPayments: number;
  refunds: number;
  amountRefunded: number;
  disputes: number;
  payouts: number;
  applicationFees: number;
  feesRefunded: number;
}

export interface ConsistencyFigures {
  lost: number;
  doubleApplied: number;
  /** Each difference found, in words (empty when the database matches). */
  problems: string[];
  /** Seconds from the end of the deliveries until no event waited. */
  settleSeconds: number;
  /** Events waiting when the cron route was first needed (nothing else made progress for 10 s). */
  leftForWorker: number;
}

type Obj = { id: string; object: string; [key: string]: unknown };

/** What the database must hold once every event in `events` (chronological) is applied. */
export function expectedState(events: Stripe.Event[]): ExpectedState {
  const last = new Map<string, Obj>();
  for (const event of events) {
    const object = event.data.object as unknown as Obj;
    last.set(`${object.object}:${object.id}`, object);
  }
  const finals = (kind: string) => [...last.values()].filter((o) => o.object === kind);
  const sum = (objects: Obj[], field: string) => objects.reduce((n, o) => n + Number(o[field] ?? 0), 0);
  const charges = finals("charge");
  return {
    events: new Set(events.map((e) => e.id)).size,
    succeededPayments: finals("payment_intent").filter((p) => p.status === "succeeded").length,
    refunds: finals("refund").length,
    amountRefunded: sum(charges, "amount_refunded"),
    disputes: finals("dispute").length,
    payouts: finals("payout").length,
    applicationFees: finals("application_fee").length,
    feesRefunded: sum(finals("application_fee"), "amount_refunded"),
  };
}

async function one(client: pg.Client, sql: string): Promise<number> {
  const { rows } = await client.query<{ n: string | number | null }>(sql);
  return Number(rows[0]?.n ?? 0);
}

export async function waitingEvents(client: pg.Client): Promise<number> {
  return one(client, `select count(*) as n from stripe_events where status in ('received', 'failed')`);
}

/**
 * Polls until no event waits. While events still wait after `quietMs` without progress (nothing applies
 * them after the response any more; a batch commits at once, so progress comes in steps of up to 50),
 * `drain()` (the cron route) is called, as the scheduler would. `leftForWorker`: how many events
 * waited when it was first needed.
 */
export async function waitUntilSettled(
  url: string,
  drain: () => Promise<void>,
  { timeoutMs = 300_000, quietMs = 10_000 } = {},
): Promise<{ settleSeconds: number; leftForWorker: number }> {
  const started = Date.now();
  return withClient(url, async (client) => {
    let previous = Infinity;
    let since = Date.now();
    let leftForWorker = 0;
    for (;;) {
      const waiting = await waitingEvents(client);
      if (waiting === 0) return { settleSeconds: (Date.now() - started) / 1000, leftForWorker };
      if (Date.now() - started > timeoutMs)
        throw new Error(`${waiting} events still wait after ${timeoutMs} ms`);
      if (waiting < previous) since = Date.now();
      previous = Math.min(previous, waiting);
      if (Date.now() - since > quietMs) {
        if (leftForWorker === 0) leftForWorker = waiting;
        await drain();
        since = Date.now();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  });
}

/** Compares the settled database with `expected`. */
export async function checkConsistency(
  url: string,
  expected: ExpectedState,
): Promise<Omit<ConsistencyFigures, "settleSeconds" | "leftForWorker">> {
  return withClient(url, async (client) => {
    const actual: ExpectedState = {
      events: await one(
        client,
        `select count(*) as n from stripe_events where status in ('applied', 'ignored')`,
      ),
      succeededPayments: await one(
        client,
        `select count(*) as n from orders where status = 'succeeded' and payment_intent_id is not null`,
      ),
      refunds: await one(client, `select count(*) as n from refunds where stripe_refund_id is not null`),
      amountRefunded: await one(
        client,
        `select coalesce(sum(amount_refunded), 0) as n from orders where payment_intent_id is not null`,
      ),
      disputes: await one(client, `select count(*) as n from disputes`),
      payouts: await one(client, `select count(*) as n from payouts`),
      applicationFees: await one(client, `select count(*) as n from application_fees`),
      feesRefunded: await one(client, `select coalesce(sum(amount_refunded), 0) as n from application_fees`),
    };
    const stored = await one(client, `select count(*) as n from stripe_events`);
    const unsettled = await one(
      client,
      `select count(*) as n from stripe_events where status not in ('applied', 'ignored')`,
    );
    const problems: string[] = [];
    let lost = Math.max(0, expected.events - stored) + unsettled;
    let doubleApplied = 0;
    if (stored !== expected.events)
      problems.push(`${stored} events stored, ${expected.events} unique delivered`);
    if (unsettled) problems.push(`${unsettled} events failed, dead or still waiting`);
    for (const key of Object.keys(expected) as (keyof ExpectedState)[]) {
      if (key === "events" || actual[key] === expected[key]) continue;
      problems.push(`${key}: database ${actual[key]}, Stripe ${expected[key]}`);
      if (actual[key] > expected[key]) doubleApplied++;
      else lost++;
    }
    return { lost, doubleApplied, problems };
  });
}
