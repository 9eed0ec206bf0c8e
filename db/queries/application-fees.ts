import { and, eq, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { applicationFees, type ApplicationFee } from "@/db/schema";

/* The platform's fee ledger, written only by the application_fee.* webhooks. */

export type NewApplicationFee = Pick<
  typeof applicationFees.$inferInsert,
  "stripeFeeId" | "stripeAccountId" | "chargeId" | "orderId" | "amount" | "amountRefunded" | "currency"
>;

/**
 * Inserts or updates a fee. `amount_refunded` only grows (a late application_fee.created carrying 0
 * must not undo an application_fee.refunded), and a known order link is never dropped.
 */
export async function upsertApplicationFee(
  input: NewApplicationFee,
  ex: Executor = db,
): Promise<ApplicationFee> {
  const [row] = await ex
    .insert(applicationFees)
    .values(input)
    .onConflictDoUpdate({
      target: applicationFees.stripeFeeId,
      set: {
        amountRefunded: sql`greatest(${applicationFees.amountRefunded}, excluded.amount_refunded)`,
        orderId: sql`coalesce(${applicationFees.orderId}, excluded.order_id)`,
        updatedAt: new Date(),
      },
    })
    .returning();
  if (!row) throw new Error("application fee not stored");
  return row;
}

/**
 * Serialises, until the transaction ends, the two writers that connect a charge's fee to its order:
 * application_fee.* (platform endpoint) and payment_intent.succeeded (Connect endpoint). Without it,
 * on PostgreSQL each can commit without seeing the other's uncommitted row and the fee is never linked.
 * It does not wait: false when another transaction holds it (the caller writes nothing and its event is
 * taken again once that transaction ended), so a worker never sits behind another worker's batch.
 */
export async function tryLockChargeFees({ chargeId }: { chargeId: string }, ex: Executor): Promise<boolean> {
  const result = await ex.execute(
    sql`select pg_try_advisory_xact_lock(hashtextextended(${`fees:${chargeId}`}, 0)) as locked`,
  );
  // Every driver of db/client.ts (node-postgres, PGlite, @vercel/postgres) answers with `rows`.
  return (result as { rows: { locked: boolean }[] }).rows[0]?.locked === true;
}

/** Links fees recorded before their order knew its charge id (fee events come on the platform endpoint). */
export async function linkApplicationFeesToOrder(
  { chargeId, orderId }: { chargeId: string; orderId: string },
  ex: Executor = db,
): Promise<number> {
  const rows = await ex
    .update(applicationFees)
    .set({ orderId, updatedAt: new Date() })
    .where(and(eq(applicationFees.chargeId, chargeId), isNull(applicationFees.orderId)))
    .returning({ id: applicationFees.id });
  return rows.length;
}

export async function getApplicationFeeByStripeId(
  { stripeFeeId }: { stripeFeeId: string },
  ex: Executor = db,
): Promise<ApplicationFee | undefined> {
  const [row] = await ex
    .select()
    .from(applicationFees)
    .where(eq(applicationFees.stripeFeeId, stripeFeeId))
    .limit(1);
  return row;
}
