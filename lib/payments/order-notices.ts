import { listOrderHistory, type OrderDisputeRow, type OrderRefundRow } from "@/db/queries/order-history";
import type { Order } from "@/db/schema";
import { formatDate, formatMoney } from "@/lib/format";

/**
 * What the buyer's order page says besides the payment status: refunds in progress or done, a dispute
 * and its outcome, and — for whoever reached the page through a guest link — to keep that link.
 * `describeOrderNotices` is pure; `loadOrderNotices` reads the order's refunds and disputes first.
 */

export type OrderNoticeKind =
  | "refund_pending"
  | "refund_succeeded"
  | "refund_failed"
  | "dispute_open"
  | "dispute_won"
  | "dispute_lost"
  | "dispute_closed"
  | "keep_link";

export interface OrderNotice {
  kind: OrderNoticeKind;
  tone: "success" | "info" | "warning" | "error";
  title: string;
  body: string;
}

type OrderForNotices = Pick<Order, "status" | "amount" | "amountRefunded" | "currency" | "disputed">;

export interface OrderNoticeInput {
  order: OrderForNotices;
  refunds: readonly OrderRefundRow[];
  disputes: readonly OrderDisputeRow[];
  /** The viewer is signed in as the order's buyer (the order is in their account); otherwise they came with the link. */
  viewerIsAccountHolder: boolean;
}

const PENDING_REFUND = new Set(["pending", "requires_action"]);
const FAILED_REFUND = new Set(["failed", "canceled"]);
const OPEN_DISPUTE = new Set(["needs_response", "under_review", "warning_needs_response", "warning_under_review"]);
const STATEMENT_DELAY = "Refunds usually appear on your card statement within 5–10 business days.";

function sum(rows: readonly OrderRefundRow[]): number {
  return rows.reduce((total, r) => total + r.amount, 0);
}

function refundNotices(order: OrderForNotices, refunds: readonly OrderRefundRow[]): OrderNotice[] {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const notices: OrderNotice[] = [];
  const pending = refunds.filter((r) => PENDING_REFUND.has(r.status));
  if (pending.length > 0) {
    notices.push({
      kind: "refund_pending",
      tone: "info",
      title: "Refund in progress",
      body: `A refund of ${money(sum(pending))} is on its way to your card. ${STATEMENT_DELAY}`,
    });
  }
  const succeeded = refunds.filter((r) => r.status === "succeeded");
  // Refunds made outside this site (e.g. from the seller's Stripe dashboard) only show in the order's total.
  const refunded = Math.max(order.amountRefunded, sum(succeeded));
  if (refunded > 0) {
    const last = succeeded.at(-1);
    const whole = refunded >= order.amount;
    notices.push({
      kind: "refund_succeeded",
      tone: "success",
      title: whole ? "Refunded in full" : `${money(refunded)} refunded`,
      body:
        `${money(refunded)} of your ${money(order.amount)} payment was refunded to your card` +
        `${last ? ` (last refund ${formatDate(last.createdAt)} UTC)` : ""}. ${STATEMENT_DELAY}`,
    });
  }
  const failed = refunds.filter((r) => FAILED_REFUND.has(r.status));
  if (failed.length > 0) {
    notices.push({
      kind: "refund_failed",
      tone: "warning",
      title: "A refund did not go through",
      body: `A refund of ${money(sum(failed))} could not be completed and no money was returned for it. If you are expecting it, contact the seller.`,
    });
  }
  return notices;
}

function disputeNotice(order: OrderForNotices, disputes: readonly OrderDisputeRow[]): OrderNotice | null {
  const latest = disputes.at(-1);
  if (!latest && !order.disputed) return null;
  const amount = formatMoney(latest?.amount ?? order.amount, latest?.currency ?? order.currency);
  const status = latest?.status ?? "needs_response";
  if (status === "won") {
    return {
      kind: "dispute_won",
      tone: "info",
      title: "Dispute closed: the charge stands",
      body: `Your bank reviewed the dispute about this payment and decided in the seller's favour: the charge of ${amount} stands. Contact your bank if you have questions about its decision.`,
    };
  }
  if (status === "lost") {
    return {
      kind: "dispute_lost",
      tone: "info",
      title: "Dispute closed in your favour",
      body: `Your bank decided the dispute about this payment in your favour and returned ${amount} to you.`,
    };
  }
  if (status === "warning_closed") {
    return {
      kind: "dispute_closed",
      tone: "info",
      title: "Your bank's inquiry is closed",
      body: "Your bank asked about this payment and has closed its inquiry. Nothing else will happen to this order.",
    };
  }
  return {
    kind: "dispute_open",
    tone: "warning",
    title: OPEN_DISPUTE.has(status) && status.startsWith("warning_") ? "Your bank is asking about this payment" : "Payment disputed",
    body: `Your bank opened a dispute about this payment of ${amount}. The seller can respond with evidence; your bank then decides and tells you the outcome, which can take several weeks. This page shows the outcome when it is known.`,
  };
}

export function describeOrderNotices({ order, refunds, disputes, viewerIsAccountHolder }: OrderNoticeInput): OrderNotice[] {
  const notices: OrderNotice[] = [];
  if (order.status === "succeeded") {
    notices.push(...refundNotices(order, refunds));
    const dispute = disputeNotice(order, disputes);
    if (dispute) notices.push(dispute);
  }
  if (!viewerIsAccountHolder) {
    notices.push({
      kind: "keep_link",
      tone: "info",
      title: "Keep this link",
      body: "You checked out without an account, so this page's address is the only way back to your order. Bookmark it or copy the link and keep it somewhere safe.",
    });
  }
  return notices;
}

/** The notices for an order's page, with its refunds and disputes read from the database. */
export async function loadOrderNotices(
  order: OrderForNotices & Pick<Order, "id">,
  viewerIsAccountHolder: boolean,
): Promise<OrderNotice[]> {
  const history = order.status === "succeeded" ? await listOrderHistory({ orderId: order.id }) : { refunds: [], disputes: [] };
  return describeOrderNotices({ order, ...history, viewerIsAccountHolder });
}
