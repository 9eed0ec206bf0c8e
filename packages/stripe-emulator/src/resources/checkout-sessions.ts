/**
 * `/v1/checkout/sessions`: create, retrieve, list, line items, expire — scoped to the account named by
 * Stripe-Account like every object (a seller's session is invisible to the platform without the header).
 * Parameters and their rules: checkout-params.ts; the object and its life: checkout-model.ts; paying it:
 * checkout-pay.ts (hosted page: checkout-page.ts). Also the control API's delayed payment,
 * `POST /_emulator/checkout/sessions/:id/async_payment {outcome}`.
 */
import type Stripe from "stripe";
import { invalidRequest, resourceMissing } from "../errors";
import { json, str, type HttpContext, type HttpResult } from "../http";
import { expand, ownedBy, paginate, requireOwned } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, LIST_PARAMS, parseParams } from "../schema";
import { checkCreate, CREATE } from "./checkout-params";
import { buildSession, expireSession, type SessionRecord } from "./checkout-model";
import { delayedPayment } from "./checkout-pay";

function find(ctx: ApiContext): SessionRecord {
  const id = ctx.pathParams.id as string;
  requireOwned(ctx.em.store.checkoutSessions, id, ctx.account, "checkout.session");
  return ctx.em.store.checkoutSessions[id] as SessionRecord;
}

function lineItemList(
  ctx: ApiContext,
  id: string,
  params: { limit?: number },
): Stripe.ApiList<Stripe.LineItem> {
  const items = ctx.em.store.checkoutSessionDetails[id]?.line_items ?? [];
  // Line items keep the order they were given in (paginate orders newest first: feed it reversed).
  return paginate(items.slice().reverse(), `/v1/checkout/sessions/${id}/line_items`, params);
}

/** The session as answered: `expand[]=line_items` attaches the list (Stripe includes it only on request). */
function view(
  ctx: ApiContext,
  s: Stripe.Checkout.Session,
  paths: string[] | undefined,
): Stripe.Checkout.Session {
  const wantsItems = paths?.some((path) => path === "line_items" || path.startsWith("line_items."));
  const withItems = wantsItems ? { ...s, line_items: lineItemList(ctx, s.id, {}) } : s;
  return expand(
    ctx.em,
    withItems,
    paths?.filter((path) => path !== "line_items"),
  );
}

function create(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, CREATE);
  const checked = checkCreate(ctx, p);
  const { session, details } = buildSession(ctx.em, p, checked);
  ctx.em.store.checkoutSessions[session.id] = { owner: ctx.account, obj: session };
  ctx.em.store.checkoutSessionDetails[session.id] = details;
  return { body: view(ctx, session, p.expand) };
}

function retrieve(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {});
  return { body: view(ctx, find(ctx).obj, p.expand) };
}

function list(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {
    ...LIST_PARAMS,
    customer: f.string(),
    customer_details: f.obj({ email: f.string().req() }),
    payment_intent: f.string(),
    payment_link: f.string(),
    status: f.enumOf("complete", "expired", "open"),
    subscription: f.string(),
  });
  const sessions = ownedBy(ctx.em.store.checkoutSessions, ctx.account).filter(
    (s) =>
      (!p.customer || s.customer === p.customer) &&
      (!p.customer_details || s.customer_details?.email === p.customer_details.email) &&
      (!p.payment_intent || s.payment_intent === p.payment_intent) &&
      (!p.payment_link || s.payment_link === p.payment_link) &&
      (!p.status || s.status === p.status) &&
      (!p.subscription || s.subscription === p.subscription),
  );
  return { body: expand(ctx.em, paginate(sessions, "/v1/checkout/sessions", p), p.expand) };
}

function lineItems(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, LIST_PARAMS);
  const s = find(ctx).obj;
  return { body: expand(ctx.em, lineItemList(ctx, s.id, p), p.expand) };
}

function expire(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {});
  const rec = find(ctx);
  expireSession(ctx.em, rec);
  return { body: view(ctx, rec.obj, p.expand) };
}

export function registerCheckoutSessions(router: Router): void {
  router
    .add("POST", "/v1/checkout/sessions", create)
    .add("GET", "/v1/checkout/sessions", list)
    .add("GET", "/v1/checkout/sessions/:id", retrieve)
    .add("GET", "/v1/checkout/sessions/:id/line_items", lineItems)
    .add("POST", "/v1/checkout/sessions/:id/expire", expire);
}

/**
 * Control API: `POST /_emulator/checkout/sessions/:id/async_payment {outcome: "pending" | "succeeded" |
 * "failed"}` — a delayed payment (checkout-pay.ts `delayedPayment`). Answers the session.
 */
export function checkoutAsyncPayment(ctx: HttpContext): HttpResult {
  const id = ctx.pathParams.id ?? "";
  const rec = ctx.em.store.checkoutSessions[id];
  if (!rec) throw resourceMissing("checkout.session", id, "id");
  const outcome = str(ctx.params, "outcome");
  if (outcome !== "pending" && outcome !== "succeeded" && outcome !== "failed")
    throw invalidRequest("outcome must be pending, succeeded or failed", "outcome");
  delayedPayment(ctx.em, rec, outcome);
  return json(rec.obj);
}
