import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

import { timestamps } from "./columns";

// Tables no other table points to (settings, sign-in bookkeeping) and the dispute tables live beside
// this file; one schema to import.
export * from "./support-schema";
export * from "./dispute-schema";

/*
 * Money is always integer minor units (cents) plus a lowercase ISO currency column.
 * Stripe object ids are stored as text next to our own uuids; every Stripe id column is unique.
 */

export const USER_ROLES = ["buyer", "seller", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  role: text("role", { enum: USER_ROLES }).notNull().default("buyer"),
  country: text("country").notNull().default("US"),
  businessName: text("business_name"),
  /**
   * Goes up on sign-out, password change and role change. Every session token carries the version it
   * was issued under and is refused once the row has moved on (lib/auth.ts), so copies of it die too.
   */
  sessionVersion: integer("session_version").notNull().default(0),
  ...timestamps,
});

export const ACCOUNT_TYPES = ["express", "standard"] as const;

export const connectedAccounts = pgTable(
  "connected_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    stripeAccountId: text("stripe_account_id").notNull().unique(),
    type: text("type", { enum: ACCOUNT_TYPES }).notNull(),
    country: text("country").notNull().default("US"),
    email: text("email"),
    detailsSubmitted: boolean("details_submitted").notNull().default(false),
    chargesEnabled: boolean("charges_enabled").notNull().default(false),
    payoutsEnabled: boolean("payouts_enabled").notNull().default(false),
    requirementsCurrentlyDue: jsonb("requirements_currently_due").$type<string[]>().notNull().default([]),
    requirementsPastDue: jsonb("requirements_past_due").$type<string[]>().notNull().default([]),
    disabledReason: text("disabled_reason"),
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
    /** Per-seller platform fee override (basis points / fixed minor units); null = platform settings. */
    feeBpsOverride: integer("fee_bps_override"),
    feeFixedOverride: integer("fee_fixed_override"),
    /** `created` of the newest account.updated applied, so an older event never overwrites newer state. */
    stripeStateAt: bigint("stripe_state_at", { mode: "number" }).notNull().default(0),
    ...timestamps,
  },
  (t) => [
    // One account per seller, enforced by the database so concurrent creations cannot both win.
    uniqueIndex("connected_accounts_user_idx").on(t.userId),
    // Same domain as the platform settings (a null override leaves the check unknown, which passes).
    check("connected_accounts_fee_bps_override_range", sql`${t.feeBpsOverride} between 0 and 10000`),
    check("connected_accounts_fee_fixed_override_nonnegative", sql`${t.feeFixedOverride} >= 0`),
  ],
);

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    price: integer("price").notNull(),
    currency: text("currency").notNull().default("usd"),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    index("products_seller_idx").on(t.sellerId),
    index("products_active_created_idx").on(t.active, t.createdAt),
  ],
);

export const ORDER_STATUSES = [
  "pending",
  "requires_action",
  "processing",
  "succeeded",
  "failed",
  "canceled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const REFUND_STATES = ["none", "partially_refunded", "refunded"] as const;

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    stripeAccountId: text("stripe_account_id").notNull(),
    buyerId: uuid("buyer_id").references(() => users.id),
    buyerEmail: text("buyer_email").notNull(),
    quantity: integer("quantity").notNull(),
    unitAmount: integer("unit_amount").notNull(),
    amount: integer("amount").notNull(),
    applicationFeeAmount: integer("application_fee_amount").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("pending"),
    refundState: text("refund_state", { enum: REFUND_STATES }).notNull().default("none"),
    amountRefunded: integer("amount_refunded").notNull().default(0),
    disputed: boolean("disputed").notNull().default(false),
    paymentIntentId: text("payment_intent_id").unique(),
    chargeId: text("charge_id"),
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    /** Unguessable token that lets a guest see their own order page. */
    accessToken: text("access_token").notNull().unique(),
    /** One per rendered checkout form: a double submit finds the same order. */
    checkoutKey: text("checkout_key").notNull().unique(),
    ...timestamps,
  },
  (t) => [
    index("orders_seller_created_idx").on(t.sellerId, t.createdAt),
    index("orders_buyer_idx").on(t.buyerId),
    index("orders_status_idx").on(t.status),
    index("orders_charge_idx").on(t.chargeId),
  ],
);

export const REFUND_STATUSES = ["pending", "succeeded", "failed", "canceled", "requires_action"] as const;
export const REFUND_REASONS = ["requested_by_customer", "duplicate", "fraudulent"] as const;

export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    stripeRefundId: text("stripe_refund_id").unique(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    reason: text("reason", { enum: REFUND_REASONS }),
    refundApplicationFee: boolean("refund_application_fee").notNull().default(false),
    status: text("status", { enum: REFUND_STATUSES }).notNull().default("pending"),
    failureReason: text("failure_reason"),
    createdBy: uuid("created_by").references(() => users.id),
    ...timestamps,
  },
  (t) => [index("refunds_order_idx").on(t.orderId)],
);

export const payouts = pgTable(
  "payouts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stripePayoutId: text("stripe_payout_id").notNull().unique(),
    stripeAccountId: text("stripe_account_id").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    status: text("status").notNull(),
    arrivalDate: timestamp("arrival_date", { withTimezone: true }),
    failureMessage: text("failure_message"),
    ...timestamps,
  },
  (t) => [index("payouts_account_idx").on(t.stripeAccountId)],
);

/** The platform's fee ledger, fed by application_fee.* events. */
export const applicationFees = pgTable(
  "application_fees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stripeFeeId: text("stripe_fee_id").notNull().unique(),
    stripeAccountId: text("stripe_account_id").notNull(),
    chargeId: text("charge_id").notNull(),
    orderId: uuid("order_id").references(() => orders.id),
    amount: integer("amount").notNull(),
    amountRefunded: integer("amount_refunded").notNull().default(0),
    currency: text("currency").notNull(),
    ...timestamps,
  },
  (t) => [index("application_fees_order_idx").on(t.orderId)],
);

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

export type User = typeof users.$inferSelect;
export type ConnectedAccount = typeof connectedAccounts.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type Payout = typeof payouts.$inferSelect;
export type ApplicationFee = typeof applicationFees.$inferSelect;
export type StripeEventRow = typeof stripeEvents.$inferSelect;
export type AuditLog = typeof auditLogs.$inferSelect;
export type ReconcileFinding = typeof reconcileFindings.$inferSelect;
