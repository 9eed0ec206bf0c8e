import { and, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { buyerCustomers, connectedCustomers } from "@/db/schema";

/*
 * A buyer's Stripe Customers (lib/wallet/customers.ts): one on the platform, one per seller's account.
 * Inserts never overwrite: the first writer's id stays, and every caller reads it back.
 */

export async function getPlatformCustomerId(
  { userId }: { userId: string },
  ex: Executor = db,
): Promise<string | undefined> {
  const [row] = await ex
    .select({ id: buyerCustomers.stripeCustomerId })
    .from(buyerCustomers)
    .where(eq(buyerCustomers.userId, userId))
    .limit(1);
  return row?.id;
}

/** Records the buyer's platform Customer unless one is recorded already; returns the one recorded. */
export async function savePlatformCustomerId(
  { userId, stripeCustomerId }: { userId: string; stripeCustomerId: string },
  ex: Executor = db,
): Promise<string> {
  await ex.insert(buyerCustomers).values({ userId, stripeCustomerId }).onConflictDoNothing();
  const id = await getPlatformCustomerId({ userId }, ex);
  if (!id) throw new Error(`buyer_customers row for ${userId} vanished`);
  return id;
}

export async function getConnectedCustomerId(
  { userId, stripeAccountId }: { userId: string; stripeAccountId: string },
  ex: Executor = db,
): Promise<string | undefined> {
  const [row] = await ex
    .select({ id: connectedCustomers.stripeCustomerId })
    .from(connectedCustomers)
    .where(
      and(eq(connectedCustomers.userId, userId), eq(connectedCustomers.stripeAccountId, stripeAccountId)),
    )
    .limit(1);
  return row?.id;
}

/** Records the buyer's Customer on a seller's account unless one is recorded; returns the one recorded. */
export async function saveConnectedCustomerId(
  input: { userId: string; stripeAccountId: string; stripeCustomerId: string },
  ex: Executor = db,
): Promise<string> {
  await ex.insert(connectedCustomers).values(input).onConflictDoNothing();
  const id = await getConnectedCustomerId(input, ex);
  if (!id)
    throw new Error(`connected_customers row for ${input.userId} on ${input.stripeAccountId} vanished`);
  return id;
}
