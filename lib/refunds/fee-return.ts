import type { Order } from "@/db/schema";

/**
 * How much of the platform's application fee a refund gives back to the seller: the app's one owner of
 * Stripe's rule (refund_application_fee=true returns the fee in proportion to the refund; the refund that
 * empties the charge returns whatever fee is left). Pure, no I/O: the preview, the refund itself and the
 * order page's net figures all go through here.
 *
 * A cart line paid by separate charges and transfers has one more rule: its seller was paid the line minus
 * the fee, and a transfer reversal cannot take back more than that. Refunds past that point return the
 * fee whatever the admin chose (the platform bears it), so the seller is never debited more than they got.
 */

/** The platform setting REFUND_APPLICATION_FEE (lib/env.ts): when the form ticks "return the fee" by default. */
export const FEE_RETURN_POLICIES = ["full", "always", "never"] as const;
export type FeeReturnPolicy = (typeof FEE_RETURN_POLICIES)[number];

export const FEE_RETURN_POLICY_LABEL: Record<FeeReturnPolicy, string> = {
  full: "returned by default on full refunds, kept on partial ones",
  always: "returned by default on every refund",
  never: "kept by default",
};

/** Whether the form suggests returning the fee for a refund that does (or does not) empty the order. */
export function defaultReturnsFee(policy: FeeReturnPolicy, full: boolean): boolean {
  return policy === "always" || (policy === "full" && full);
}

export interface FeeReturnInput {
  /** The charge (order) amount, minor units. */
  chargeAmount: number;
  /** The application fee taken on the charge. */
  fee: number;
  /** Fee already given back by earlier refunds. */
  feeReturnedBefore: number;
  /** Amount already refunded (or in flight) before this refund. */
  refundedBefore: number;
  /** This refund. */
  amount: number;
  returnFee: boolean;
  /** The most the seller can be debited by all refunds together (sellerCapOf), if there is a limit. */
  sellerCap?: number;
}

/** What the seller of this order can give back in all: a separate-charges line's transfer part, else no limit. */
export function sellerCapOf(
  order: Pick<Order, "chargeModel" | "amount" | "applicationFeeAmount">,
): number | undefined {
  return order.chargeModel === "separate" ? order.amount - order.applicationFeeAmount : undefined;
}

export function feeReturnedBy(input: FeeReturnInput): number {
  if (input.fee <= 0 || input.chargeAmount <= 0) return 0;
  const feeLeft = Math.max(0, input.fee - input.feeReturnedBefore);
  const left = input.chargeAmount - input.refundedBefore;
  let returned = 0;
  if (input.returnFee)
    returned =
      input.amount >= left
        ? feeLeft
        : Math.min(feeLeft, Math.round((input.fee * input.amount) / input.chargeAmount));
  if (input.sellerCap !== undefined) {
    const debitedBefore = input.refundedBefore - input.feeReturnedBefore;
    const mustReturn = input.amount - Math.max(0, input.sellerCap - debitedBefore);
    returned = Math.min(feeLeft, Math.max(returned, mustReturn));
  }
  return returned;
}

export interface PastRefund {
  amount: number;
  refundApplicationFee: boolean;
}

/**
 * Replays refunds (oldest first) through the rule: what they refunded, how much fee they returned in all,
 * and each one's share of it (`each`, in the same order).
 */
export function refundTotals(
  chargeAmount: number,
  fee: number,
  past: PastRefund[],
  sellerCap?: number,
): { refunded: number; feeReturned: number; each: number[] } {
  let refunded = 0;
  let feeReturned = 0;
  const each: number[] = [];
  for (const r of past) {
    const returned = feeReturnedBy({
      chargeAmount,
      fee,
      feeReturnedBefore: feeReturned,
      refundedBefore: refunded,
      amount: r.amount,
      returnFee: r.refundApplicationFee,
      sellerCap,
    });
    each.push(returned);
    feeReturned += returned;
    refunded += r.amount;
  }
  return { refunded, feeReturned, each };
}
