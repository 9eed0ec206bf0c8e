/**
 * The control API (`/_emulator/...`, JSON, no key): what tests and a person debugging use to look inside
 * and to bend reality — list events and delivery attempts, resend / duplicate / reorder deliveries, add
 * webhook endpoints (`enabled_events`, `api_version` as on Stripe's endpoints), advance the clock, inject faults, onboard an account, reset. Loopback only.
 */
import { invalidRequest, resourceMissing } from "../errors";
import { FAULT_KINDS, type FaultKind } from "../faults";
import type { ParamValue } from "../form";
import { json, str, type HttpContext, type HttpResult } from "../http";
import { PLATFORM_ACCOUNT } from "../state";
import { eventPayload, signatureHeader, type Endpoint } from "../webhooks";
import { requireConnected } from "./account-model";
import { completeOnboarding, updateAccount } from "./account-requirements";

function bool(v: ParamValue | undefined): boolean {
  return v === true || v === "true" || v === "1";
}

function positiveInt(v: ParamValue | undefined, param: string, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 0)
    throw invalidRequest(`${param} must be a non-negative integer`, param);
  return n;
}

function stringList(v: ParamValue | undefined, param: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
    throw invalidRequest(`${param} must be a list of strings`, param);
  return v;
}

function findEvent(ctx: HttpContext) {
  const event = ctx.em.store.events.find((e) => e.id === ctx.pathParams.id);
  if (!event) throw resourceMissing("event", ctx.pathParams.id ?? "", "id");
  return event;
}

export function listEvents(ctx: HttpContext): HttpResult {
  const account = ctx.url.searchParams.get("account");
  const type = ctx.url.searchParams.get("type");
  const events = ctx.em.store.events
    .filter(
      (e) =>
        (!account || (account === PLATFORM_ACCOUNT ? e.account === undefined : e.account === account)) &&
        (!type || e.type === type),
    )
    .slice()
    .reverse();
  return json({ object: "list", data: events });
}

export const eventDeliveries = (ctx: HttpContext): HttpResult =>
  json({ object: "list", data: ctx.em.store.deliveries.filter((d) => d.event === findEvent(ctx).id) });

export const listDeliveries = (ctx: HttpContext): HttpResult =>
  json({ object: "list", data: ctx.em.store.deliveries.slice().reverse() });

export function signedEvent(ctx: HttpContext): HttpResult {
  const event = findEvent(ctx);
  const which = ctx.url.searchParams.get("secret") ?? (event.account ? "connect" : "platform");
  if (which !== "platform" && which !== "connect")
    throw invalidRequest("secret must be platform or connect", "secret");
  const secret =
    which === "connect" ? ctx.em.options.connectWebhookSecret : ctx.em.options.platformWebhookSecret;
  const payload = eventPayload(event);
  return json({ payload, header: signatureHeader(payload, secret) });
}

function redeliver(ctx: HttpContext, copies: number): HttpResult {
  const event = findEvent(ctx);
  const before = ctx.em.store.deliveries.length;
  ctx.em.webhooks.enqueue(event, copies);
  return json({ object: "list", data: ctx.em.store.deliveries.slice(before) });
}

export const resendEvent = (ctx: HttpContext): HttpResult => redeliver(ctx, 1);
export const duplicateEvent = (ctx: HttpContext): HttpResult =>
  redeliver(ctx, Math.max(1, positiveInt(ctx.params.count, "count", 1)));

export function pauseDelivery(ctx: HttpContext): HttpResult {
  ctx.em.webhooks.pause();
  return json({ paused: true });
}

export function resumeDelivery(ctx: HttpContext): HttpResult {
  const order = str(ctx.params, "order") ?? "fifo";
  if (order !== "fifo" && order !== "reverse" && order !== "shuffle")
    throw invalidRequest("order must be fifo, reverse or shuffle", "order");
  return json({ paused: false, released: ctx.em.webhooks.resume(order) });
}

