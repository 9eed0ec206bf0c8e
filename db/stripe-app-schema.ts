import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
// Only referenced inside `.references(() => …)`, evaluated after both modules load (schema.ts re-exports this file).
import { users } from "./schema";

/*
 * The Stripe App (stripe-app/, lib/stripe-app): which Stripe Dashboard users act as which marketplace admin.
 * A Dashboard user is known by the `user_id` Stripe signs into every request from the app's views
 * (usr_…); an admin links their own at /admin/stripe-app. Part of the one schema: db/schema.ts re-exports
 * everything here.
 */

export const stripeAppUsers = pgTable(
  "stripe_app_users",
  {
    dashboardUserId: text("dashboard_user_id").primaryKey(),
    /** The admin the Dashboard user acts as; their role is checked again on every request. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stripe_app_users_user_idx").on(t.userId)],
);

export type StripeAppUser = typeof stripeAppUsers.$inferSelect;
