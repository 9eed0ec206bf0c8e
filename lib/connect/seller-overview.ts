import "server-only";
import { cache } from "react";
import { getAccountByUserId } from "@/db/queries/connected-accounts";
import {
  dailySalesForSeller,
  getSellerOrder,
  listRecentOrdersForSeller,
  type SellerOrderRow,
} from "@/db/queries/seller-dashboard";
import type { ConnectedAccount } from "@/db/schema";
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

/** One of the seller's own paid orders, or undefined (anyone else's, or an unpaid attempt). */
export async function sellerOrder(seller: Seller, orderId: string) {
  if (!isUuid(orderId)) return undefined;
  return sellerOrderRow(seller.id, orderId);
}

/** The order page's layout (its 404 check) and the page both ask: one read per request. */
const sellerOrderRow = cache((sellerId: string, orderId: string) => getSellerOrder({ sellerId, orderId }));