export function addEndpoint(ctx: HttpContext): HttpResult {
  const url = str(ctx.params, "url");
  const secret = str(ctx.params, "secret");
  if (!url || !/^https?:\/\//.test(url)) throw invalidRequest("url must be an http(s) URL", "url");
  if (!secret) throw invalidRequest("Missing required param: secret.", "secret");
  const accounts = stringList(ctx.params.accounts, "accounts");
  const events = stringList(ctx.params.enabled_events, "enabled_events");
  if (events?.length === 0)
    throw invalidRequest("enabled_events must name at least one event type", "enabled_events");
  const apiVersion = str(ctx.params, "api_version");
  const endpoint = ctx.em.webhooks.addEndpoint({
    url,
    secret,
    connect: bool(ctx.params.connect),
    ...(accounts ? { accounts } : {}),
    ...(events ? { enabled_events: events } : {}),
    ...(apiVersion ? { api_version: apiVersion } : {}),
  });
  return json(endpointView(endpoint));
}

function endpointView(e: Endpoint) {
  return {
    id: e.id,
    url: e.url,
    connect: e.connect,
    accounts: e.accounts ?? null,
    enabled_events: e.enabled_events,
    api_version: e.api_version,
    builtin: e.builtin,
  };
}

export function removeEndpoint(ctx: HttpContext): HttpResult {
  const id = ctx.pathParams.id ?? "";
  if (!ctx.em.webhooks.removeEndpoint(id)) throw resourceMissing("webhook endpoint", id, "id");
  return json({ id, deleted: true });
}

export function advanceClock(ctx: HttpContext): HttpResult {
  ctx.em.advanceClock(positiveInt(ctx.params.seconds, "seconds"));
  return json({ now: ctx.em.now(), offset: ctx.em.store.clockOffset });
}

function rateParam(v: ParamValue | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!(n > 0 && n <= 1)) throw invalidRequest("rate must be a number in (0, 1]", "rate");
  return n;
}

/** `{path, kind, method?, timeoutMs?}` plus either `count` (default 1) or `rate` (+ optional `seed`). */
export function addFault(ctx: HttpContext): HttpResult {
  const path = str(ctx.params, "path");
  const kind = str(ctx.params, "kind");
  if (!path) throw invalidRequest("Missing required param: path.", "path");
  if (!kind || !(FAULT_KINDS as readonly string[]).includes(kind))
    throw invalidRequest(`kind must be one of ${FAULT_KINDS.join(", ")}`, "kind");
  const method = str(ctx.params, "method");
  const optionalInt = (key: string): number | undefined =>
    ctx.params[key] === undefined ? undefined : positiveInt(ctx.params[key], key);
  const timeoutMs = optionalInt("timeoutMs");
  const rate = rateParam(ctx.params.rate);
  const seed = optionalInt("seed");
  if (rate !== undefined && ctx.params.count !== undefined)
    throw invalidRequest("Give either count or rate, not both.", "rate");
  if (rate === undefined && seed !== undefined)
    throw invalidRequest("seed only applies to rate faults.", "seed");
  const fault = ctx.em.faults.add({
    path,
    kind: kind as FaultKind,
    ...(rate !== undefined
      ? { rate, ...(seed !== undefined ? { seed } : {}) }
      : { count: Math.max(1, positiveInt(ctx.params.count, "count", 1)) }),
    ...(method ? { method } : {}),
    ...(str(ctx.params, "account") ? { account: str(ctx.params, "account") } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  return json(fault);
}

/** Clears every fault; answers with their final counters (what rate faults actually injected). */
export function clearFaults(ctx: HttpContext): HttpResult {
  const cleared = ctx.em.faults.list();
  ctx.em.faults.clear();
  return json({ deleted: true, data: cleared });
}

export const listFaults = (ctx: HttpContext): HttpResult =>
  json({ object: "list", data: ctx.em.faults.list() });

export function onboard(ctx: HttpContext): HttpResult {
  const id = ctx.pathParams.id ?? "";
  requireConnected(ctx.em, id, "id", 404);
  return json(completeOnboarding(ctx.em, id));
}

/** Makes requirements due again (e.g. Stripe asking for more information): charges and payouts stop. */
export function forceRequirements(ctx: HttpContext): HttpResult {
  const id = ctx.pathParams.id ?? "";
  requireConnected(ctx.em, id, "id", 404);
  const due = stringList(ctx.params.currently_due, "currently_due") ?? [];
  return json(
    updateAccount(ctx.em, id, () => {
      if (due.length > 0) ctx.em.store.forcedRequirements[id] = due;
      else delete ctx.em.store.forcedRequirements[id];
    }),
  );
}

export function reset(ctx: HttpContext): HttpResult {
  ctx.em.reset();
  return json({ reset: true });
}

export function state(ctx: HttpContext): HttpResult {
  const s = ctx.em.store;
  const count = (o: object): number => Object.keys(o).length;
  return json({
    now: ctx.em.now(),
    clock_offset: s.clockOffset,
    paused: ctx.em.webhooks.isPaused(),
    counts: {
      accounts: count(s.accounts),
      payment_intents: count(s.paymentIntents),
      charges: count(s.charges),
      refunds: count(s.refunds),
      payouts: count(s.payouts),
      customers: count(s.customers),
      payment_methods: count(s.cards),
      setup_intents: count(s.setupIntents),
      application_fees: count(s.applicationFees),
      checkout_sessions: count(s.checkoutSessions),
      transfers: count(s.transfers),
      events: s.events.length,
      deliveries: s.deliveries.length,
      pending_deliveries: s.deliveries.filter(
        (d) => d.status === "pending" || d.status === "held" || d.status === "in_flight",
      ).length,
    },
    webhook_endpoints: ctx.em.webhooks.endpoints().map(endpointView),
    faults: ctx.em.faults.list(),
  });
}
