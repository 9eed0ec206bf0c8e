/**
 * `/v1/disputes` (list, retrieve, update evidence/metadata, close), scoped to the account that was charged
 * (for a direct charge: the connected account, reached with Stripe-Account), and the control API's
 * `POST /_emulator/disputes/:id/resolve {outcome: "won"|"lost"}` — the bank's decision, which Stripe makes
 * and the platform cannot. The lifecycle itself is in disputes.ts.
 */
import type Stripe from "stripe";
import { invalidRequest, resourceMissing } from "../errors";
import { json, str, type HttpContext, type HttpResult } from "../http";
import { expand, ownedBy, paginate, requireOwned } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, LIST_PARAMS, parseParams } from "../schema";
import { EVIDENCE_KEYS, type EvidenceKey } from "./dispute-evidence";
import { acceptDispute, resolveDispute, updateDispute } from "./disputes";

const EVIDENCE = f.obj(
  Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, f.string({ maxLength: 20000 })])) as Record<
    EvidenceKey,
    ReturnType<typeof f.string>
  >,
);

function find(ctx: ApiContext): Stripe.Dispute {
  return requireOwned(ctx.em.store.disputes, ctx.pathParams.id as string, ctx.account, "dispute");
}

function list(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { ...LIST_PARAMS, charge: f.string(), payment_intent: f.string() });
  const disputes = ownedBy(ctx.em.store.disputes, ctx.account).filter(
    (d) =>
      (!p.charge || d.charge === p.charge) && (!p.payment_intent || d.payment_intent === p.payment_intent),
  );
  return { body: expand(ctx.em, paginate(disputes, "/v1/disputes", p), p.expand) };
}

function retrieve(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {});
  return { body: expand(ctx.em, find(ctx), p.expand) };
}

function update(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {
    evidence: EVIDENCE,
    metadata: f.metadata(),
    submit: f.bool(),
    intended_submission_method: f.enumOf(
      "manual",
      "prefer_manual",
      "prefer_smart_disputes",
      "smart_disputes",
    ),
  });
  const dispute = updateDispute(ctx.em, ctx.account, find(ctx), {
    ...(p.evidence !== undefined ? { evidence: p.evidence } : {}),
    ...(p.metadata !== undefined ? { metadata: p.metadata } : {}),
    ...(p.submit !== undefined ? { submit: p.submit } : {}),
    ...(p.intended_submission_method ? { intended_submission_method: p.intended_submission_method } : {}),
  });
  return { body: expand(ctx.em, dispute, p.expand) };
}

function close(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {});
  return { body: expand(ctx.em, acceptDispute(ctx.em, ctx.account, find(ctx)), p.expand) };
}

export function registerDisputes(router: Router): void {
  router
    .add("GET", "/v1/disputes", list)
    .add("GET", "/v1/disputes/:id", retrieve)
    .add("POST", "/v1/disputes/:id", update)
    .add("POST", "/v1/disputes/:id/close", close);
}

/** Control API: the bank decides the dispute (whatever evidence was or was not submitted). */
export function resolveDisputeControl(ctx: HttpContext): HttpResult {
  const id = ctx.pathParams.id ?? "";
  const record = ctx.em.store.disputes[id];
  if (!record) throw resourceMissing("dispute", id, "id");
  const outcome = str(ctx.params, "outcome");
  if (outcome !== "won" && outcome !== "lost") throw invalidRequest("outcome must be won or lost", "outcome");
  return json(resolveDispute(ctx.em, record.owner, record.obj, outcome));
}
