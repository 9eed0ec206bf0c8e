import "server-only";
import { after } from "next/server";
import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import {
  claimDueEvents,
  countWaitingEvents as countWaiting,
  finishEvent,
  listOrphanEvents,
  lockWaitingEvent,
  markEventFailed,
  type EventStatus,
} from "@/db/queries/stripe-events";
import { runInTransaction } from "@/db/queries/transaction";
import type { StripeEventRow } from "@/db/schema";
import { env } from "@/lib/env";
import { makeCartTransfers } from "@/lib/cart/transfers";
import { dispatchEvent } from "./dispatch";

/*
 * The inbox worker: applies stored events exactly once, each object's events in order.
 * - A batch is claimed in one transaction with `FOR UPDATE SKIP LOCKED` (db/queries/stripe-events.ts
 *   claimDueEvents): other workers — this process's, or other app instances' on the same PostgreSQL —
 *   pass over locked rows, so nobody waits and nobody applies an event twice.
 * - A batch is applied in one transaction, each event's status written beside its change, so the change
 *   and "applied" commit together or not at all. If an event's handler throws, the batch rolls back and
 *   is taken again one event per transaction: the failing event is marked failed with a backoff (or dead
 *   after MAX_ATTEMPTS), the others commit.
 * - A crash mid-batch rolls the whole batch back: the events are still `received` and the next drain
 *   (after the next delivery, or the cron job `webhook-inbox`) takes them.
 * Why not a queue library (pg-boss, graphile-worker): they need their own schema and a long-running
 * process with LISTEN, which PGlite served over a socket and Vercel functions do not give us; the claim
 * above is one indexed query on the table we already write once per delivery.
 */

/**
 * Events claimed per transaction. A charge's fee lock no longer makes a batch wait (tryLockChargeFees:
 * the event is deferred instead), so the size matters little: on 2 cores (`npm run bench --
 * --phases=worker`, 5,448 events) 5 → 314–380 events/s, 10 → 430, 20 → 283, 40 → 346, all within the
 * run-to-run noise. The worker is bound by the Node process's CPU per SQL statement (BENCHMARKS.md).
 */
const BATCH = 5;
/** After this many failed attempts the event is dead: shown in /admin/events, re-queued by an admin. */
export const MAX_ATTEMPTS = 8;
/** Seconds to wait after the n-th failure (1-based); past the end, the last value. About 10 h in total. */
const BACKOFF_SECONDS = [5, 30, 120, 600, 1800, 3600, 3 * 3600];

export function retryDelaySeconds(attempts: number): number {
  return BACKOFF_SECONDS[Math.min(attempts, BACKOFF_SECONDS.length) - 1] ?? 5;
}

type Outcome = Extract<EventStatus, "applied" | "ignored" | "failed" | "dead"> | "deferred";
type Counts = Record<Outcome, number>;

export interface DrainResult extends Counts {
  /** Events still waiting when the drain ended (failed ones not yet due, or left by the time budget). */
  remaining: number;
}

const emptyCounts = (): Counts => ({ applied: 0, ignored: 0, failed: 0, dead: 0, deferred: 0 });

/** PostgreSQL's deadlock_detected and serialization_failure: the same work succeeds when tried again. */
const TRANSIENT_CODES = new Set(["40P01", "40001"]);

function isTransient(error: unknown): boolean {
  const root = rootCause(error) as { code?: unknown };
  return typeof root === "object" && root !== null && TRANSIENT_CODES.has(String(root.code));
}

/** How many events wait to be applied (received or failed, due or not). */
export function countWaitingEvents(): Promise<number> {
  return countWaiting();
}

/** The innermost error: drizzle wraps driver errors, whose message says what the database refused. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause instanceof Error; depth++)
    current = current.cause;
  return current;
}

export function describeError(error: unknown): string {
  const root = rootCause(error);
  const message = root instanceof Error && root.message ? root.message : String(root);
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}

/**
 * The order just learned its PaymentIntent: apply, oldest first, the events about that payment that
 * arrived before and were ignored because no order matched them (Stripe does not redeliver them).
 */
async function applyOrphans(linked: { account: string; paymentIntentId: string }, tx: Transaction) {
  for (const orphan of await listOrphanEvents(linked, tx)) {
    // Orphans are a payment's refund, charge and dispute events: none takes a lock it could find held.
    if ((await apply(orphan, tx)) === "deferred")
      throw new Error(`Event ${orphan.id} could not be applied yet.`);
  }
}

/**
 * Applies the event and writes its outcome in the same transaction. `deferred`: its handler found what it
 * needs held by another transaction and wrote nothing; the event stays waiting, due at once, and the
 * drain takes it again (no attempt is counted).
 */
async function apply(row: StripeEventRow, ex: Transaction): Promise<"applied" | "ignored" | "deferred"> {
  const result = await dispatchEvent(row.payload as Stripe.Event, ex);
  if (result.status === "busy") return "deferred";
  await finishEvent(
    {
      id: row.id,
      status: result.status,
      error: result.note,
      orderId: result.orderId,
      attempts: row.attempts + 1,
    },
    ex,
  );
  if (result.linked) await applyOrphans(result.linked, ex);
  return result.status;
}

/**
 * The careful path: one event in a transaction of its own (taken again by id, unless another worker
 * holds it or already applied it), a failure recorded after the rollback. Not savepoints: @vercel/postgres
 * (Neon's pool) does not run a nested transaction on the transaction's connection.
 */
