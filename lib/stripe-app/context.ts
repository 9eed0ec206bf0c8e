import "server-only";
import { listOrderIdsForPayment } from "@/db/queries/admin-orders";
import type { Dispute } from "@/db/schema";
import { getOrderForAdmin, getSellerByAccountForAdmin } from "@/lib/admin/console";
import { orderMoney } from "@/lib/admin/order-money";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Admin } from "@/lib/guards";
import { formatMoney, minorToDecimalString } from "@/lib/money";
import { defaultReturnsFee } from "@/lib/refunds/fee-return";
import type { AccountContext, AppDispute, AppOrder, Money, PaymentContext } from "@/stripe-app/src/contract";

/*
 * What the Stripe App's views show, read for an admin through the same reads and money rules as the
 * admin console (lib/admin): an order's figures here are the ones /admin/orders/[id] shows.
 */

function money(minor: number, currency: string): Money {
  return {
    minor,
    currency,
    text: formatMoney(minor, currency),
    decimal: minorToDecimalString(minor, currency),
  };
}

const absolute = (path: string) => new URL(path, env.APP_URL).toString();

function appDispute(d: Dispute): AppDispute {
  return {
    id: d.stripeDisputeId,
    amount: money(d.amount, d.currency),
    status: d.status,
    reason: d.reason,
    dueBy: d.closedAt ? null : (d.evidenceDueBy?.toISOString() ?? null),
  };
}

async function appOrder(admin: Admin, orderId: string): Promise<AppOrder | null> {
  const detail = await getOrderForAdmin(admin, orderId);
  if (!detail) return null;
  const { order } = detail;
  const refunds = detail.refunds.map((r) => r.refund);
  const m = orderMoney(order, refunds, detail.disputes);
  const $ = (minor: number) => money(minor, order.currency);
  // A cart line's own disputes are none: the cart's charge is the platform's, disputed as a whole.
  const disputes = [...detail.disputes, ...(detail.cart?.disputes ?? [])];
  return {
    id: order.id,
    adminUrl: absolute(`/admin/orders/${order.id}`),
    status: order.status,
    chargeModel: order.chargeModel,
    buyerEmail: order.buyerEmail,
    seller: {
      id: order.sellerId,
      name: detail.sellerName,
      email: detail.sellerEmail,
      stripeAccountId: order.stripeAccountId,
    },
    product: { id: order.productId, name: detail.productName },
    quantity: order.quantity,
    unitAmount: $(order.unitAmount),
    amount: $(order.amount),
    fee: $(m.fee - m.feeReturned),
    feeReturned: $(m.feeReturned),
    refunded: $(m.refunded),
    refundInProgress: $(m.refundInProgress),
    disputed: $(m.disputed),
    sellerNet: $(m.sellerNet),
    refundable: $(detail.refundable),
    refundFeeByDefault: defaultReturnsFee(env.REFUND_APPLICATION_FEE, true),
    refunds: refunds.map((r) => ({
      id: r.id,
      amount: $(r.amount),
      status: r.status,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
      note: r.failureReason,
    })),
    disputes: disputes.map(appDispute),
  };
}

/** The marketplace orders a payment paid (pi_, ch_ or py_ id); none when it is not ours. */
export async function paymentContext(admin: Admin, paymentId: string): Promise<PaymentContext> {
  const ids = await listOrderIdsForPayment({ paymentId });
  const orders = (await Promise.all(ids.map((id) => appOrder(admin, id)))).filter((o) => o !== null);
  return { admin: { email: admin.email }, paymentId, orders };
}

/** A seller by their connected account: shop, products, volume and what Stripe still needs. */
export async function accountContext(admin: Admin, stripeAccountId: string): Promise<AccountContext> {
  const seller = await getSellerByAccountForAdmin(admin, stripeAccountId);
  if (!seller?.account)
    throw new AppError("not_found:stripe_app_account", "This account is not a seller of the marketplace.");
  return {
    admin: { email: admin.email },
    seller: {
      id: seller.id,
      name: seller.businessName ?? seller.name,
      email: seller.email,
      stripeAccountId,
      adminUrl: absolute(`/admin/sellers/${seller.id}`),
      shopUrl: absolute(`/sellers/${seller.id}`),
      chargesEnabled: seller.account.chargesEnabled,
      payoutsEnabled: seller.account.payoutsEnabled,
      disconnected: seller.disconnected,
      requirementsDue: seller.requirementsDue,
    },
    products: seller.products.map((p) => ({
      id: p.id,
      name: p.name,
      price: money(p.price, p.currency),
      active: p.active,
      url: absolute(`/products/${p.id}`),
    })),
    volume: seller.volume.map((v) => ({
      currency: v.currency,
      orders: v.orders,
      gross: money(v.gross, v.currency),
      refunded: money(v.refunded, v.currency),
    })),
  };
}
