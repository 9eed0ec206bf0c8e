import type { Dispute } from "@/db/schema";

/*
 * What a dispute costs, in the seller's terms. The fee rule (docs/disputes.md): on a direct charge the
 * dispute lives on the seller's account and Stripe takes the disputed amount and its dispute fee from
 * that balance; the platform passes the fee on as Stripe charges it (it does not refund it to the
 * seller) and keeps its own application fee. A won dispute gives the amount back, never the fee. The
 * platform pays only what the seller's balance cannot cover (a negative balance it is liable for).
 */

export const DISPUTE_FEE_POLICY =
  "Stripe takes the disputed amount and its dispute fee from the seller's balance. A won dispute returns the amount but not the fee; the platform keeps its application fee either way.";

export interface DisputeCost {
  /** Disputed amount still withdrawn (0 once won back). */
  amount: number;
  /** Stripe's dispute fee, which stays withdrawn whatever the outcome. */
  fee: number;
  total: number;
}

export function disputeCost(
  dispute: Pick<Dispute, "amountWithdrawn" | "amountReinstated" | "feeWithdrawn">,
): DisputeCost {
  const amount = Math.max(0, dispute.amountWithdrawn - dispute.amountReinstated);
  return { amount, fee: dispute.feeWithdrawn, total: amount + dispute.feeWithdrawn };
}

/** The disputes of one order, summed. */
export function disputesCost(
  disputes: Pick<Dispute, "amountWithdrawn" | "amountReinstated" | "feeWithdrawn">[],
): DisputeCost {
  return disputes
    .map(disputeCost)
    .reduce(
      (sum, c) => ({ amount: sum.amount + c.amount, fee: sum.fee + c.fee, total: sum.total + c.total }),
      { amount: 0, fee: 0, total: 0 },
    );
}
