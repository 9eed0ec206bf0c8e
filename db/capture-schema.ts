import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
// Only referenced inside `.references(() => …)`, evaluated after both modules load (schema.ts re-exports this file).
import { orders } from "./schema";

/*
 * "Charge when I ship" (lib/capture): what a manual-capture order's buyer authorised, and how the
 * authorisation ended. Part of the one schema: db/schema.ts re-exports everything here.
 */

/**
 * Why an authorisation was released (nothing, or only the rest, was charged):
 * - out_of_stock, buyer_request, fraud: the seller's (or an admin's) choice;
 * - not_shipped_in_time: the expiry job released it before Stripe's deadline;
 * - expired: Stripe let it lapse (charge.expired), or a capture came too late;
 * - canceled_at_stripe: canceled outside the platform (the Dashboard, the API).
 */
export const RELEASE_REASONS = [
  "out_of_stock",
  "buyer_request",
  "fraud",
  "not_shipped_in_time",
  "expired",
  "canceled_at_stripe",
] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

/** Who ended an authorisation: the seller shipping or canceling, an admin, or the expiry job. */
export type SettlementActor = "seller" | "admin" | "job";

/**
 * A capture or release sent to Stripe whose answer is not recorded yet. Its idempotency key is derived
 * from it, so whoever resumes it (a retry, the job) sends the very same request.
 */
export type Settlement =
  | { action: "capture"; quantity: number; amount: number; applicationFee: number; by: SettlementActor }
  | { action: "release"; reason: ReleaseReason; by: SettlementActor };

export const orderAuthorizations = pgTable(
  "order_authorizations",
  {
    orderId: uuid("order_id")
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** What the buyer authorised: the order's quantity, amount and fee at checkout. */
    quantity: integer("quantity").notNull(),
    amount: integer("amount").notNull(),
    applicationFeeAmount: integer("application_fee_amount").notNull(),
    /** The fee rule the order was priced under: a partial capture's fee is computed with it. */
    feeBps: integer("fee_bps").notNull(),
    feeFixed: integer("fee_fixed").notNull(),
    /** When Stripe authorised the card, and until when it can be captured (Stripe's clock). */
    authorizedAt: timestamp("authorized_at", { withTimezone: true }),
    captureBefore: timestamp("capture_before", { withTimezone: true }),
    settlement: jsonb("settlement").$type<Settlement>(),
    settlementStartedAt: timestamp("settlement_started_at", { withTimezone: true }),
    capturedQuantity: integer("captured_quantity"),
    capturedAmount: integer("captured_amount"),
    capturedAt: timestamp("captured_at", { withTimezone: true }),
    releaseReason: text("release_reason", { enum: RELEASE_REASONS }),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    /** The last capture or release Stripe refused, in words the seller can act on. */
    lastError: text("last_error"),
    ...timestamps,
  },
  (t) => [
    // The expiry job's scan: authorisations still open, by deadline.
    index("order_authorizations_open_idx")
      .on(t.captureBefore)
      .where(sql`${t.capturedAt} is null and ${t.releasedAt} is null`),
    check(
      "order_authorizations_captured_within",
      sql`${t.capturedAmount} is null or ${t.capturedAmount} <= ${t.amount}`,
    ),
  ],
);

export type OrderAuthorization = typeof orderAuthorizations.$inferSelect;
