import { relations } from "drizzle-orm";
import {
  applicationFees,
  auditLogs,
  connectedAccounts,
  disputeNotes,
  disputes,
  orders,
  products,
  reconcileFindings,
  refunds,
  stripeEvents,
  users,
} from "./schema";

/*
 * The foreign keys of db/schema.ts as Drizzle relations, so `db.query.<table>.findFirst({ with: … })`
 * can follow them. Relations are not SQL: they need no migration. Kept beside the schema (not in it)
 * because they name every table at once; db/client.ts hands both to Drizzle as one schema.
 * orders.stripe_account_id is not a foreign key (an order keeps the account it was paid on even after
 * the seller switches accounts), so it is not a relation either.
 */

export const usersRelations = relations(users, ({ one, many }) => ({
  connectedAccount: one(connectedAccounts),
  products: many(products),
  sales: many(orders, { relationName: "seller" }),
  purchases: many(orders, { relationName: "buyer" }),
  refundsCreated: many(refunds),
  auditLogs: many(auditLogs),
}));

export const connectedAccountsRelations = relations(connectedAccounts, ({ one }) => ({
  user: one(users, { fields: [connectedAccounts.userId], references: [users.id] }),
}));

export const productsRelations = relations(products, ({ one, many }) => ({
  seller: one(users, { fields: [products.sellerId], references: [users.id] }),
  orders: many(orders),
}));

export const ordersRelations = relations(orders, ({ one, many }) => ({
  product: one(products, { fields: [orders.productId], references: [products.id] }),
  seller: one(users, { fields: [orders.sellerId], references: [users.id], relationName: "seller" }),
  buyer: one(users, { fields: [orders.buyerId], references: [users.id], relationName: "buyer" }),
  refunds: many(refunds),
  disputes: many(disputes),
  applicationFees: many(applicationFees),
  events: many(stripeEvents),
}));

export const refundsRelations = relations(refunds, ({ one }) => ({
  order: one(orders, { fields: [refunds.orderId], references: [orders.id] }),
  // Not `createdBy`: that is the column's name, and `with` would overwrite the id with the user.
  creator: one(users, { fields: [refunds.createdBy], references: [users.id] }),
}));

export const disputesRelations = relations(disputes, ({ one, many }) => ({
  order: one(orders, { fields: [disputes.orderId], references: [orders.id] }),
  notes: many(disputeNotes),
}));

export const disputeNotesRelations = relations(disputeNotes, ({ one }) => ({
  dispute: one(disputes, { fields: [disputeNotes.disputeId], references: [disputes.id] }),
  author: one(users, { fields: [disputeNotes.authorId], references: [users.id] }),
}));

export const applicationFeesRelations = relations(applicationFees, ({ one }) => ({
  order: one(orders, { fields: [applicationFees.orderId], references: [orders.id] }),
}));

export const stripeEventsRelations = relations(stripeEvents, ({ one }) => ({
  order: one(orders, { fields: [stripeEvents.orderId], references: [orders.id] }),
}));

export const reconcileFindingsRelations = relations(reconcileFindings, ({ one }) => ({
  order: one(orders, { fields: [reconcileFindings.orderId], references: [orders.id] }),
}));

export const auditLogsRelations = relations(auditLogs, ({ one }) => ({
  actor: one(users, { fields: [auditLogs.actorId], references: [users.id] }),
}));
