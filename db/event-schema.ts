import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
// Only referenced inside `.references(() => …)`, evaluated after both modules load (schema.ts re-exports this file).
import { orders, users } from "./schema";

/*
 * What Stripe told us (the webhook inbox), what the payment check found different, and who did what (the
 * audit log). Part of the one schema: db/schema.ts re-exports everything here.
 */

/*
 * An event's life in the inbox (lib/webhooks/inbox.ts):
 * received → applied | ignored                (the worker applied it, or there was nothing to do)
 * received → failed → … → applied | ignored    (the handler threw: retried with backoff at next_attempt_at)
 * failed → dead                                 (MAX_ATTEMPTS reached: dead-letter, an admin re-queues it)
 */
export const EVENT_STATUSES = ["received", "applied", "ignored", "failed", "dead"] as const;
/** How the event reached us: Stripe's delivery, or the reconciliation job listing what was missed. */
export const EVENT_SOURCES = ["webhook", "reconciliation"] as const;

/** Every webhook event we accepted. The primary key on Stripe's event id makes processing exactly-once. */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    account: text("account"),
    livemode: boolean("livemode").notNull(),
    apiVersion: text("api_version"),
    stripeCreated: bigint("stripe_created", { mode: "number" }).notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: EVENT_STATUSES }).notNull(),
    error: text("error"),
    orderId: uuid("order_id").references(() => orders.id),
    /** Apply attempts so far (0 while it waits for its first). */
    attempts: integer("attempts").notNull().default(0),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
    /** The Stripe object whose events must apply in order (account + PaymentIntent, payout, account...). */
    objectKey: text("object_key").notNull().default(""),
    /** Arrival order: breaks ties between events Stripe created in the same second. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    /** When the worker may (re)try a received or failed event. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    source: text("source", { enum: EVENT_SOURCES }).notNull().default("webhook"),
  },
  (t) => [
    index("stripe_events_received_idx").on(t.receivedAt),
    index("stripe_events_order_idx").on(t.orderId),
    index("stripe_events_status_idx").on(t.status),
    // The worker's claim: due events waiting to be applied, and the older waiting events of each object.
    index("stripe_events_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('received', 'failed')`),
    index("stripe_events_waiting_object_idx")
      .on(t.objectKey, t.stripeCreated, t.seq)
      .where(sql`${t.status} in ('received', 'failed')`),
    // Finding the events of a payment by what their object names: fee events by charge (linking fees
    // to their order), refund/charge/dispute events by PaymentIntent (applying early arrivals).
    index("stripe_events_object_charge_idx").on(sql`(${t.payload} #>> '{data,object,charge}')`),
    index("stripe_events_object_payment_intent_idx").on(
      sql`(${t.payload} #>> '{data,object,payment_intent}')`,
    ),
  ],
);

/**
 * What the payment check (lib/reconcile/payments.ts) found different between an order and Stripe's
 * PaymentIntent, charge, refunds and application fee. Open until a later check finds them equal.
 */
export const reconcileFindings = pgTable(
  "reconcile_findings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    /** What differs: "status", "amount", "amount_refunded", "application_fee", "missing_at_stripe"... */
    field: text("field").notNull(),
    ours: text("ours"),
    stripe: text("stripe"),
    foundAt: timestamp("found_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("reconcile_findings_open_idx")
      .on(t.orderId, t.field)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

export const auditLogs = pgTable(
  "audit_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: uuid("actor_id").references(() => users.id),
    actorEmail: text("actor_email").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    result: text("result", { enum: ["ok", "error"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Insertion order: two entries can share created_at (PGlite's clock ticks in milliseconds).
    seq: bigserial("seq", { mode: "number" }).notNull(),
  },
  (t) => [
    index("audit_logs_created_idx").on(t.createdAt),
    index("audit_logs_target_idx").on(t.targetType, t.targetId),
  ],
);

export type StripeEventRow = typeof stripeEvents.$inferSelect;
export type AuditLog = typeof auditLogs.$inferSelect;
export type ReconcileFinding = typeof reconcileFindings.$inferSelect;