async function applyAlone(claimed: StripeEventRow): Promise<Outcome | null> {
  const attempts = claimed.attempts + 1;
  try {
    return await runInTransaction(async (tx) => {
      const row = await lockWaitingEvent({ id: claimed.id }, tx);
      return row ? apply(row, tx) : null;
    });
  } catch (error) {
    const message = describeError(error);
    if (isTransient(error)) {
      // Another worker's transaction held what this event needed (two batches locking the same order
      // in opposite orders): nothing was wrong with the event. It stays waiting, due at once, without
      // counting an attempt.
      console.warn(`[webhook ${claimed.id}] ${claimed.type}: ${message}; taken again by the next claim`);
      return "deferred";
    }
    const dead = attempts >= MAX_ATTEMPTS;
    // The root cause's stack only: drizzle's wrapper and the driver error's fields carry query
    // parameters (buyer emails) that do not belong in logs.
    const root = rootCause(error);
    console.error(
      `[webhook ${claimed.id}] ${claimed.type} could not be applied (attempt ${attempts}${dead ? ", dead-lettered" : ""}): ${message}`,
      root instanceof Error ? root.stack : "",
    );
    await markEventFailed({
      id: claimed.id,
      error: message,
      attempts,
      dead,
      retryInSeconds: retryDelaySeconds(attempts),
    });
    return dead ? "dead" : "failed";
  }
}

/**
 * One claimed batch, applied and committed; how many events it held. First the fast path: the whole
 * batch in one transaction. If anything in it throws, all of it rolls back — nothing was applied — and
 * the batch is claimed again on the careful path, one transaction per event, where the failing event is
 * recorded and the others commit.
 */
async function drainBatch(total: Counts): Promise<number> {
  const fast = await runInTransaction(async (tx) => {
    const rows = await claimDueEvents({ limit: BATCH }, tx);
    const counts = emptyCounts();
    for (const row of rows) counts[await apply(row, tx)]++;
    return { counts, claimed: rows.length };
  }).catch(() => null);
  if (fast) {
    for (const key of Object.keys(total) as Outcome[]) total[key] += fast.counts[key];
    return fast.claimed;
  }
  // The claim's locks end with its transaction; each event is locked again in its own.
  const rows = await runInTransaction((tx) => claimDueEvents({ limit: BATCH }, tx));
  for (const row of rows) {
    const outcome = await applyAlone(row);
    if (outcome) total[outcome]++;
  }
  return rows.length;
}

/**
 * Workers per process: on a PostgreSQL server a few claim loops side by side keep the database busy
 * while each waits for its round trips (SKIP LOCKED keeps them apart); PGlite runs one session at a time.
 */
const WORKERS = env.databaseDriver === "pglite" ? 1 : 4;

async function drainUntilEmpty(maxMs: number): Promise<Counts> {
  const total = emptyCounts();
  const deadline = Date.now() + maxMs;
  // A loop stops when its claim finds nothing due — also when the rest waits behind another loop's
  // batch; that loop, still running, takes it.
  const loop = async () => {
    while (Date.now() < deadline) if ((await drainBatch(total)) === 0) return;
  };
  await Promise.all(Array.from({ length: WORKERS }, loop));
  return total;
}

let running: Promise<DrainResult> | null = null;
let requestedAgain = false;

/**
 * Applies every due event, batch after batch, until none is left or `maxMs` passed. One drain runs per
 * process at a time: a call while one runs joins it and makes it take one more pass, so the promise
 * settles only after a pass that began after the call (whatever the caller stored is applied or failed).
 * Any number of processes may drain at once (SKIP LOCKED).
 */
export function drainInbox({ maxMs = 60_000 }: { maxMs?: number } = {}): Promise<DrainResult> {
  requestedAgain = true;
  if (running) return running;
  const started = (async () => {
    const total = emptyCounts();
    const deadline = Date.now() + maxMs;
    while (requestedAgain && Date.now() < deadline) {
      requestedAgain = false;
      const pass = await drainUntilEmpty(deadline - Date.now());
      for (const key of Object.keys(total) as Outcome[]) total[key] += pass[key];
    }
    return { ...total, remaining: await countWaiting() };
  })();
  running = started.finally(() => {
    running = null;
    // The time budget ran out while deliveries kept asking (a long burst): go on in a new drain rather
    // than leave the tail to the next cron tick.
    if (requestedAgain)
      void drainInbox().catch((error: unknown) =>
        console.error(`[inbox] drain failed: ${describeError(error)}`),
      );
  });
  return running;
}

/**
 * After the webhook route answered: apply what was stored (Next's `after()`; on Vercel the function
 * stays alive for it). Outside a request — scripts, tests calling the handler — there is no response to
 * wait for, and the drain starts at once. WEBHOOK_APPLY_AFTER_RESPONSE=0 leaves everything to the worker.
 */
export function applyAfterResponse(): void {
  if (!env.applyWebhooksAfterResponse) return;
  // A cart paid just now: its sellers' transfers follow at once (the cart-transfers job catches the rest).
  const task = () =>
    drainInbox()
      .then(() => makeCartTransfers())
      .then(
        () => undefined,
        (error: unknown) => console.error(`[inbox] drain failed: ${describeError(error)}`),
      );
  try {
    after(task);
  } catch {
    void task();
  }
}
