/**
 * What a dispute's evidence may contain, and Stripe's test-mode rule for it:
 * - the evidence fields (`Stripe.Dispute.Evidence`); file fields name a File uploaded by the disputed
 *   account with purpose `dispute_evidence`; all fields together hold at most 150,000 characters;
 * - evidence is given before `evidence_details.due_by` (after it, only metadata may change);
 * - in test mode, submitting evidence whose `uncategorized_text` contains `winning_evidence` wins the
 *   dispute, `losing_evidence` loses it (docs.stripe.com/testing#disputes); the bank "decides" a fixed
 *   time later on the emulator clock (`disputeDecisionDelaySeconds`), applied by the tick.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { invalidRequest } from "../errors";
import { requireEvidenceFile } from "./files";

export const EVIDENCE_KEYS = [
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
] as const;
export type EvidenceKey = (typeof EVIDENCE_KEYS)[number];

/** The evidence fields whose value is a File id (`string | Stripe.File` in the SDK's types). */
export const EVIDENCE_FILE_KEYS: ReadonlySet<EvidenceKey> = new Set([
  "cancellation_policy",
  "customer_communication",
  "customer_signature",
  "duplicate_charge_documentation",
  "receipt",
  "refund_policy",
  "service_documentation",
  "shipping_documentation",
  "uncategorized_file",
]);

/** Stripe: "The combined character count of all fields is limited to 150,000." */
const MAX_EVIDENCE_CHARACTERS = 150_000;

/**
 * Evidence comes before `evidence_details.due_by`: after it, a dispute that was never answered takes none
 * (checked on the request itself, so it holds even before the tick has closed the dispute as lost).
 */
export function refuseAfterDeadline(em: Emulator, dispute: Stripe.Dispute, param: string): void {
  const dueBy = dispute.evidence_details.due_by;
  if (dispute.evidence_details.submission_count === 0 && dueBy !== null && em.now() > dueBy)
    throw invalidRequest(
      `The deadline to respond to this dispute passed at ${new Date(dueBy * 1000).toISOString()} (evidence_details.due_by); evidence can no longer be given or submitted.`,
      param,
    );
}

/**
 * Refuses evidence that Stripe would refuse, before anything changes: naming a file the account cannot
 * use, or too long altogether.
 */
export function checkEvidence(
  em: Emulator,
  owner: string,
  dispute: Stripe.Dispute,
  update: Partial<Record<EvidenceKey, string>>,
): void {
  for (const [key, value] of Object.entries(update))
    if (value !== "" && EVIDENCE_FILE_KEYS.has(key as EvidenceKey))
      requireEvidenceFile(em, owner, value, `evidence[${key}]`);
  const merged: Record<string, unknown> = { ...dispute.evidence, ...update };
  const characters = EVIDENCE_KEYS.reduce((sum, k) => {
    const v = merged[k];
    return sum + (typeof v === "string" ? v.length : 0);
  }, 0);
  if (characters > MAX_EVIDENCE_CHARACTERS)
    throw invalidRequest(
      `The evidence fields hold ${characters} characters together; Stripe allows at most ${MAX_EVIDENCE_CHARACTERS}.`,
      "evidence",
    );
}

/** Stripe's test-mode evidence: the outcome the submitted `uncategorized_text` asks for, if any. */
export function testModeOutcome(evidence: Stripe.Dispute.Evidence): "won" | "lost" | null {
  const text = evidence.uncategorized_text ?? "";
  if (text.includes("winning_evidence")) return "won";
  if (text.includes("losing_evidence")) return "lost";
  return null;
}
