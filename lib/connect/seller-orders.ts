import type { SellerOrderRow } from "@/db/queries/seller-dashboard";
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

export function sellerOrderStatus(order: Row): string {
  if (order.disputed || order.disputeStatus) return DISPUTE_STATUS[order.disputeStatus ?? ""] ?? "Disputed";
  if (order.refundState === "refunded") return "Refunded";
  if (order.refundState === "partially_refunded")
    return `Partially refunded (${formatMoney(order.amountRefunded, order.currency)})`;
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
