import type { SellerOrderRow } from "@/db/queries/seller-dashboard";
import type { OrderAuthorization, ReleaseReason } from "@/db/schema";
import { CHOSEN_RELEASE_REASONS } from "@/lib/capture/policy";
import { formatMoney } from "@/lib/money";

/*
 * How a seller reads one of their orders: its status in words and what it leaves them. One owner for
 * these rules: the dashboard's recent orders, the Payments page and the order page all use it.
 */

type Row = Pick<
  SellerOrderRow,
  | "amount"
  | "amountRefunded"
  | "amountDisputed"
  | "disputeFees"
  | "applicationFeeAmount"
  | "currency"
  | "disputed"
  | "disputeStatus"
  | "refundState"
>;

const DISPUTE_STATUS: Record<string, string> = {
  needs_response: "Disputed: response needed",
  under_review: "Disputed: under review",
  lost: "Dispute lost",
  won: "Dispute won",
  warning_needs_response: "Inquiry opened",
  warning_under_review: "Inquiry under review",
  warning_closed: "Inquiry closed",
};

/** Why a "charge when I ship" authorisation was released, in the seller's words. */
export const RELEASE_REASON_TEXT: Record<ReleaseReason, string> = {
  ...CHOSEN_RELEASE_REASONS,
  not_shipped_in_time: "Not shipped in time: released by the platform",
  expired: "The authorisation expired",
  canceled_at_stripe: "Canceled at Stripe",
};

/** A "charge when I ship" order's authorisation, as much as its status needs. */
type Authorization = Pick<OrderAuthorization, "quantity" | "capturedQuantity" | "releaseReason">;

export function sellerOrderStatus(
  order: Row & Partial<Pick<SellerOrderRow, "status">>,
  authorization?: Authorization | null,
): string {
  if (order.status === "authorized") return "Authorised: waiting for you to ship";
  if (order.status === "canceled")
    return `Released, not charged (${authorization?.releaseReason ? RELEASE_REASON_TEXT[authorization.releaseReason] : "canceled"})`;
  if (order.disputed || order.disputeStatus) return DISPUTE_STATUS[order.disputeStatus ?? ""] ?? "Disputed";
  if (order.refundState === "refunded") return "Refunded";
  if (order.refundState === "partially_refunded")
    return `Partially refunded (${formatMoney(order.amountRefunded, order.currency)})`;
  const shipped = authorization?.capturedQuantity;
  if (authorization && shipped != null)
    return shipped < authorization.quantity
      ? `Shipped ${shipped} of ${authorization.quantity}: paid`
      : "Shipped: paid";
  return "Paid";
}

/** What the buyers' money left after refunds and disputes, before the platform fee. */
export function netSale(order: Row): number {
  return Math.max(order.amount - order.amountRefunded - order.amountDisputed, 0);
}

/** What the order leaves the seller: net sale minus the fee the platform kept and Stripe's dispute fees. */
export function sellerReceives(order: Row): number {
  return netSale(order) - order.applicationFeeAmount - order.disputeFees;
}

/** The platform fee as shown: a dash when none was kept. */
export function feeText(order: Row): string {
  return order.applicationFeeAmount > 0 ? formatMoney(order.applicationFeeAmount, order.currency) : "—";
}

/** How long until `deadline`, roughly ("2 days 5 h", "3 h 10 min"); "overdue" once past. */
export function timeLeft(deadline: Date, now: Date): string {
  const minutes = Math.floor((deadline.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return "overdue";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} ${days === 1 ? "day" : "days"}${hours > 0 ? ` ${hours} h` : ""}`;
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}
