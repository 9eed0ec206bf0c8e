import { and, count, desc, eq, gte, inArray, isNotNull, isNull, notInArray, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { connectedAccounts, orders, reconcileCursors, reconcileFindings, type Order } from "@/db/schema";

/*
 * The reconciliation's reads and writes (lib/reconcile/): how far each account's event list was read,
 * which accounts and orders to check, and what the payment check found different.
 */

export type ReconcileCursor = typeof reconcileCursors.$inferSelect;

/** Per account ("platform" or an acct_ id): `created` of the newest event seen, and when it was last read. */
export async function getReconcileCursors(
  { accounts }: { accounts: string[] },
  ex: Executor = db,
): Promise<Map<string, ReconcileCursor>> {
  if (accounts.length === 0) return new Map();
  const rows = await ex.select().from(reconcileCursors).where(inArray(reconcileCursors.account, accounts));
  return new Map(rows.map((r) => [r.account, r]));
}

/** Records a complete read of an account's list: the cursor moves forward (never back: two runs at once keep the newer). */
export async function advanceReconcileCursor(
  { account, lastCreated }: { account: string; lastCreated: number },
  ex: Executor = db,
): Promise<void> {
  await ex
    .insert(reconcileCursors)
    .values({ account, lastCreated })
    .onConflictDoUpdate({
      target: reconcileCursors.account,
      set: {
        lastCreated: sql`greatest(${reconcileCursors.lastCreated}, excluded.last_created)`,
        checkedAt: sql`now()`,
      },
    });
}

/** The connected accounts whose events we can still read (a disconnected one refuses us). */
export async function listReconcilableAccounts(
  { only }: { only?: string[] } = {},
  ex: Executor = db,
): Promise<string[]> {
  const rows = await ex
    .select({ id: connectedAccounts.stripeAccountId })
    .from(connectedAccounts)
    .where(
      and(
        isNull(connectedAccounts.disconnectedAt),
        only ? inArray(connectedAccounts.stripeAccountId, only) : undefined,
      ),
    )
    .orderBy(connectedAccounts.createdAt);
  return rows.map((r) => r.id);
}

export type PaidOrderToCheck = Pick<
  Order,
  | "id"
  | "stripeAccountId"
  | "paymentIntentId"
  | "chargeId"
  | "status"
  | "amount"
  | "amountRefunded"
  | "applicationFeeAmount"
  | "disputed"
>;

/** Paid orders (refunded or not) created since `since` on connected accounts, newest first, at most `limit`. */
export async function listPaidOrdersToCheck(
  { since, limit, accounts }: { since: Date; limit: number; accounts?: string[] },
  ex: Executor = db,
): Promise<PaidOrderToCheck[]> {
  return (
    ex
      .select({
        id: orders.id,
        stripeAccountId: orders.stripeAccountId,
        paymentIntentId: orders.paymentIntentId,
        chargeId: orders.chargeId,
        status: orders.status,
        amount: orders.amount,
        amountRefunded: orders.amountRefunded,
        applicationFeeAmount: orders.applicationFeeAmount,
        disputed: orders.disputed,
      })
      .from(orders)
      // Orders of an account that disconnected cannot be read at Stripe any more: not checked.
      .innerJoin(
        connectedAccounts,
        and(
          eq(connectedAccounts.stripeAccountId, orders.stripeAccountId),
          isNull(connectedAccounts.disconnectedAt),
        ),
      )
      .where(
        and(
          eq(orders.status, "succeeded"),
          isNotNull(orders.paymentIntentId),
          gte(orders.createdAt, since),
          accounts ? inArray(orders.stripeAccountId, accounts) : undefined,
        ),
      )
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(limit)
  );
}

export interface FindingInput {
  field: string;
  ours: string | null;
  stripe: string | null;
}

/**
 * Records what one check of an order found: each difference is opened (or, still open, refreshed), and
 * every open finding of the order that is no longer different is resolved. Returns how many were new
 * and how many resolved.
 */
export async function recordOrderFindings(
  { orderId, findings }: { orderId: string; findings: FindingInput[] },
  ex: Executor = db,
): Promise<{ opened: number; resolved: number }> {
  let opened = 0;
  for (const f of findings) {
    const [row] = await ex
      .insert(reconcileFindings)
      .values({ orderId, field: f.field, ours: f.ours, stripe: f.stripe })
      .onConflictDoUpdate({
        target: [reconcileFindings.orderId, reconcileFindings.field],
        targetWhere: isNull(reconcileFindings.resolvedAt),
        set: { ours: f.ours, stripe: f.stripe, lastSeenAt: sql`now()` },
      })
      .returning({ new: sql<boolean>`(xmax = 0)` });
    if (row?.new) opened++;
  }
  const still = findings.map((f) => f.field);
  const resolved = await ex
    .update(reconcileFindings)
    .set({ resolvedAt: sql`now()` })
    .where(
      and(
        eq(reconcileFindings.orderId, orderId),
        isNull(reconcileFindings.resolvedAt),
        still.length ? notInArray(reconcileFindings.field, still) : undefined,
      ),
    )
    .returning({ id: reconcileFindings.id });
  return { opened, resolved: resolved.length };
}

export type OpenFinding = typeof reconcileFindings.$inferSelect;

/** Open findings, newest first. */
export async function listOpenFindings(
  { limit, orderIds }: { limit: number; orderIds?: string[] },
  ex: Executor = db,
): Promise<OpenFinding[]> {
  return ex
    .select()
    .from(reconcileFindings)
    .where(
      and(
        isNull(reconcileFindings.resolvedAt),
        orderIds ? inArray(reconcileFindings.orderId, orderIds) : undefined,
      ),
    )
    .orderBy(desc(reconcileFindings.foundAt))
    .limit(limit);
}

export async function countOpenFindings(ex: Executor = db): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(reconcileFindings)
    .where(isNull(reconcileFindings.resolvedAt));
  return row?.n ?? 0;
}
