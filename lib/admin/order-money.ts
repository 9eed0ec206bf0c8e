import { OUTSTANDING_REFUND_STATUSES } from "@/db/queries/refunds";
import type { Dispute, Order, Refund } from "@/db/schema";
import { disputesCost } from "@/lib/disputes/money";
import { formatMoney } from "@/lib/money";
import { refundTotals, sellerCapOf } from "@/lib/refunds/fee-return";

/*
 * The admin order page's money, net of refunds, disputes and the returned platform fee. Pure: the refund
 * rows and disputes come from the page's reads; the fee each refund returned comes from the one fee rule.
 */

export interface OrderMoney {
  paid: number;
  /** Refunds Stripe says succeeded. */
  refunded: number;
  /** Refunds sent but not settled yet (pending or awaiting action). */
  refundInProgress: number;
  /** Disputed amounts Stripe took back for the buyer (and did not return to the seller). */
  disputed: number;
  /** Stripe's dispute fees, taken from the seller's balance (never returned, even when won). */
  disputeFees: number;
  fee: number;
  feeReturned: number;
  /** The seller's share of the succeeded refunds: the refund minus the fee given back. */
  sellerRefunded: number;
  sellerGross: number;
  sellerNet: number;
  buyerNet: number;
}

export function orderMoney(
  order: Pick<Order, "amount" | "applicationFeeAmount" | "status" | "chargeModel">,
  refunds: Refund[],
  disputes: Pick<Dispute, "amountWithdrawn" | "amountReinstated" | "feeWithdrawn">[],
): OrderMoney {
  const outstanding = refunds.filter((r) =>
    (OUTSTANDING_REFUND_STATUSES as readonly string[]).includes(r.status),
  );
  const { each } = refundTotals(order.amount, order.applicationFeeAmount, outstanding, sellerCapOf(order));
  let refunded = 0;
  let feeReturned = 0;
  outstanding.forEach((r, i) => {
    if (r.status !== "succeeded") return;
    refunded += r.amount;
    feeReturned += each[i] ?? 0;
  });
  const refundInProgress = outstanding
    .filter((r) => r.status !== "succeeded")
    .reduce((s, r) => s + r.amount, 0);
  const { amount: disputed, fee: disputeFees } = disputesCost(disputes);
  // Only a succeeded order took money: a pending, failed, canceled or merely authorised one took none.
  const charged = order.status === "succeeded";
  const paid = charged ? order.amount : 0;
  const fee = charged ? order.applicationFeeAmount : 0;
  const sellerGross = paid - fee;
  const sellerRefunded = refunded - feeReturned;
  return {
    paid,
    refunded,
    refundInProgress,
    disputed,
    disputeFees,
    fee,
    feeReturned,
    sellerRefunded,
    sellerGross,
    sellerNet: sellerGross - sellerRefunded - disputed - disputeFees,
    buyerNet: paid - refunded - disputed,
  };
}

/** "$98.50 − $98.50 refunded = $0.00"; just "$98.50" when nothing is taken off. */
export function netLine(
  currency: string,
  base: number,
  deductions: [amount: number, label: string][],
): string {
  const money = (minor: number) => formatMoney(minor, currency);
  const taken = deductions.filter(([amount]) => amount !== 0);
  if (taken.length === 0) return money(base);
  const net = taken.reduce((s, [amount]) => s - amount, base);
  return `${money(base)} ${taken.map(([amount, label]) => `− ${money(amount)} ${label}`).join(" ")} = ${money(net)}`;
}
