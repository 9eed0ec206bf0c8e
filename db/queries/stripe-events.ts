import { and, count, desc, eq, gte, isNotNull, isNull, like, max, ne, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { stripeEvents, type StripeEventRow } from "@/db/schema";

/*
 * The webhook event log. The primary key on Stripe's event id is what makes processing exactly-once:
 * the row is inserted in the same transaction that applies the event.
 */

export type EventStatus = StripeEventRow["status"];

export type NewStripeEvent = Pick<
  typeof stripeEvents.$inferInsert,
  "id" | "type" | "account" | "livemode" | "apiVersion" | "stripeCreated" | "payload"
>;

/**
 * Inserts the event unless its id is already stored. On PostgreSQL a concurrent insert of the same id
 * waits here until the other transaction ends, then sees the conflict: that is what serialises two
 * simultaneous deliveries. Returns whether this call inserted the row.
 */
export async function insertEventOnce(
  { event, status, error = null }: { event: NewStripeEvent; status: EventStatus; error?: string | null },
  ex: Executor = db,
): Promise<boolean> {
  const rows = await ex
    .insert(stripeEvents)
    .values({ ...event, status, error })
    .onConflictDoNothing({ target: stripeEvents.id })
    .returning({ id: stripeEvents.id });
  return rows.length > 0;
}

/** The stored event, locked until the transaction ends so a retry of a failed event runs once at a time. */
export async function lockEvent({ id }: { id: string }, ex: Executor): Promise<StripeEventRow | undefined> {
  const [row] = await ex.select().from(stripeEvents).where(eq(stripeEvents.id, id)).limit(1).for("update");
  return row;
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

/** Only the status of a stored event (no payload): undefined when the id is unknown. */
export async function getEventStatus(
  { id }: { id: string },
  ex: Executor = db,
): Promise<EventStatus | undefined> {
  const [row] = await ex
    .select({ status: stripeEvents.status })
    .from(stripeEvents)
    .where(eq(stripeEvents.id, id))
    .limit(1);
  return row?.status;
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
 * After the applying transaction rolled back: stores the event as failed (first failure) or counts
 * one more attempt on the failed row. An applied or ignored row is never turned into a failure.
 */
export async function recordEventFailure(
  { event, error }: { event: NewStripeEvent; error: string },
  ex: Executor = db,
): Promise<void> {
  await ex
    .insert(stripeEvents)
    .values({ ...event, status: "failed", error, attempts: 1 })
    .onConflictDoUpdate({
      target: stripeEvents.id,
      set: { error, attempts: sql`${stripeEvents.attempts} + 1` },
      setWhere: eq(stripeEvents.status, "failed"),
    });
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
        includeIgnored ? ne(stripeEvents.status, "failed") : eq(stripeEvents.status, "applied"),
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
  const counts: Record<EventStatus, number> = { applied: 0, failed: 0, ignored: 0 };
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
