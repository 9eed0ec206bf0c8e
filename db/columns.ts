import { timestamp } from "drizzle-orm/pg-core";

/** created_at / updated_at, shared by the tables of db/schema.ts and the files beside it. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * How an order's money moved (orders.charge_model, cart_checkouts.charge_model): a direct charge on the
 * seller's account, or on the platform as a destination charge or separate charges and transfers.
 */
export const CHARGE_MODELS = ["direct", "destination", "separate"] as const;
export type ChargeModel = (typeof CHARGE_MODELS)[number];
