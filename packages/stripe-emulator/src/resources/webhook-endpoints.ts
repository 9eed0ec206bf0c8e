/**
 * `/v1/webhook_endpoints` (create, retrieve, update, list, delete), as Stripe's API reference describes it:
 * an endpoint has a `url`, the `enabled_events` it subscribes to (`*` = all), an optional `api_version`
 * its events are rendered at (fixed at creation) and `connect` (events of connected accounts, or of the
 * platform's own account). The `secret` is returned only by create. The built-in platform and Connect
 * endpoints (`we_platform`, `we_connect`) are listed here too, as the Dashboard's endpoints are.
 * Endpoints are the platform's configuration: a connected account's key cannot manage them here.
 */
import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import { invalidRequest, resourceMissing } from "../errors";
import { paginate } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, LIST_PARAMS, mergeMetadata, parseParams } from "../schema";
import type { Endpoint } from "../webhooks";

/** `2026-10-28.endive`, `2020-08-27`: the version names Stripe publishes (no beta flags for endpoints). */
const API_VERSION_FORMAT = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;
/** `*` or a dotted event type such as `charge.dispute.closed`. */
const EVENT_TYPE_FORMAT = /^(\*|[a-z_]+(\.[a-z_]+)+)$/;

function eventList(value: string[], param: string): string[] {
  if (value.length === 0)
    throw invalidRequest(`Invalid ${param}: must contain at least one event type`, param);
  value.forEach((type, i) => {
    if (!EVENT_TYPE_FORMAT.test(type))
      throw invalidRequest(`Invalid ${param}[${i}]: '${type}' is not a valid event type`, `${param}[${i}]`);
  });
  return [...new Set(value)];
}

function urlOf(value: string): string {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
    throw invalidRequest(`Invalid URL: ${value}. The URL must be an absolute http(s) URL.`, "url");
  return value;
}

export function toStripe(e: Endpoint, withSecret = false): Stripe.WebhookEndpoint {
  return {
    id: e.id,
    object: "webhook_endpoint",
    api_version: e.api_version,
    application: null,
    created: e.created,
    description: e.description,
    enabled_events: [...e.enabled_events],
    livemode: false,
    metadata: { ...e.metadata },
    ...(withSecret ? { secret: e.secret } : {}),
    status: e.status,
    url: e.url,
  };
}

function platformOnly(ctx: ApiContext): void {
  if (ctx.connected)
    throw invalidRequest(
      "Webhook endpoints are managed with the platform's own key in the emulator; drop the Stripe-Account header.",
    );
}

function find(ctx: ApiContext): Endpoint {
  const id = ctx.pathParams.id ?? "";
  const endpoint = ctx.em.webhooks.endpoints().find((e) => e.id === id);
  if (!endpoint) throw resourceMissing("webhook_endpoint", id, "id");
  return endpoint;
}

const TEXT = { description: f.string({ maxLength: 5000 }), metadata: f.metadata() };

function create(ctx: ApiContext): ApiResult {
  platformOnly(ctx);
  const p = parseParams(ctx.params, {
    url: f.string({ nonEmpty: true }).req(),
    enabled_events: f.arr(f.string()).req(),
    api_version: f.string(),
    connect: f.bool(),
    ...TEXT,
  });
  if (p.api_version !== undefined && !API_VERSION_FORMAT.test(p.api_version))
    throw invalidRequest(`Invalid api_version: ${p.api_version}`, "api_version");
  const endpoint = ctx.em.webhooks.addEndpoint({
    url: urlOf(p.url),
    secret: `whsec_${randomBytes(24).toString("hex")}`,
    connect: p.connect ?? false,
    enabled_events: eventList(p.enabled_events, "enabled_events"),
    api_version: p.api_version ?? null,
    description: p.description || null,
    metadata: mergeMetadata({}, p.metadata),
  });
  ctx.em.changed();
  return { body: toStripe(endpoint, true) };
}

function update(ctx: ApiContext): ApiResult {
  platformOnly(ctx);
  const p = parseParams(ctx.params, {
    url: f.string({ nonEmpty: true }),
    enabled_events: f.arr(f.string()),
    disabled: f.bool(),
    ...TEXT,
  });
  const endpoint = find(ctx);
  const url = p.url === undefined ? undefined : urlOf(p.url);
  const events = p.enabled_events === undefined ? undefined : eventList(p.enabled_events, "enabled_events");
  // Validated first, applied after: a refused update changes nothing.
  if (url !== undefined) endpoint.url = url;
  if (events !== undefined) endpoint.enabled_events = events;
  if (p.disabled !== undefined) endpoint.status = p.disabled ? "disabled" : "enabled";
  if (p.description !== undefined) endpoint.description = p.description || null;
  endpoint.metadata = mergeMetadata(endpoint.metadata, p.metadata);
  return { body: toStripe(endpoint) };
}

export function registerWebhookEndpoints(router: Router): void {
  router
    .add("POST", "/v1/webhook_endpoints", create)
    .add("GET", "/v1/webhook_endpoints", (ctx) => {
      platformOnly(ctx);
      const p = parseParams(ctx.params, LIST_PARAMS);
      const all = ctx.em.webhooks.endpoints().map((e) => toStripe(e));
      return { body: paginate(all, "/v1/webhook_endpoints", p) };
    })
    .add("GET", "/v1/webhook_endpoints/:id", (ctx) => {
      platformOnly(ctx);
      parseParams(ctx.params, {});
      return { body: toStripe(find(ctx)) };
    })
    .add("POST", "/v1/webhook_endpoints/:id", update)
    .add("DELETE", "/v1/webhook_endpoints/:id", (ctx) => {
      platformOnly(ctx);
      parseParams(ctx.params, {});
      const { id } = find(ctx);
      ctx.em.webhooks.removeEndpoint(id, { builtin: true });
      const deleted: Stripe.DeletedWebhookEndpoint = { id, object: "webhook_endpoint", deleted: true };
      return { body: deleted };
    });
}
