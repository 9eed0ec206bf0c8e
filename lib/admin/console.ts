import "server-only";
import { cache } from "react";
import {
  ADMIN_ORDER_STATES,
  getAdminOrder,
  listEventsForOrder,
  searchAdminOrders,
  type AdminOrderState,
} from "@/db/queries/admin-orders";
import { listOrderNames } from "@/db/queries/admin-audit";
import { listAdminSellers, sellerVolumes, type AdminSellerRow } from "@/db/queries/admin-sellers";
import { getAccountByStripeId, getAccountByUserId } from "@/db/queries/connected-accounts";
import { listProductsBySeller } from "@/db/queries/products";
import { getUserById } from "@/db/queries/users";
import { listAuditLogs, listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { findSellerTransferByAccount, getCartCheckout } from "@/db/queries/cart-checkouts";
import { listDisputesForCharge, listDisputesForOrder } from "@/db/queries/dispute-views";
import type { CartCheckout, ConnectedAccount, Dispute, Product, SellerTransfer, User } from "@/db/schema";
import { listRefundsForOrder, sumOutstandingRefunds } from "@/db/queries/refunds";
import type { Admin } from "@/lib/guards";
import { isUuid, pageWindow } from "@/lib/params";

/*
 * Reads behind the admin pages. Each takes an `Admin`: the page proved the role once with
 * pageUser("admin") (every page, not only the layout, so a bypassed layout still leaves it refused).
 */

export const ADMIN_PAGE_SIZE = 25;

/** The order state filters the orders page offers (pages import it from here, never from db/). */
export { ADMIN_ORDER_STATES };

function pages(total: number, pageSize = ADMIN_PAGE_SIZE) {
  return Math.max(1, Math.ceil(total / pageSize));
}

export interface AdminSellerListItem extends AdminSellerRow {
  /** What Stripe still needs from the seller, past due first (empty without an account). */
  requirementsDue: { field: string; pastDue: boolean }[];
  /** The seller deauthorized the platform: their products left the shop. */
  disconnected: boolean;
}

function sellerListItem(row: AdminSellerRow): AdminSellerListItem {
  const a = row.account;
  const pastDue = a?.requirementsPastDue ?? [];
  const requirementsDue = [
    ...pastDue.map((field) => ({ field, pastDue: true })),
    ...(a?.requirementsCurrentlyDue ?? [])
      .filter((f) => !pastDue.includes(f))
      .map((field) => ({ field, pastDue: false })),
  ];
  return { ...row, requirementsDue, disconnected: a?.disconnectedAt != null };
}

export async function listSellersForAdmin(_admin: Admin, page: number) {
  const { items, total } = await listAdminSellers(pageWindow(page, ADMIN_PAGE_SIZE));
  return { items: items.map(sellerListItem), total, page, pageCount: pages(total) };
}

export interface AdminSellerDetail extends AdminSellerListItem {
  products: Product[];
}

async function sellerDetail(user: User | undefined, account: ConnectedAccount | null) {
  if (user?.role !== "seller") return null;
  const [volumes, products] = await Promise.all([
    sellerVolumes({ sellerIds: [user.id] }),
    listProductsBySeller({ sellerId: user.id }),
  ]);
  const { id, name, businessName, email, createdAt } = user;
  const volume = volumes.get(id) ?? [];
  return { ...sellerListItem({ id, name, businessName, email, createdAt, account, volume }), products };
}

/** The seller page (/admin/sellers/[id]): the list's facts and the seller's products; null for no seller. */
export async function getSellerForAdmin(_admin: Admin, sellerId: string): Promise<AdminSellerDetail | null> {
  return isUuid(sellerId) ? sellerById(sellerId) : null;
}

/** The seller page's layout (its 404 check) and the page both ask: one read per request. */
const sellerById = cache(async (sellerId: string) => {
  const [user, account] = await Promise.all([
    getUserById({ id: sellerId }),
    getAccountByUserId({ userId: sellerId }),
  ]);
  return sellerDetail(user, account ?? null);
});

/** One seller by their Stripe account id (the Stripe App's account view); null when no seller has it. */
export async function getSellerByAccountForAdmin(
  _admin: Admin,
  stripeAccountId: string,
): Promise<AdminSellerDetail | null> {
  const account = await getAccountByStripeId({ stripeAccountId });
  return account ? sellerDetail(await getUserById({ id: account.userId }), account) : null;
}

export interface OrderSearchParams {
  q?: string;
  seller?: string;
  state?: string;
  page: number;
}

/** Unknown states and malformed seller ids are ignored rather than refused: they come from a URL. */
export function normalizeOrderSearch(params: OrderSearchParams) {
  const state = (ADMIN_ORDER_STATES as readonly string[]).includes(params.state ?? "")
    ? (params.state as AdminOrderState)
    : undefined;
  const sellerId = params.seller && isUuid(params.seller) ? params.seller : undefined;
  const q = params.q?.trim().slice(0, 200) || undefined;
  return { q, sellerId, state };
}

/** The URL query that reproduces a search: the pagination links carry it, so page 2 keeps the filters. */
export function orderSearchQuery(filter: ReturnType<typeof normalizeOrderSearch>): Record<string, string> {
  const query: Record<string, string> = {};
  if (filter.q) query.q = filter.q;
  if (filter.sellerId) query.seller = filter.sellerId;
  if (filter.state) query.state = filter.state;
  return query;
}

export async function searchOrdersForAdmin(_admin: Admin, params: OrderSearchParams) {
  const filter = normalizeOrderSearch(params);
  const { items, total } = await searchAdminOrders({
    ...filter,
    qIsId: isUuid(filter.q),
    ...pageWindow(params.page, ADMIN_PAGE_SIZE),
  });
  return { items, total, page: params.page, pageCount: pages(total), filter };
}

/** Everything the order detail page shows; null when there is no such order. */
export async function getOrderForAdmin(_admin: Admin, orderId: string) {
  return isUuid(orderId) ? orderDetail(orderId) : null;
}

/** A cart line's payment on the platform: its Checkout Session, PaymentIntent and charge, and this seller's transfer. */
export interface AdminCartPayment {
  checkout: CartCheckout;
  transfer: SellerTransfer | null;
  /** Disputes of the cart's platform charge: the platform's to answer, about the whole cart. */
  disputes: Dispute[];
}

async function cartPaymentOf(order: {
  cartCheckoutId: string | null;
  stripeAccountId: string;
}): Promise<AdminCartPayment | null> {
  if (!order.cartCheckoutId) return null;
  const [checkout, transfer] = await Promise.all([
    getCartCheckout({ id: order.cartCheckoutId }),
    findSellerTransferByAccount({
      cartCheckoutId: order.cartCheckoutId,
      stripeAccountId: order.stripeAccountId,
    }),
  ]);
  if (!checkout) return null;
  const disputes = checkout.chargeId ? await listDisputesForCharge({ chargeId: checkout.chargeId }) : [];
  return { checkout, transfer: transfer ?? null, disputes };
}

/** The order page's layout (its 404 check) and the page both ask: one read per request. */
const orderDetail = cache(async (orderId: string) => {
  const detail = await getAdminOrder({ id: orderId });
  if (!detail) return null;
  const [events, refunds, disputes, audit, outstanding, cart] = await Promise.all([
    listEventsForOrder({ orderId }),
    listRefundsForOrder({ orderId }),
    listDisputesForOrder({ orderId }),
    listAuditLogsForTarget({ targetType: "order", targetId: orderId }),
    sumOutstandingRefunds({ orderId }),
    cartPaymentOf(detail.order),
  ]);
  const refundable = detail.order.status === "succeeded" ? Math.max(0, detail.order.amount - outstanding) : 0;
  return { ...detail, events, refunds, disputes, audit, refundable, cart };
});

export async function listAuditForAdmin(_admin: Admin, page: number) {
  const { items, total } = await listAuditLogs(pageWindow(page, ADMIN_PAGE_SIZE));
  const orderIds = [
    ...new Set(items.filter((a) => a.targetType === "order" && isUuid(a.targetId)).map((a) => a.targetId)),
  ];
  const names = new Map((await listOrderNames(orderIds)).map((n) => [n.id, n]));
  return {
    items: items.map((a) => ({ ...a, order: a.targetType === "order" ? names.get(a.targetId) : undefined })),
    total,
    page,
    pageCount: pages(total),
  };
}
