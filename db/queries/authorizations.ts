import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import {
  orderAuthorizations,
  orders,
  products,
  type Order,
  type OrderAuthorization,
  type ReleaseReason,
  type Settlement,
} from "@/db/schema";

/*
 * "Charge when I ship" rows (order_authorizations) and the order columns a capture or release changes.
 * The rules live in lib/capture; these only read and write.
 */

export type NewAuthorization = Pick<
  OrderAuthorization,
  "orderId" | "quantity" | "amount" | "applicationFeeAmount" | "feeBps" | "feeFixed"
>;

/** Created with the order at checkout (same transaction or right after; a retry finds it there). */
export async function insertAuthorizationOnce(values: NewAuthorization, ex: Executor = db): Promise<void> {
  await ex.insert(orderAuthorizations).values(values).onConflictDoNothing();
}

export async function getAuthorization(
  { orderId }: { orderId: string },
  ex: Executor = db,
): Promise<OrderAuthorization | undefined> {
  const [row] = await ex
    .select()
    .from(orderAuthorizations)
    .where(eq(orderAuthorizations.orderId, orderId))
    .limit(1);
  return row;
}

/** The authorisations of these orders (one query; orders without one are simply absent). */
export async function listAuthorizations(
  { orderIds }: { orderIds: readonly string[] },
  ex: Executor = db,
): Promise<OrderAuthorization[]> {
  if (orderIds.length === 0) return [];
  return ex
    .select()
    .from(orderAuthorizations)
    .where(inArray(orderAuthorizations.orderId, [...orderIds]));
}

export interface LockedAuthorization {
  order: Order;
  auth: OrderAuthorization;
}

/**
 * The order and its authorisation, both locked until the transaction ends: the order row first, as every
 * webhook handler locks it, so a capture and a webhook about the same payment queue instead of deadlocking.
 */
export async function lockAuthorization(
  { orderId }: { orderId: string },
  ex: Executor,
): Promise<LockedAuthorization | undefined> {
  const [order] = await ex.select().from(orders).where(eq(orders.id, orderId)).limit(1).for("update");
  if (!order) return undefined;
  const [auth] = await ex
    .select()
    .from(orderAuthorizations)
    .where(eq(orderAuthorizations.orderId, orderId))
    .limit(1)
    .for("update");
  return auth ? { order, auth } : undefined;
}

/**
 * The expiry job's claim: open authorisations whose deadline is before `cutoff` and that nobody is
 * settling (or whose settlement was abandoned before `staleBefore`). `FOR UPDATE SKIP LOCKED` lets another
 * instance running the job at the same moment take other rows instead of waiting for these; the caller
 * marks them settling in the same transaction, so after it commits no instance picks them again.
 */
export async function claimDueAuthorizations(
  {
    cutoff,
    staleBefore,
    limit,
    accounts,
  }: { cutoff: Date; staleBefore: Date; limit: number; accounts?: string[] },
  ex: Executor,
): Promise<string[]> {
  const onAccounts = accounts
    ? sql`${orderAuthorizations.orderId} in (select ${orders.id} from ${orders} where ${inArray(orders.stripeAccountId, accounts)})`
    : undefined;
  const rows = await ex
    .select({ orderId: orderAuthorizations.orderId })
    .from(orderAuthorizations)
    .where(
      and(
        onAccounts,
        isNull(orderAuthorizations.capturedAt),
        isNull(orderAuthorizations.releasedAt),
        lte(orderAuthorizations.captureBefore, cutoff),
        or(
          isNull(orderAuthorizations.settlementStartedAt),
          lte(orderAuthorizations.settlementStartedAt, staleBefore),
        ),
      ),
    )
    .orderBy(asc(orderAuthorizations.captureBefore))
    .limit(limit)
    .for("update", { skipLocked: true });
  return rows.map((r) => r.orderId);
}

export async function setSettlement(
  { orderId, settlement, at }: { orderId: string; settlement: Settlement | null; at: Date },
  ex: Executor,
): Promise<void> {
  await ex
    .update(orderAuthorizations)
    .set({ settlement, settlementStartedAt: settlement ? at : null, updatedAt: new Date() })
    .where(eq(orderAuthorizations.orderId, orderId));
}

