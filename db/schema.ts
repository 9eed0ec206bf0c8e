import {
  bigint,
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

import { cartCheckouts } from "./cart-checkout-schema";
import { CHARGE_MODELS, timestamps } from "./columns";

// Tables no other table points to (settings, sign-in bookkeeping), the dispute, event and capture tables
// live beside this file; one schema to import.
export * from "./support-schema";
export * from "./dispute-schema";
export * from "./event-schema";
export * from "./capture-schema";
export * from "./customer-schema";
export * from "./cart-schema";
export * from "./cart-checkout-schema";
export * from "./stripe-app-schema";
export { CHARGE_MODELS, type ChargeModel } from "./columns";

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
    /**
     * "Charge when I ship": its orders only authorise the card (capture_method manual) and the seller
     * captures what they ship (lib/capture). Per product, because one shop can sell made-to-order goods
     * beside ones it has in stock.
     */
    captureLater: boolean("capture_later").notNull().default(false),
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
  /** The card is authorised (PaymentIntent requires_capture): nothing is charged until the seller ships. */
  "authorized",
  "succeeded",
  "failed",
  "canceled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const REFUND_STATES = ["none", "partially_refunded", "refunded"] as const;
/** Stripe's `capture_method`: automatic charges at confirmation, manual only authorises (lib/capture). */
export const CAPTURE_METHODS = ["automatic", "manual"] as const;

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
    /**
     * Manual orders keep what the buyer authorised in order_authorizations; once captured, quantity,
     * amount and application_fee_amount above are what was charged.
     */
    captureMethod: text("capture_method", { enum: CAPTURE_METHODS }).notNull().default("automatic"),
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
    /**
     * How the money moved: a direct charge on the seller's account (the single-product checkout), or a line
     * of a cart paid on the platform (cart_checkouts: a destination charge or separate transfers).
     */
    chargeModel: text("charge_model", { enum: CHARGE_MODELS }).notNull().default("direct"),
    cartCheckoutId: uuid("cart_checkout_id").references(() => cartCheckouts.id),
    ...timestamps,
  },
  (t) => [
    index("orders_seller_created_idx").on(t.sellerId, t.createdAt),
    index("orders_cart_checkout_idx").on(t.cartCheckoutId),
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

export type User = typeof users.$inferSelect;
export type ConnectedAccount = typeof connectedAccounts.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type Payout = typeof payouts.$inferSelect;
export type ApplicationFee = typeof applicationFees.$inferSelect;
