import "server-only";
import { createHash } from "node:crypto";
import type Stripe from "stripe";
import { getDisputeWithSeller, listDisputeFileIds } from "@/db/queries/dispute-views";
import { runInTransaction } from "@/db/queries/transaction";
import type { Dispute } from "@/db/schema";
import { recordAudit } from "@/lib/admin/audit";
import { AppError } from "@/lib/errors";
import type { Admin } from "@/lib/guards";
import { stripe } from "@/lib/stripe";
import { stripeFailure } from "@/lib/stripe-errors";
import { EVIDENCE_FILE_FIELDS, evidenceFromStripe, type Evidence } from "./evidence";
import { applyDisputeSnapshot } from "./snapshot";
import { awaitsResponse, disputeStatusLabel } from "./status";

/*
 * The platform answers a dispute on the seller's account (direct charges: the dispute lives on the
 * connected account, reached with `stripeAccount`): evidence saved as a draft (`submit: false`), submitted
 * once (`submit: true`), or the dispute accepted (`disputes.close`). Admins only (the action's guard);
 * every call is audited, idempotent (the key names the dispute and exactly what was sent), and refused
 * before Stripe — writing nothing — when the dispute no longer waits for an answer or names a file
 * that is not this dispute's.
 */

async function openDispute(disputeId: string): Promise<Dispute & { stripeAccountId: string }> {
  const found = await getDisputeWithSeller({ id: disputeId });
  if (!found) throw new AppError("not_found:dispute", "This dispute does not exist.");
  const { dispute } = found;
  if (!dispute.stripeAccountId)
    throw new AppError(
      "conflict:dispute",
      "This dispute is on the platform's own account: answer it in Stripe.",
    );
  if (dispute.closedAt || !awaitsResponse(dispute.status))
    throw new AppError(
      "conflict:dispute",
      `This dispute is ${disputeStatusLabel(dispute.status).toLowerCase()}: its evidence can no longer be changed.`,
    );
  return { ...dispute, stripeAccountId: dispute.stripeAccountId };
}

const keyOf = (...parts: string[]) =>
  createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);

/** The dispute's evidence as Stripe holds it (the saved draft), or null when Stripe cannot be reached. */
export async function readEvidence(dispute: Pick<Dispute, "stripeDisputeId" | "stripeAccountId">) {
  if (!dispute.stripeAccountId) return null;
  try {
    const found = await stripe.disputes.retrieve(
      dispute.stripeDisputeId,
      {},
      {
        stripeAccount: dispute.stripeAccountId,
      },
    );
    return evidenceFromStripe(found.evidence as unknown as Record<string, unknown>);
  } catch (error) {
    stripeFailure(error, "dispute", `disputes.retrieve ${dispute.stripeDisputeId}`);
    return null;
  }
}

async function store(updated: Stripe.Dispute, dispute: Dispute): Promise<Dispute> {
  return runInTransaction((tx) => applyDisputeSnapshot(updated, { account: dispute.stripeAccountId }, tx));
}

async function auditFailure(admin: Admin, action: string, dispute: Dispute, error: unknown, message: string) {
  await recordAudit(admin, {
    action,
    targetType: "dispute",
    targetId: dispute.id,
    details: {
      stripeDisputeId: dispute.stripeDisputeId,
      failure: message,
      stripeCode: (error as { code?: unknown }).code ?? null,
    },
    result: "error",
  });
}

/** Saves (`submit: false`) or submits the evidence. Empty fields clear what was saved before. */
export async function saveEvidence(
  admin: Admin,
  input: { disputeId: string; evidence: Evidence; submit: boolean },
): Promise<Dispute> {
  const dispute = await openDispute(input.disputeId);
  const own = new Set((await listDisputeFileIds({ disputeId: dispute.id })).map((r) => r.stripeFileId));
  const foreign = EVIDENCE_FILE_FIELDS.filter(
    (f) => input.evidence[f.key] && !own.has(input.evidence[f.key]),
  );
  if (foreign.length > 0)
    throw new AppError("bad_request:dispute", "Choose files uploaded to this dispute.", {
      fieldErrors: Object.fromEntries(foreign.map((f) => [f.key, ["Not a file of this dispute."]])),
    });
  if (input.submit && Object.values(input.evidence).every((v) => v === ""))
    throw new AppError("bad_request:dispute", "Give some evidence before submitting it.");
  const action = input.submit ? "dispute.evidence_submit" : "dispute.evidence_save";
  const sent = JSON.stringify(input.evidence);
  let updated: Stripe.Dispute;
  try {
    updated = await stripe.disputes.update(
      dispute.stripeDisputeId,
      { evidence: input.evidence, submit: input.submit },
      {
        stripeAccount: dispute.stripeAccountId,
        idempotencyKey: `dispute-evidence-${keyOf(dispute.id, String(input.submit), sent)}`,
      },
    );
  } catch (error) {
    const failure = stripeFailure(error, "dispute", `disputes.update ${dispute.stripeDisputeId}`);
    await auditFailure(admin, action, dispute, error, failure.message);
    throw failure;
  }
  const filled = Object.entries(input.evidence)
    .filter(([, v]) => v !== "")
    .map(([k]) => k);
  const row = await store(updated, dispute);
  await recordAudit(admin, {
    action,
    targetType: "dispute",
    targetId: dispute.id,
    details: { stripeDisputeId: dispute.stripeDisputeId, fields: filled, status: updated.status },
    result: "ok",
  });
  return row;
}

/** Accepts the dispute (Stripe closes it as lost): the disputed amount and the fee stay withdrawn. */
export async function acceptDispute(admin: Admin, input: { disputeId: string }): Promise<Dispute> {
  const dispute = await openDispute(input.disputeId);
  let closed: Stripe.Dispute;
  try {
    closed = await stripe.disputes.close(
      dispute.stripeDisputeId,
      {},
      {
        stripeAccount: dispute.stripeAccountId,
        idempotencyKey: `dispute-close-${dispute.id}`,
      },
    );
  } catch (error) {
    const failure = stripeFailure(error, "dispute", `disputes.close ${dispute.stripeDisputeId}`);
    await auditFailure(admin, "dispute.accept", dispute, error, failure.message);
    throw failure;
  }
  const row = await store(closed, dispute);
  await recordAudit(admin, {
    action: "dispute.accept",
    targetType: "dispute",
    targetId: dispute.id,
    details: { stripeDisputeId: dispute.stripeDisputeId, amount: dispute.amount, currency: dispute.currency },
    result: "ok",
  });
  return row;
}
