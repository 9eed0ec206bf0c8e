import { and, count, desc, eq, gte, inArray, isNotNull, isNull, like, lte, max, ne, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { stripeEvents, type StripeEventRow } from "@/db/schema";

/*
 * The webhook event log. The primary key on Stripe's event id is what makes processing exactly-once:
 * the row is inserted in the same transaction that applies the event.
 */

export type EventStatus = StripeEventRow["status"];

export type NewStripeEvent = Pick<
  typeof stripeEvents.$inferInsert,
  "id" | "type" | "account" | "livemode" | "apiVersion" | "stripeCreated" | "payload" | "objectKey" | "source"
>;

/** Events the worker has still to apply: new ones and failed ones waiting for their next attempt. */
export const WAITING_STATUSES = ["received", "failed"] as const satisfies readonly EventStatus[];
const waiting = inArray(stripeEvents.status, [...WAITING_STATUSES]);

/**
 * The inbox's one write per delivery: inserts the event unless its id is already stored. A dead event
 * delivered again (an operator's "Resend" in the Dashboard) is queued again. On PostgreSQL a concurrent
 * insert of the same id waits for the other transaction, then sees the conflict. Returns whether this
 * call stored (or re-queued) the event.
 */
export async function insertEventOnce(
  { event, status, error = null }: { event: NewStripeEvent; status: EventStatus; error?: string | null },
  ex: Executor = db,
): Promise<boolean> {
  const insert = ex.insert(stripeEvents).values({ ...event, status, error, attempts: 0 });
  const rows = await (
    status === "received"
      ? insert.onConflictDoUpdate({
          target: stripeEvents.id,
          set: { status: "received", nextAttemptAt: sql`now()` },
          setWhere: eq(stripeEvents.status, "dead"),
        })
      : insert.onConflictDoNothing({ target: stripeEvents.id })
  ).returning({ id: stripeEvents.id });
  return rows.length > 0;
}

/**
 * Claims up to `limit` due events for the calling transaction, oldest first, and only the oldest
 * waiting event of each object: an event whose object has an older one waiting (received, or failed
 * and not yet due) stays for a later claim, so each object's events apply in the order Stripe created
 * them (ties: arrival order). `SKIP LOCKED`: events another worker holds are passed over, not waited for,
 * so any number of workers on one PostgreSQL share the backlog and never apply an event twice.
 */
export async function claimDueEvents({ limit }: { limit: number }, tx: Executor): Promise<StripeEventRow[]> {
  // The lock is taken on a narrow sort (ids and order keys): PostgreSQL sorts every due event before it
  // locks the first `limit`, and sorting whole rows (payloads) spilled to disk on a backlog of thousands.
  const claimed = tx
    .select({ id: stripeEvents.id })
    .from(stripeEvents)
    .where(
      and(
        waiting,
        lte(stripeEvents.nextAttemptAt, sql`now()`),
        sql`not exists (
          select 1 from stripe_events older
          where older.object_key = ${stripeEvents.objectKey}
            and older.status in ('received', 'failed')
            and (older.stripe_created, older.seq) < (${stripeEvents.stripeCreated}, ${stripeEvents.seq})
        )`,
      ),
    )
    .orderBy(stripeEvents.stripeCreated, stripeEvents.seq)
    .limit(limit)
    .for("update", { skipLocked: true });
  return tx
    .select()
    .from(stripeEvents)
    .where(inArray(stripeEvents.id, claimed))
    .orderBy(stripeEvents.stripeCreated, stripeEvents.seq);
}

/** One waiting event, locked for the calling transaction; undefined if applied meanwhile or held by another worker. */
export async function lockWaitingEvent(
  { id }: { id: string },
  tx: Executor,
): Promise<StripeEventRow | undefined> {
  const [row] = await tx
    .select()
    .from(stripeEvents)
    .where(and(eq(stripeEvents.id, id), waiting))
    .limit(1)
    .for("update", { skipLocked: true });
  return row;
}

/** How many events wait to be applied (due or not). */
export async function countWaitingEvents(ex: Executor = db): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(stripeEvents).where(waiting);
  return row?.n ?? 0;
}

/**
 * After a failed attempt (its transaction rolled back): the error, the attempt count and when to try
 * again — or `dead` when no attempts are left. Only while the event still waits: if another worker
 * applied it in the meantime, that stands.
 */
export async function markEventFailed(
  {
    id,
    error,
    attempts,
    dead,
    retryInSeconds,
  }: { id: string; error: string; attempts: number; dead: boolean; retryInSeconds: number },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(stripeEvents)
    .set({
      status: dead ? "dead" : "failed",
      error,
      attempts,
      nextAttemptAt: sql`now() + make_interval(secs => ${retryInSeconds})`,
    })
    .where(and(eq(stripeEvents.id, id), waiting));
}

/** An admin's retry: a failed or dead event is due now (its attempts so far are kept). */
export async function requeueEvent({ id }: { id: string }, ex: Executor = db): Promise<boolean> {
  const rows = await ex
    .update(stripeEvents)
    .set({ status: "received", nextAttemptAt: sql`now()` })
    .where(and(eq(stripeEvents.id, id), inArray(stripeEvents.status, ["failed", "dead"])))
    .returning({ id: stripeEvents.id });
  return rows.length > 0;
}

