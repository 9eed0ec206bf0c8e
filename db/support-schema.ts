import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

/*
 * The tables that stand alone (no foreign keys in or out): platform settings and the sign-in
 * bookkeeping. Part of the one schema: db/schema.ts re-exports everything here.
 */

/** Sign-in attempts that reached the password check (an audit trail; throttling is auth_throttles). */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    succeeded: boolean("succeeded").notNull(),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_created_idx").on(t.email, t.createdAt)],
);

/**
 * Fixed-window counters for sign-in and sign-up throttling, one row per key (e.g. `sign-in:ip:<ip>`).
 * Checked and incremented in one `insert … on conflict do update … returning` (db/queries/auth-throttles.ts),
 * so parallel requests, on any number of app instances, never get more than the limit through.
 */
export const authThrottles = pgTable(
  "auth_throttles",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("auth_throttles_window_idx").on(t.windowStartedAt)],
);

/**
 * Platform-wide settings, one row (id = 1). The checks are the fee function's domain
 * (lib/payments/fees.ts): 0 to 10,000 basis points (0-100 %), a fixed part of zero or more minor units.
 * A fee that could never be charged is refused when it is written, not at a buyer's checkout.
 */
export const platformSettings = pgTable(
  "platform_settings",
  {
    id: integer("id").primaryKey().default(1),
    feeBps: integer("fee_bps").notNull(),
    feeFixed: integer("fee_fixed").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("platform_settings_fee_bps_range", sql`${t.feeBps} between 0 and 10000`),
    check("platform_settings_fee_fixed_nonnegative", sql`${t.feeFixed} >= 0`),
  ],
);
