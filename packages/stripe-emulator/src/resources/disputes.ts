/**
 * The dispute lifecycle (test card 4000000000000259):
 * - shortly after the charge succeeds the cardholder disputes it: the amount plus Stripe's $15 dispute fee
 *   leaves the charged account (`charge.dispute.created`, `charge.dispute.funds_withdrawn`);
 * - the platform stages or submits evidence (`charge.dispute.updated`; submitting moves
 *   `needs_response` → `under_review`), or accepts the dispute (close → `lost`); what evidence may hold,
 *   and when, is in dispute-evidence.ts;
 * - the bank decides (control API, or in test mode the submitted evidence's `winning_evidence` /
 *   `losing_evidence`, applied by `decideDisputes` a fixed delay later on the emulator clock): won reinstates the disputed amount but NOT the dispute fee
 *   (`charge.dispute.funds_reinstated`), lost keeps everything withdrawn; both send `charge.dispute.closed`;
 * - nobody answers: once the emulator's clock passes `evidence_details.due_by` with no evidence submitted
 *   (staged evidence does not count), the dispute closes as lost (`expireDisputes`, run by the tick).
 * Endpoints are in dispute-api.ts.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { invalidRequest } from "../errors";
import { clone, previousAttributes } from "../events";
import { mergeMetadata } from "../schema";
import { newId } from "../state";
import { addBalanceTransaction } from "./balance-payouts";
import { feeDetail } from "./capture-booking";
import {
  checkEvidence,
  EVIDENCE_KEYS,
  refuseAfterDeadline,
  testModeOutcome,
  type EvidenceKey,
} from "./dispute-evidence";

const DISPUTE_FEE = 1500;
/** How long the platform has to respond, as on Stripe's test disputes. */
const EVIDENCE_WINDOW_SECONDS = 7 * 86400;

/** Statuses in which the bank still waits for the platform's answer. */
const AWAITING_RESPONSE = ["needs_response", "warning_needs_response"];
const CLOSED = ["won", "lost", "warning_closed", "prevented"];

function nullEvidence(): Stripe.Dispute.Evidence {
  // Every evidence field is `string | null` and empty on a new dispute.
  return {
    ...Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, null])),
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
      due_by: em.now() + EVIDENCE_WINDOW_SECONDS,
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

function refuseIfClosed(dispute: Stripe.Dispute): void {
  if (CLOSED.includes(dispute.status))
    throw invalidRequest(
      `This dispute is already closed (status: ${dispute.status}) and cannot be changed.`,
      "dispute",
    );
}

export interface DisputeUpdate {
  evidence?: Partial<Record<EvidenceKey, string>>;
  metadata?: Record<string, string> | null;
  /** Stripe's default is true: giving evidence submits it unless `submit: false` stages it. */
  submit?: boolean;
  intended_submission_method?: Stripe.Dispute.IntendedSubmissionMethod;
}

/**
 * `POST /v1/disputes/:id`. Evidence can only be given while the bank waits for a response; a metadata-only
 * update is allowed in any status and submits nothing (the emulator's reading of Stripe's `submit` default).
 */
