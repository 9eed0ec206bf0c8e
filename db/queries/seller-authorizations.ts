import { and, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { orderAuthorizations, orders, products, type ReleaseReason } from "@/db/schema";

/*
 * The seller's side of "charge when I ship" (db/queries/authorizations.ts has the rows the capture itself
 * locks and writes): what waits to ship, what was released, and one order with its authorisation. Always
 * filtered by the seller's own id.
 */

/** Released without the seller choosing it: the expiry job, or Stripe letting the authorisation lapse. */
export const RELEASED_BY_PLATFORM: readonly ReleaseReason[] = ["not_shipped_in_time", "expired"];

/** The seller's authorisations released since `since`, newest first, with why. */
export async function listRecentlyReleased(
  { sellerId, since, limit = 50 }: { sellerId: string; since: Date; limit?: number },
  ex: Executor = db,
) {
  return ex
    .select({
      id: orders.id,
      productName: products.name,
      buyerEmail: orders.buyerEmail,
      quantity: orderAuthorizations.quantity,
      amount: orderAuthorizations.amount,
      currency: orders.currency,
      reason: orderAuthorizations.releaseReason,
      releasedAt: orderAuthorizations.releasedAt,
    })
    .from(orderAuthorizations)
    .innerJoin(orders, eq(orders.id, orderAuthorizations.orderId))
    .innerJoin(products, eq(products.id, orders.productId))
    .where(
      and(
        eq(orders.sellerId, sellerId),
        isNull(orderAuthorizations.capturedAt),
        gte(orderAuthorizations.releasedAt, since),
      ),
    )
    .orderBy(desc(orderAuthorizations.releasedAt))
    .limit(limit);
}
export type ReleasedOrder = Awaited<ReturnType<typeof listRecentlyReleased>>[number];

export interface ToShipCounts {
  /** Authorised orders not yet shipped or released. */
  toShip: number;
  /** Of those, the ones whose deadline is before `dueBefore`. */
  dueSoon: number;
  /** Released by the platform (RELEASED_BY_PLATFORM) since `since`. */
  releasedByPlatform: number;
}

/** The counts the dashboard's nav and overview banner show, in one query. */
export async function countSellerAuthorizations(
  { sellerId, dueBefore, since }: { sellerId: string; dueBefore: Date; since: Date },
  ex: Executor = db,
): Promise<ToShipCounts> {
  const open = sql`${orders.status} = 'authorized' and ${orderAuthorizations.capturedAt} is null and ${orderAuthorizations.releasedAt} is null`;
  const [row] = await ex
    .select({
      toShip: sql<number>`(count(*) filter (where ${open}))::int`,
      dueSoon: sql<number>`(count(*) filter (where ${open} and ${lte(orderAuthorizations.captureBefore, dueBefore)}))::int`,
      releasedByPlatform: sql<number>`(count(*) filter (where ${and(
        gte(orderAuthorizations.releasedAt, since),
        isNull(orderAuthorizations.capturedAt),
        inArray(orderAuthorizations.releaseReason, [...RELEASED_BY_PLATFORM]),
      )}))::int`,
    })
    .from(orderAuthorizations)
    .innerJoin(orders, eq(orders.id, orderAuthorizations.orderId))
    .where(eq(orders.sellerId, sellerId));
  return row ?? { toShip: 0, dueSoon: 0, releasedByPlatform: 0 };
}

/**
 * One of the seller's "charge when I ship" orders whose card was authorised (shipped, waiting or released),
 * as the order page reads it, with its authorisation; undefined for anyone else's order or any other.
 */
export async function getSellerCaptureOrder(
  { sellerId, orderId }: { sellerId: string; orderId: string },
  ex: Executor = db,
) {
  const [row] = await ex
    .select({
      id: orders.id,
      productName: products.name,
      quantity: orders.quantity,
      amount: orders.amount,
      applicationFeeAmount: orders.applicationFeeAmount,
      currency: orders.currency,
      status: orders.status,
      refundState: orders.refundState,
      amountRefunded: orders.amountRefunded,
      disputed: orders.disputed,
      chargeId: orders.chargeId,
      createdAt: orders.createdAt,
      buyerEmail: orders.buyerEmail,
      paymentIntentId: orders.paymentIntentId,
      authorization: orderAuthorizations,
    })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .innerJoin(orderAuthorizations, eq(orderAuthorizations.orderId, orders.id))
    .where(
      and(
        eq(orders.sellerId, sellerId),
        eq(orders.id, orderId),
        isNotNull(orderAuthorizations.authorizedAt),
        inArray(orders.status, ["authorized", "succeeded", "canceled"]),
      ),
    )
    .limit(1);
  return row;
}
