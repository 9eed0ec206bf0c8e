import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { CHARGE_MODELS, timestamps } from "./columns";
// Only referenced inside `.references(() => …)`, evaluated after both modules load (schema.ts re-exports this file).
import { carts } from "./cart-schema";
import { refunds, users } from "./schema";

/*
 * A cart paid through Stripe Checkout (lib/cart/checkout.ts): one row per Checkout Session, one order per
 * cart line (orders.cart_checkout_id), and one transfer per seller when several sellers share the payment.
 * - `destination`: one seller in the cart; the platform's PaymentIntent has transfer_data[destination] and
 *   application_fee_amount, and Stripe makes the seller's transfer itself.
 * - `separate`: several sellers; the platform charges with a transfer_group and, once the charge succeeded,
 *   transfers each seller their lines minus the platform's fee (source_transaction: the transfer waits for
 *   the charge's funds), idempotent per seller (seller_transfers).
 * Part of the one schema: db/schema.ts re-exports everything here.
 */

export const CART_CHECKOUT_STATUSES = ["open", "processing", "paid", "failed", "expired"] as const;
export type CartCheckoutStatus = (typeof CART_CHECKOUT_STATUSES)[number];

export const cartCheckouts = pgTable(
  "cart_checkouts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The cart it was paid from: its lines are removed once paid. Null once that cart is gone. */
    cartId: uuid("cart_id").references(() => carts.id, { onDelete: "set null" }),
    buyerId: uuid("buyer_id").references(() => users.id),
    /** Known for signed-in buyers; a guest's comes from Checkout's customer_details. */
    buyerEmail: text("buyer_email"),
    chargeModel: text("charge_model", { enum: CHARGE_MODELS }).notNull(),
    currency: text("currency").notNull(),
    amountTotal: integer("amount_total").notNull(),
    applicationFeeTotal: integer("application_fee_total").notNull(),
    status: text("status", { enum: CART_CHECKOUT_STATUSES }).notNull().default("open"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
    paymentIntentId: text("payment_intent_id").unique(),
    chargeId: text("charge_id"),
    /** One per rendered cart page: a double submit finds the same checkout. */
    checkoutKey: text("checkout_key").notNull().unique(),
    /** Unguessable: lets a guest see the result page of their own checkout. */
    accessToken: text("access_token").notNull().unique(),
    ...timestamps,
  },
  (t) => [
    index("cart_checkouts_buyer_idx").on(t.buyerId),
    index("cart_checkouts_status_idx").on(t.status),
    check("cart_checkouts_fee_within_total", sql`${t.applicationFeeTotal} between 0 and ${t.amountTotal}`),
  ],
);

export const sellerTransfers = pgTable(
  "seller_transfers",
  {
    cartCheckoutId: uuid("cart_checkout_id")
      .notNull()
      .references(() => cartCheckouts.id, { onDelete: "cascade" }),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    stripeAccountId: text("stripe_account_id").notNull(),
    /** The seller's lines minus the platform's fee on them. */
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    stripeTransferId: text("stripe_transfer_id").unique(),
    amountReversed: integer("amount_reversed").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.cartCheckoutId, t.sellerId] }),
    check("seller_transfers_amount_positive", sql`${t.amount} >= 0`),
    check("seller_transfers_reversed_within", sql`${t.amountReversed} between 0 and ${t.amount}`),
  ],
);

export type CartCheckout = typeof cartCheckouts.$inferSelect;
export type SellerTransfer = typeof sellerTransfers.$inferSelect;
export type CartRefundStep = typeof cartRefundSteps.$inferSelect;

/**
 * The seller's side of each refund of a cart line, which Stripe does not do with the buyer's refund itself
 * (lib/refunds/refund-steps.ts): for separate charges, reversing the line's part of that seller's transfer;
 * for a destination charge, giving back exactly the line's share of the platform's fee. Written with the
 * pending refund, with the fee it returns (the seller's figures read it: a cart line has no fee ledger of
 * its own); due while `stripe_id` is unset and `amount` is positive (the cart-refund-steps job retries it).
 */
export const REFUND_STEP_KINDS = ["transfer_reversal", "fee_refund"] as const;
export type RefundStepKind = (typeof REFUND_STEP_KINDS)[number];

export const cartRefundSteps = pgTable(
  "cart_refund_steps",
  {
    refundId: uuid("refund_id")
      .primaryKey()
      .references(() => refunds.id),
    kind: text("kind", { enum: REFUND_STEP_KINDS }).notNull(),
    /** What the step acts on: the seller's transfer (tr_), or the destination charge's PaymentIntent (pi_). */
    stripeObjectId: text("stripe_object_id").notNull(),
    /** What moves at Stripe: the reversal, or the fee refund (0: nothing to move, e.g. the fee kept). */
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** The platform's fee this refund gives back to the seller (lib/refunds/fee-return.ts). */
    feeReturned: integer("fee_returned").notNull(),
    /** The reversal (trr_) or fee refund (fr_) once made. */
    stripeId: text("stripe_id").unique(),
    /**
     * The buyer's refund failed after the reversal was made: the transfer (tr_) that paid the seller back,
     * once made (lib/refunds/refund-steps.ts). Null otherwise.
     */
    paidBackStripeId: text("paid_back_stripe_id").unique(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    ...timestamps,
  },
  (t) => [
    check("cart_refund_steps_amount_not_negative", sql`${t.amount} >= 0`),
    check("cart_refund_steps_fee_not_negative", sql`${t.feeReturned} >= 0`),
  ],
);
