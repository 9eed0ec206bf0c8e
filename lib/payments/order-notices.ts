import { listOrderHistory, type OrderDisputeRow, type OrderRefundRow } from "@/db/queries/order-history";
import { listRefundsForOrder } from "@/db/queries/refunds";
import type { Order, Refund } from "@/db/schema";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { waitsForSellerFunds } from "@/lib/refunds/refund-note";

/**
 * What the buyer's order page says besides the payment status: refunds in progress or done, a dispute
 * and its outcome, and — for whoever reached the page through a guest link — to keep that link.
 * `describeOrderNotices` is pure; `loadOrderNotices` reads the order's refunds and disputes first.
 */

export type OrderNoticeKind =
  | "refund_pending"
  | "refund_held"
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

/** A refund as the notices read it; `failureReason` carries the note of one Stripe holds for funds. */
export type NoticeRefundRow = OrderRefundRow & Partial<Pick<Refund, "failureReason">>;

export interface OrderNoticeInput {
  order: OrderForNotices;
  refunds: readonly NoticeRefundRow[];
  disputes: readonly OrderDisputeRow[];
  /** The viewer is signed in as the order's buyer (the order is in their account); otherwise they came with the link. */
  viewerIsAccountHolder: boolean;
}

const PENDING_REFUND = new Set(["pending", "requires_action"]);
const FAILED_REFUND = new Set(["failed", "canceled"]);
const OPEN_DISPUTE = new Set([
  "needs_response",
  "under_review",
  "warning_needs_response",
  "warning_under_review",
]);
const STATEMENT_DELAY = "Refunds usually appear on your card statement within 5–10 business days.";

function sum(rows: readonly OrderRefundRow[]): number {
  return rows.reduce((total, r) => total + r.amount, 0);
}

function refundNotices(order: OrderForNotices, refunds: readonly NoticeRefundRow[]): OrderNotice[] {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const notices: OrderNotice[] = [];
  const pending = refunds.filter((r) => PENDING_REFUND.has(r.status));
  // Stripe holds a refund the seller's balance cannot cover yet and sends it once it can (refund-note.ts).
  const held = pending.filter((r) =>
    waitsForSellerFunds({ status: r.status, failureReason: r.failureReason ?? null }),
  );
  const moving = pending.filter((r) => !held.includes(r));
  if (moving.length > 0) {
    notices.push({
      kind: "refund_pending",
      tone: "info",
      title: "Refund in progress",
      body: `A refund of ${money(sum(moving))} is on its way to your card. ${STATEMENT_DELAY}`,
    });
  }
  if (held.length > 0) {
    notices.push({
      kind: "refund_held",
      tone: "info",
      title: "Refund issued, waiting to be sent",
      body: `The seller has refunded ${money(sum(held))}. The payment provider sends it to your card as soon as the seller's account has the funds; you don't need to do anything, and this page shows when it is on its way.`,
    });
  }
  const succeeded = refunds.filter((r) => r.status === "succeeded");
  // Refunds made outside this site (e.g. from the seller's Stripe dashboard) only show in the order's total,
  // which counts pending refunds too (as Stripe's charge.amount_refunded does): those are not refunded yet.
  const refunded = Math.max(order.amountRefunded - sum(pending), sum(succeeded));
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
    title:
      OPEN_DISPUTE.has(status) && status.startsWith("warning_")
        ? "Your bank is asking about this payment"
        : "Payment disputed",
    body: `Your bank opened a dispute about this payment of ${amount}. The seller can respond with evidence; your bank then decides and tells you the outcome, which can take several weeks. This page shows the outcome when it is known.`,
  };
}

export function describeOrderNotices({
  order,
  refunds,
  disputes,
  viewerIsAccountHolder,
}: OrderNoticeInput): OrderNotice[] {
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
  if (order.status !== "succeeded")
    return describeOrderNotices({ order, refunds: [], disputes: [], viewerIsAccountHolder });
  const [{ disputes }, refunds] = await Promise.all([
    listOrderHistory({ orderId: order.id }),
    listRefundsForOrder({ orderId: order.id }),
  ]);
  return describeOrderNotices({
    order,
    refunds: refunds.map((r) => r.refund),
    disputes,
    viewerIsAccountHolder,
  });
}
