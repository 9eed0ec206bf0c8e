import { and, eq, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { connectedAccounts, type ConnectedAccount } from "@/db/schema";
import type { AccountStatus } from "@/lib/connect/account-status";

export async function getAccountByUserId(
  { userId }: { userId: string },
  ex: Executor = db,
): Promise<ConnectedAccount | undefined> {
  const [row] = await ex
    .select()
    .from(connectedAccounts)
    .where(eq(connectedAccounts.userId, userId))
    .limit(1);
  return row;
}

export async function getAccountByStripeId(
  { stripeAccountId }: { stripeAccountId: string },
  ex: Executor = db,
): Promise<ConnectedAccount | undefined> {
  const [row] = await ex
    .select()
    .from(connectedAccounts)
    .where(eq(connectedAccounts.stripeAccountId, stripeAccountId))
    .limit(1);
  return row;
}

export interface NewConnectedAccount {
  userId: string;
  stripeAccountId: string;
  status: AccountStatus;
  /** Seconds since the epoch at which `status` was read from Stripe. */
  stripeStateAt: number;
}

/**
 * Inserts the seller's account row, or returns the row that is already there. The unique index on
 * user_id makes this race-safe: two concurrent creations for one seller both end up with the same row.
 */
export async function insertAccountForUser(
  input: NewConnectedAccount,
  ex: Executor = db,
): Promise<ConnectedAccount> {
  const [inserted] = await ex
    .insert(connectedAccounts)
    .values({
      userId: input.userId,
      stripeAccountId: input.stripeAccountId,
      stripeStateAt: input.stripeStateAt,
      ...input.status,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  const existing = await getAccountByUserId({ userId: input.userId }, ex);
  if (!existing) throw new Error("connected account insert conflicted but no row exists for the user");
  return existing;
}

/** The columns a seller's row takes when it switches to another Stripe account. */
function swappedAccountValues(input: NewConnectedAccount) {
  return {
    stripeAccountId: input.stripeAccountId,
    stripeStateAt: input.stripeStateAt,
    ...input.status,
    disconnectedAt: null,
    updatedAt: new Date(),
  };
}

/**
 * Reuses a seller's disconnected row for a newly connected account (one row per seller, enforced by
 * the unique index). Only replaces a row that is disconnected; returns undefined otherwise.
 */
export async function replaceDisconnectedAccount(
  input: NewConnectedAccount,
  ex: Executor = db,
): Promise<ConnectedAccount | undefined> {
  const [row] = await ex
    .update(connectedAccounts)
    .set(swappedAccountValues(input))
    .where(and(eq(connectedAccounts.userId, input.userId), isNotNull(connectedAccounts.disconnectedAt)))
    .returning();
  return row;
}

/**
 * Stores Stripe's view of an account from an event unless we already hold a newer one: `stripeStateAt`
 * is the event's `created`, so a late, older account.updated never overwrites fresher state. Returns
 * whether the row was updated.
 */
export async function applyAccountStatus(
  {
    stripeAccountId,
    status,
    stripeStateAt,
  }: { stripeAccountId: string; status: AccountStatus; stripeStateAt: number },
  ex: Executor = db,
): Promise<boolean> {
  const rows = await ex
    .update(connectedAccounts)
    .set({ ...status, stripeStateAt, updatedAt: new Date() })
    .where(
      and(
        eq(connectedAccounts.stripeAccountId, stripeAccountId),
        lte(connectedAccounts.stripeStateAt, stripeStateAt),
      ),
    )
    .returning({ id: connectedAccounts.id });
  return rows.length > 0;
}

/**
 * Stores the account as just retrieved from Stripe: nothing we hold can be newer than a read made now,
 * whatever the clock of the events already applied says (a test clock, or Stripe's clock ahead of
 * ours). Its `stripeStateAt` becomes the later of now and what was stored, so an older event arriving
 * afterwards still cannot undo it.
 */
export async function applyRetrievedAccountStatus(
  { stripeAccountId, status, now }: { stripeAccountId: string; status: AccountStatus; now: number },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(connectedAccounts)
    .set({
      ...status,
      stripeStateAt: sql`greatest(${connectedAccounts.stripeStateAt}, ${now})`,
      updatedAt: new Date(),
    })
    .where(eq(connectedAccounts.stripeAccountId, stripeAccountId));
}

/** Marks an account as no longer connected (OAuth deauthorized); its products leave the shop. */
export async function markAccountDisconnected(
  { stripeAccountId, at }: { stripeAccountId: string; at: Date },
  ex: Executor = db,
): Promise<boolean> {
  const rows = await ex
    .update(connectedAccounts)
    .set({ disconnectedAt: at, updatedAt: new Date() })
    .where(
      and(eq(connectedAccounts.stripeAccountId, stripeAccountId), isNull(connectedAccounts.disconnectedAt)),
    )
    .returning({ id: connectedAccounts.id });
  return rows.length > 0;
}

/**
 * `canCharge()` of lib/connect/can-charge.ts as SQL, for queries that join connected_accounts (the shop
 * listing): the same two columns, the same values. Change both or neither; the integration test
 * tests/integration/lib/connect/can-charge.test.ts checks that they select the same accounts.
 */
export function canChargeCondition(): SQL {
  return and(eq(connectedAccounts.chargesEnabled, true), isNull(connectedAccounts.disconnectedAt)) as SQL;
}

/** Whether the seller's account can take payments now (`canChargeCondition`, read for one seller). */
export async function canSellerCharge({ userId }: { userId: string }, ex: Executor = db): Promise<boolean> {
  const [row] = await ex
    .select({ id: connectedAccounts.id })
    .from(connectedAccounts)
    .where(and(eq(connectedAccounts.userId, userId), canChargeCondition()))
    .limit(1);
  return row !== undefined;
}

/**
 * The seller authorized the platform again (account.application.authorized) after a deauthorization
 * that happened before `at`: the account is connected again. An older authorization never undoes a
 * newer deauthorization. Returns whether the row changed.
 */
export async function markAccountReconnected(
  { stripeAccountId, at }: { stripeAccountId: string; at: Date },
  ex: Executor = db,
): Promise<boolean> {
  const rows = await ex
    .update(connectedAccounts)
    .set({ disconnectedAt: null, updatedAt: new Date() })
    .where(
      and(eq(connectedAccounts.stripeAccountId, stripeAccountId), lt(connectedAccounts.disconnectedAt, at)),
    )
    .returning({ id: connectedAccounts.id });
  return rows.length > 0;
}

/**
 * Swaps a seller's Express account that never finished onboarding for another account (the seller
 * connected an existing Stripe account instead). Only matches that exact, unused row, so a row that
 * onboarded or changed meanwhile is left alone; returns undefined then.
 */
export async function replaceUnusedExpressAccount(
  input: NewConnectedAccount & { previousStripeAccountId: string },
  ex: Executor = db,
): Promise<ConnectedAccount | undefined> {
  const [row] = await ex
    .update(connectedAccounts)
    .set(swappedAccountValues(input))
    .where(
      and(
        eq(connectedAccounts.userId, input.userId),
        eq(connectedAccounts.stripeAccountId, input.previousStripeAccountId),
        eq(connectedAccounts.type, "express"),
        eq(connectedAccounts.detailsSubmitted, false),
      ),
    )
    .returning();
  return row;
}
