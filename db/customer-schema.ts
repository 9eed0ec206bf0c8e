import { pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
// Only referenced inside `.references(() => …)`, evaluated after both modules load (schema.ts re-exports this file).
import { users } from "./schema";

/*
 * Saved cards (lib/wallet): each signed-in buyer's one Customer on the platform, where their cards are saved,
 * and their Customer on each seller's connected account, which the cloned card of a direct charge belongs
 * to. Stripe holds the cards themselves; we keep only the ids. Part of the one schema: db/schema.ts
 * re-exports everything here.
 */

export const buyerCustomers = pgTable("buyer_customers", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  stripeCustomerId: text("stripe_customer_id").notNull().unique(),
  ...timestamps,
});

export const connectedCustomers = pgTable(
  "connected_customers",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    stripeAccountId: text("stripe_account_id").notNull(),
    stripeCustomerId: text("stripe_customer_id").notNull().unique(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.userId, t.stripeAccountId] })],
);

export type BuyerCustomer = typeof buyerCustomers.$inferSelect;