export async function setAuthorizationError(
  { orderId, message }: { orderId: string; message: string | null },
  ex: Executor,
): Promise<void> {
  await ex
    .update(orderAuthorizations)
    .set({ lastError: message, settlement: null, settlementStartedAt: null, updatedAt: new Date() })
    .where(eq(orderAuthorizations.orderId, orderId));
}

/** Stripe authorised the card: when, and the deadline to capture (the first one we hear of is kept). */
export async function markAuthorized(
  { orderId, authorizedAt, captureBefore }: { orderId: string; authorizedAt: Date; captureBefore: Date },
  ex: Executor,
): Promise<void> {
  await ex
    .update(orderAuthorizations)
    .set({
      authorizedAt: sql`coalesce(${orderAuthorizations.authorizedAt}, ${authorizedAt.toISOString()}::timestamptz)`,
      captureBefore: sql`coalesce(${orderAuthorizations.captureBefore}, ${captureBefore.toISOString()}::timestamptz)`,
      updatedAt: new Date(),
    })
    .where(eq(orderAuthorizations.orderId, orderId));
}

/**
 * The capture happened: the order now says what was charged (quantity, amount, fee) and is succeeded;
 * the authorisation keeps what was authorised. Writes nothing when it was already recorded.
 */
export async function recordCapture(
  {
    orderId,
    quantity,
    amount,
    applicationFee,
    at,
  }: { orderId: string; quantity: number; amount: number; applicationFee: number; at: Date },
  ex: Executor,
): Promise<boolean> {
  const done = await ex
    .update(orderAuthorizations)
    .set({
      capturedQuantity: quantity,
      capturedAmount: amount,
      capturedAt: at,
      settlement: null,
      settlementStartedAt: null,
      lastError: null,
      updatedAt: new Date(),
    })
    .where(and(eq(orderAuthorizations.orderId, orderId), isNull(orderAuthorizations.capturedAt)))
    .returning({ orderId: orderAuthorizations.orderId });
  if (done.length === 0) return false;
  await ex
    .update(orders)
    .set({
      quantity,
      amount,
      applicationFeeAmount: applicationFee,
      status: "succeeded",
      updatedAt: new Date(),
    })
    .where(eq(orders.id, orderId));
  return true;
}

/** The authorisation was released (nothing charged): the order is canceled, with why. Once. */
export async function recordRelease(
  {
    orderId,
    reason,
    at,
    error = null,
  }: { orderId: string; reason: ReleaseReason; at: Date; error?: string | null },
  ex: Executor,
): Promise<boolean> {
  const done = await ex
    .update(orderAuthorizations)
    .set({
      releaseReason: reason,
      releasedAt: at,
      settlement: null,
      settlementStartedAt: null,
      lastError: error,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(orderAuthorizations.orderId, orderId),
        isNull(orderAuthorizations.capturedAt),
        isNull(orderAuthorizations.releasedAt),
      ),
    )
    .returning({ orderId: orderAuthorizations.orderId });
  if (done.length === 0) return false;
  await ex.update(orders).set({ status: "canceled", updatedAt: new Date() }).where(eq(orders.id, orderId));
  return true;
}

/** A seller's orders waiting to ship (authorised, not yet captured or released), oldest deadline first. */
export async function listOrdersToShip({ sellerId }: { sellerId: string }, ex: Executor = db) {
  return ex
    .select({
      id: orders.id,
      productName: products.name,
      buyerEmail: orders.buyerEmail,
      quantity: orderAuthorizations.quantity,
      amount: orderAuthorizations.amount,
      currency: orders.currency,
      createdAt: orders.createdAt,
      captureBefore: orderAuthorizations.captureBefore,
      settling: sql<boolean>`${orderAuthorizations.settlement} is not null`,
      lastError: orderAuthorizations.lastError,
    })
    .from(orderAuthorizations)
    .innerJoin(orders, eq(orders.id, orderAuthorizations.orderId))
    .innerJoin(products, eq(products.id, orders.productId))
    .where(
      and(
        eq(orders.sellerId, sellerId),
        eq(orders.status, "authorized"),
        isNull(orderAuthorizations.capturedAt),
        isNull(orderAuthorizations.releasedAt),
      ),
    )
    .orderBy(asc(orderAuthorizations.captureBefore))
    .limit(200);
}
export type OrderToShip = Awaited<ReturnType<typeof listOrdersToShip>>[number];
