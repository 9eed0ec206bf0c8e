import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
// Only referenced inside `.references(() => …)`, evaluated after both modules load (schema.ts re-exports this file).
import { orders, users } from "./schema";

/*
 * Disputes (written by the charge.dispute.* webhooks, the admin's answers and the deadline job) and what
 * sellers and admins add to them. Part of the one schema: db/schema.ts re-exports everything here.
 */

export const disputes = pgTable(
  "disputes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stripeDisputeId: text("stripe_dispute_id").notNull().unique(),
    orderId: uuid("order_id").references(() => orders.id),
    stripeAccountId: text("stripe_account_id"),
    chargeId: text("charge_id").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    reason: text("reason").notNull(),
    status: text("status").notNull(),
    /** Stripe's `evidence_details.due_by`: the bank closes the dispute as lost if nobody answered by then. */
    evidenceDueBy: timestamp("evidence_due_by", { withTimezone: true }),
    hasEvidence: boolean("has_evidence").notNull().default(false),
    submissionCount: integer("submission_count").notNull().default(0),
    /** From the dispute's balance transactions (only ever grow): what left the seller's balance and came back. */
    amountWithdrawn: integer("amount_withdrawn").notNull().default(0),
    /** Stripe's dispute fee, taken from the charged (seller's) account with the withdrawal; not returned when won. */
    feeWithdrawn: integer("fee_withdrawn").notNull().default(0),
    amountReinstated: integer("amount_reinstated").notNull().default(0),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("disputes_order_idx").on(t.orderId),
    index("disputes_open_due_idx")
      .on(t.evidenceDueBy)
      .where(sql`${t.closedAt} is null`),
  ],
);

export const DISPUTE_NOTE_ROLES = ["admin", "seller"] as const;

/** A note or an evidence file (uploaded to Stripe's Files API on the charged account) added to a dispute. */
export const disputeNotes = pgTable(
  "dispute_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    disputeId: uuid("dispute_id")
      .notNull()
      .references(() => disputes.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    authorRole: text("author_role", { enum: DISPUTE_NOTE_ROLES }).notNull(),
    body: text("body"),
    stripeFileId: text("stripe_file_id").unique(),
    fileName: text("file_name"),
    fileType: text("file_type"),
    fileSize: integer("file_size"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("dispute_notes_dispute_idx").on(t.disputeId, t.createdAt),
    check("dispute_notes_has_content", sql`${t.body} is not null or ${t.stripeFileId} is not null`),
  ],
);

export type Dispute = typeof disputes.$inferSelect;
export type DisputeNote = typeof disputeNotes.$inferSelect;