/**
 * Events of a connected account that were ignored for want of an order and name this PaymentIntent
 * (refunds, charges, disputes all carry `payment_intent`), oldest first. Uses the expression index
 * on the payload's payment_intent.
 */
export async function listOrphanEvents(
  { account, paymentIntentId }: { account: string; paymentIntentId: string },
  ex: Executor = db,
): Promise<StripeEventRow[]> {
  return ex
    .select()
    .from(stripeEvents)
    .where(
      and(
        sql`${stripeEvents.payload} #>> '{data,object,payment_intent}' = ${paymentIntentId}`,
        eq(stripeEvents.account, account),
        eq(stripeEvents.status, "ignored"),
        isNull(stripeEvents.orderId),
      ),
    )
    .orderBy(stripeEvents.stripeCreated, stripeEvents.receivedAt);
}

export async function getEventById(
  { id }: { id: string },
  ex: Executor = db,
): Promise<StripeEventRow | undefined> {
  const [row] = await ex.select().from(stripeEvents).where(eq(stripeEvents.id, id)).limit(1);
  return row;
}

/** Records the outcome of applying the event (inside the applying transaction). */
export async function finishEvent(
  {
    id,
    status,
    error = null,
    orderId = null,
    attempts,
  }: { id: string; status: EventStatus; error?: string | null; orderId?: string | null; attempts: number },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(stripeEvents)
    .set({ status, error, orderId, attempts, appliedAt: status === "applied" ? new Date() : null })
    .where(eq(stripeEvents.id, id));
}

/**
 * `created` of the newest event of a family (e.g. "payment_intent.") already applied to an order or an
 * account, not counting `excludeId`. Lets a handler recognise a stale event that the state machine
 * alone would allow.
 */
export async function newestAppliedEventAt(
  {
    scope,
    typePrefix,
    excludeId,
    includeIgnored = false,
  }: {
    scope: { orderId: string } | { account: string };
    typePrefix: string;
    excludeId: string;
    /** Count ignored events too: they still report a fact as of their `created`. */
    includeIgnored?: boolean;
  },
  ex: Executor = db,
): Promise<number | null> {
  const [row] = await ex
    .select({ at: max(stripeEvents.stripeCreated) })
    .from(stripeEvents)
    .where(
      and(
        "orderId" in scope
          ? eq(stripeEvents.orderId, scope.orderId)
          : eq(stripeEvents.account, scope.account),
        includeIgnored
          ? inArray(stripeEvents.status, ["applied", "ignored"])
          : eq(stripeEvents.status, "applied"),
        // `_` in type names is a LIKE wildcard: match it literally.
        like(stripeEvents.type, `${typePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
        ne(stripeEvents.id, excludeId),
      ),
    );
  return row?.at ?? null;
}

/**
 * Links the application_fee.* events of a charge to its order, for fees that arrived (on the platform
 * endpoint) before the order knew its charge id. Only called in that case, so the JSON match is rare.
 */
export async function linkFeeEventsToOrder(
  { account, chargeId, orderId }: { account: string; chargeId: string; orderId: string },
  ex: Executor = db,
): Promise<number> {
  const rows = await ex
    .update(stripeEvents)
    .set({ orderId })
    .where(
      and(
        eq(stripeEvents.account, account),
        isNull(stripeEvents.orderId),
        like(stripeEvents.type, "application\\_fee.%"),
        sql`${stripeEvents.payload} #>> '{data,object,charge}' = ${chargeId}`,
      ),
    )
    .returning({ id: stripeEvents.id });
  return rows.length;
}

export async function listStripeEvents(
  { status, limit, offset }: { status?: EventStatus; limit: number; offset: number },
  ex: Executor = db,
): Promise<{ items: StripeEventRow[]; total: number }> {
  const where = status ? eq(stripeEvents.status, status) : undefined;
  const items = await ex
    .select()
    .from(stripeEvents)
    .where(where)
    .orderBy(desc(stripeEvents.receivedAt), desc(stripeEvents.id))
    .limit(limit)
    .offset(offset);
  const [row] = await ex.select({ n: count() }).from(stripeEvents).where(where);
  return { items, total: row?.n ?? 0 };
}

export async function countEventsByStatus(ex: Executor = db): Promise<Record<EventStatus, number>> {
  const rows = await ex
    .select({ status: stripeEvents.status, n: count() })
    .from(stripeEvents)
    .groupBy(stripeEvents.status);
  const counts: Record<EventStatus, number> = { received: 0, applied: 0, ignored: 0, failed: 0, dead: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/**
 * How many events received since `since` Stripe rendered at another API version than `apiVersion` (an
 * endpoint created at another version than the SDK's): their payloads may not have the shapes our code reads.
 */
export async function countEventsAtOtherApiVersion(
  { apiVersion, since }: { apiVersion: string; since: Date },
  ex: Executor = db,
): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(stripeEvents)
    .where(
      and(
        isNotNull(stripeEvents.apiVersion),
        ne(stripeEvents.apiVersion, apiVersion),
        gte(stripeEvents.receivedAt, since),
      ),
    );
  return row?.n ?? 0;
}
