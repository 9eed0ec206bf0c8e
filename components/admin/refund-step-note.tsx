import type { CartRefundStep } from "@/db/schema";
import { formatMoney } from "@/lib/money";

const STEP_WORDS: Record<CartRefundStep["kind"], string> = {
  transfer_reversal: "taken back from the seller's transfer",
  fee_refund: "of the platform fee given back to the seller",
};

/**
 * A cart line's refund: the seller's side of it, made (with Stripe's id) or still to make (and why); and
 * when the buyer's refund failed after the reversal, the transfer paying the seller back.
 */
export function RefundStepNote({
  step,
  buyerRefundFailed,
}: {
  step: CartRefundStep;
  buyerRefundFailed: boolean;
}) {
  const what = `${formatMoney(step.amount, step.currency)} ${STEP_WORDS[step.kind]}`;
  const owed = buyerRefundFailed && step.stripeId !== null && step.kind === "transfer_reversal";
  const pending = !step.stripeId || (owed && !step.paidBackStripeId);
  const retried = `${step.lastError ? ` — ${step.lastError}` : ""} (retried every minute)`;
  const payback = !owed
    ? ""
    : step.paidBackStripeId
      ? `; paid back to the seller after the buyer's refund failed (${step.paidBackStripeId})`
      : `; the buyer's refund failed: paying it back to the seller is not made yet${retried}`;
  return (
    <span
      className={`mt-1 block font-sans ${pending ? "text-amber-800" : "text-slate-600"}`}
      data-testid="refund-step"
    >
      {step.stripeId ? `${what} (${step.stripeId})${payback}` : `${what}: not made yet${retried}`}
    </span>
  );
}
