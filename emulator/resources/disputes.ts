/**
 * Disputes (test card 4000000000000259): shortly after the charge succeeds the cardholder disputes it, the
 * amount plus Stripe's $15 dispute fee leaves the charged account, and `charge.dispute.created` is sent.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { clone } from "../events";
import { newId } from "../state";
import { addBalanceTransaction } from "./balance-payouts";
import { feeDetail } from "./capture-booking";

const DISPUTE_FEE = 1500;

function nullEvidence(): Stripe.Dispute.Evidence {
  const keys = [
    "access_activity_log",
    "billing_address",
    "cancellation_policy",
    "cancellation_policy_disclosure",
    "cancellation_rebuttal",
    "customer_communication",
    "customer_email_address",
    "customer_name",
    "customer_purchase_ip",
    "customer_signature",
    "duplicate_charge_documentation",
    "duplicate_charge_explanation",
    "duplicate_charge_id",
    "product_description",
    "receipt",
    "refund_policy",
    "refund_policy_disclosure",
    "refund_refusal_explanation",
    "service_date",
    "service_documentation",
    "shipping_address",
    "shipping_carrier",
    "shipping_date",
    "shipping_documentation",
    "shipping_tracking_number",
    "uncategorized_file",
    "uncategorized_text",
  ];
  // Every evidence field is `string | null` and empty on a new dispute.
  return {
    ...Object.fromEntries(keys.map((k) => [k, null])),
    enhanced_evidence: {},
  } as Stripe.Dispute.Evidence;
}

/** The cardholder disputes the charge: funds (plus Stripe's $15 fee) leave the charged account. */
export function createDispute(em: Emulator, owner: string, chargeId: string): void {
  const charge = em.store.charges[chargeId]?.obj;
  if (!charge || charge.disputed) return;
  const id = newId("du");
  const txn = addBalanceTransaction(em, owner, {
    amount: -charge.amount,
    currency: charge.currency,
    type: "adjustment",
    source: id,
    fee_details: [feeDetail(DISPUTE_FEE, charge.currency, "stripe_fee")],
    reporting_category: "dispute",
    description: `Chargeback withdrawal for ${chargeId}`,
  });
  const dispute: Stripe.Dispute = {
    id,
    object: "dispute",
    amount: charge.amount,
    balance_transactions: [clone(txn)],
    charge: chargeId,
    created: em.now(),
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: nullEvidence(),
    evidence_details: {
      due_by: em.now() + 7 * 86400,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: typeof charge.payment_intent === "string" ? charge.payment_intent : null,
    reason: "fraudulent",
    status: "needs_response",
  };
  em.store.disputes[id] = { owner, obj: dispute };
  const before = { disputed: false };
  charge.disputed = true;
  em.emit("charge.dispute.created", dispute, { account: owner });
  em.emit("charge.dispute.funds_withdrawn", dispute, { account: owner });
  em.emit("charge.updated", charge, { account: owner, previous: before });
}