export function updateDispute(
  em: Emulator,
  owner: string,
  dispute: Stripe.Dispute,
  input: DisputeUpdate,
): Stripe.Dispute {
  const submitting = input.submit ?? input.evidence !== undefined;
  if (input.evidence !== undefined || submitting) {
    const param = input.evidence !== undefined ? "evidence" : "submit";
    refuseAfterDeadline(em, dispute, param);
    refuseIfClosed(dispute);
    if (!AWAITING_RESPONSE.includes(dispute.status))
      throw invalidRequest(
        `This dispute's evidence has already been submitted (status: ${dispute.status}); it can no longer be updated.`,
        param,
      );
    if (input.evidence !== undefined) checkEvidence(em, owner, dispute, input.evidence);
  }
  const before = clone(dispute);
  const evidence = dispute.evidence as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(input.evidence ?? {}))
    evidence[key] = value === "" ? null : value;
  dispute.evidence_details.has_evidence = EVIDENCE_KEYS.some((k) => evidence[k] !== null);
  dispute.metadata = mergeMetadata(dispute.metadata, input.metadata);
  if (input.intended_submission_method) dispute.intended_submission_method = input.intended_submission_method;
  if (submitting) {
    dispute.status = dispute.status === "warning_needs_response" ? "warning_under_review" : "under_review";
    dispute.evidence_details.submission_count += 1;
    dispute.evidence_details.submission_method = "manual";
    const outcome = testModeOutcome(dispute.evidence);
    if (outcome)
      em.store.disputeDecisions[dispute.id] = {
        outcome,
        due: em.now() + em.options.disputeDecisionDelaySeconds,
      };
  }
  const previous = previousAttributes(before, dispute);
  if (previous) em.emit("charge.dispute.updated", dispute, { account: owner, previous });
  return dispute;
}

/** `POST /v1/disputes/:id/close`: the platform accepts the dispute, which is then lost. */
export function acceptDispute(em: Emulator, owner: string, dispute: Stripe.Dispute): Stripe.Dispute {
  refuseIfClosed(dispute);
  if (!AWAITING_RESPONSE.includes(dispute.status))
    throw invalidRequest(
      `This dispute cannot be closed: evidence has already been submitted (status: ${dispute.status}).`,
      "dispute",
    );
  return resolveDispute(em, owner, dispute, "lost");
}

/**
 * The bank's decision. Lost: the money withdrawn at creation stays withdrawn. Won: the disputed amount is
 * reinstated by a second balance transaction, without the $15 dispute fee (Stripe keeps it either way).
 */
export function resolveDispute(
  em: Emulator,
  owner: string,
  dispute: Stripe.Dispute,
  outcome: "won" | "lost",
): Stripe.Dispute {
  refuseIfClosed(dispute);
  delete em.store.disputeDecisions[dispute.id];
  const before = { status: dispute.status, balance_transactions: clone(dispute.balance_transactions) };
  if (outcome === "won") {
    const chargeId = typeof dispute.charge === "string" ? dispute.charge : dispute.charge.id;
    const txn = addBalanceTransaction(em, owner, {
      amount: dispute.amount,
      currency: dispute.currency,
      type: "adjustment",
      source: dispute.id,
      reporting_category: "dispute_reversal",
      description: `Chargeback reversal for ${chargeId}`,
    });
    dispute.balance_transactions.push(clone(txn));
    em.emit("charge.dispute.funds_reinstated", dispute, { account: owner });
  }
  dispute.status = outcome;
  em.emit("charge.dispute.closed", dispute, {
    account: owner,
    previous: outcome === "won" ? before : { status: before.status },
  });
  return dispute;
}

/**
 * Tick: a dispute still waiting for a response when the clock passes `evidence_details.due_by` (no evidence
 * was submitted, Stripe's "respond by the due date or lose") closes as lost with `charge.dispute.closed`.
 */
export function expireDisputes(em: Emulator): void {
  const now = em.now();
  for (const { owner, obj: dispute } of Object.values(em.store.disputes)) {
    const dueBy = dispute.evidence_details.due_by;
    if (dispute.status !== "needs_response" || dueBy === null || dueBy > now) continue;
    resolveDispute(em, owner, dispute, "lost");
  }
}

/**
 * Tick: the test-mode decisions (`winning_evidence` / `losing_evidence` submitted) whose time has come on
 * the emulator clock close their dispute, with the same events as the control API's `resolve`.
 */
export function decideDisputes(em: Emulator): void {
  const now = em.now();
  for (const [id, decision] of Object.entries(em.store.disputeDecisions)) {
    if (decision.due > now) continue;
    delete em.store.disputeDecisions[id];
    const record = em.store.disputes[id];
    if (record && !CLOSED.includes(record.obj.status))
      resolveDispute(em, record.owner, record.obj, decision.outcome);
  }
}
