import "server-only";
import { cache } from "react";
import { getAccountByUserId } from "@/db/queries/connected-accounts";
import {
  dailySalesForSeller,
  getSellerOrder,
  listRecentOrdersForSeller,
  type SellerOrderRow,
} from "@/db/queries/seller-dashboard";
import { listOrdersToShip } from "@/db/queries/authorizations";
import {
  countSellerAuthorizations,
  getSellerCaptureOrder,
  listRecentlyReleased,
} from "@/db/queries/seller-authorizations";
import type { ConnectedAccount, OrderAuthorization } from "@/db/schema";
import type { Seller } from "@/lib/guards";
import { isUuid } from "@/lib/params";
import { currenciesByVolume, fillDays, lastDays, sum, windowStart, type DayPoint } from "@/lib/charts/series";
import { accountReadiness, describeRequirements, type Readiness } from "./account-status";
import { canConnectExisting, oauthConfigured } from "./oauth";

export const SALES_DAYS = 30;

export interface SalesSeries {
  currency: string;
  points: DayPoint[];
  total: number;
  orders: number;
}

export interface SellerOverview {
  account: ConnectedAccount | null;
  readiness: Readiness | "no_account";
  /** What Stripe still needs, in words (currently due and past due). */
  missing: string[];
  recentOrders: SellerOrderRow[];
  /** One series per currency the seller sold in, the biggest first; empty before the first sale. */
  sales: SalesSeries[];
  canConnectExisting: boolean;
}

/** Everything /dashboard shows, from our database (webhooks and return pages keep it current). */
export async function sellerOverview(seller: Seller, today = new Date()): Promise<SellerOverview> {
  const since = windowStart(SALES_DAYS, today);
  const [account, recentOrders, daily] = await Promise.all([
    getAccountByUserId({ userId: seller.id }),
    listRecentOrdersForSeller({ sellerId: seller.id, limit: 8 }),
    dailySalesForSeller({ sellerId: seller.id, since }),
  ]);
  const days = lastDays(SALES_DAYS, today);
  const sales = currenciesByVolume(daily).map((currency) => {
    const points = fillDays(daily, days, currency, (r) => r.amount);
    const orders = daily.filter((r) => r.currency === currency).reduce((n, r) => n + r.count, 0);
    return { currency, points, total: sum(points), orders };
  });
  return {
    account: account ?? null,
    readiness: account ? accountReadiness(account) : "no_account",
    missing: account
      ? describeRequirements([...account.requirementsPastDue, ...account.requirementsCurrentlyDue])
      : [],
    recentOrders,
    sales,
    canConnectExisting: oauthConfigured() && canConnectExisting(account),
  };
}

/** The Payments page: the seller's paid orders, newest first. */
export async function sellerPayments(seller: Seller, limit = 100): Promise<SellerOrderRow[]> {
  return listRecentOrdersForSeller({ sellerId: seller.id, limit });
}

/**
 * One of the seller's own orders, or undefined (anyone else's, or an unpaid attempt): a paid order, or a
 * "charge when I ship" order the buyer authorised (waiting to ship, or released). `authorization` is what
 * the buyer authorised and how it ended, null for an ordinary order. Money fields are what was charged:
 * nothing for an order not (or never) shipped.
 */
export async function sellerOrder(seller: Seller, orderId: string): Promise<SellerOrderView | undefined> {
  if (!isUuid(orderId)) return undefined;
  return sellerOrderRow(seller.id, orderId);
}

export type SellerOrderView = NonNullable<Awaited<ReturnType<typeof getSellerOrder>>> & {
  authorization: OrderAuthorization | null;
};

/** The order page's layout (its 404 check) and the page both ask: one read per request. */
const sellerOrderRow = cache(async (sellerId: string, orderId: string) => {
  const [paid, capture] = await Promise.all([
    getSellerOrder({ sellerId, orderId }),
    getSellerCaptureOrder({ sellerId, orderId }),
  ]);
  if (paid) return { ...paid, authorization: capture?.authorization ?? null };
  if (!capture) return undefined;
  // Authorised or released: nothing was charged, so no fee either; no refund or dispute can exist yet.
  return {
    ...capture,
    amount: 0,
    applicationFeeAmount: 0,
    disputeStatus: null,
    amountDisputed: 0,
    disputeFees: 0,
    // "Charge when I ship" is a direct charge only: a cart refuses those products.
    chargeModel: "direct" as const,
  } satisfies SellerOrderView;
});

/** The "To ship" page: what waits to ship (oldest deadline first) and what was released lately. */
export async function sellerShipments(seller: Seller, now = new Date()) {
  const [toShip, released] = await Promise.all([
    listOrdersToShip({ sellerId: seller.id }),
    listRecentlyReleased({ sellerId: seller.id, since: daysAgo(now, RELEASED_SHOWN_DAYS) }),
  ]);
  return { toShip, released };
}

/** Released authorisations stay on the "To ship" page this long. */
export const RELEASED_SHOWN_DAYS = 14;
/** An order whose deadline is closer than this is flagged. */
export const SHIP_SOON_HOURS = 24;

function daysAgo(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}

/** The nav's count and the overview's banner. */
export async function sellerToShipCounts(seller: Seller, now = new Date()) {
  return countSellerAuthorizations({
    sellerId: seller.id,
    dueBefore: new Date(now.getTime() + SHIP_SOON_HOURS * 60 * 60 * 1000),
    since: daysAgo(now, RELEASED_SHOWN_DAYS),
  });
}
