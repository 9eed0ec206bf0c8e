import { desc, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { payouts, type Payout } from "@/db/schema";

/* Sellers' payouts, written only by the payout.* webhooks of their connected accounts. */

export type NewPayout = Pick<
  typeof payouts.$inferInsert,
  "stripePayoutId" | "stripeAccountId" | "amount" | "currency" | "status" | "arrivalDate" | "failureMessage"
>;

export async function lockPayoutByStripeId(
  { stripePayoutId }: { stripePayoutId: string },
  ex: Executor,
): Promise<Payout | undefined> {
  const [row] = await ex
    .select()
    .from(payouts)
    .where(eq(payouts.stripePayoutId, stripePayoutId))
    .limit(1)
    .for("update");
  return row;
}

/** Undefined when a concurrent transaction stored the same payout first. */
export async function insertPayout(input: NewPayout, ex: Executor = db): Promise<Payout | undefined> {
  const [row] = await ex
    .insert(payouts)
    .values(input)
    .onConflictDoNothing({ target: payouts.stripePayoutId })
    .returning();
  return row;
}

export async function updatePayout(
  {
    id,
    values,
  }: { id: string; values: Partial<Pick<Payout, "status" | "amount" | "arrivalDate" | "failureMessage">> },
  ex: Executor = db,
): Promise<Payout | undefined> {
  const [row] = await ex
    .update(payouts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(payouts.id, id))
    .returning();
  return row;
}

/** A seller's payouts, newest first. */
export async function listPayoutsForAccount(
  { stripeAccountId, limit = 50 }: { stripeAccountId: string; limit?: number },
  ex: Executor = db,
): Promise<Payout[]> {
  return ex
    .select()
    .from(payouts)
    .where(eq(payouts.stripeAccountId, stripeAccountId))
    .orderBy(desc(payouts.createdAt), desc(payouts.id))
    .limit(limit);
}
