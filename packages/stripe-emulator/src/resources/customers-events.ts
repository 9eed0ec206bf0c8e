/**
 * `/v1/customers` (scoped to the account, so a buyer saved on a seller's account is that seller's) and
 * `/v1/events` (the platform sees its own events; with Stripe-Account, that account's events, each naming
 * the account as a Connect delivery does; like Stripe, only events of the last 30 days on the clock).
 */
import type Stripe from "stripe";
import { resourceMissing } from "../errors";
import { expand, ownedBy, paginate, requireOwned } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { ADDRESS, fullAddress, f, LIST_PARAMS, mergeMetadata, parseParams } from "../schema";
import { newId, PLATFORM_ACCOUNT } from "../state";

const FIELDS = {
  address: ADDRESS,
  description: f.string(),
  email: f.string({ maxLength: 512 }),
  metadata: f.metadata(),
  name: f.string({ maxLength: 256 }),
  phone: f.string({ maxLength: 20 }),
  preferred_locales: f.arr(f.string()),
};

function createCustomer(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, FIELDS);
  const customer: Stripe.Customer = {
    id: newId("cus", 14),
    object: "customer",
    address: p.address
      ? { city: null, country: null, line1: null, line2: null, postal_code: null, state: null, ...p.address }
      : null,
    balance: 0,
    created: ctx.em.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: p.description ?? null,
    email: p.email ?? null,
    invoice_prefix: newId("x", 8).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: mergeMetadata({}, p.metadata),
    name: p.name ?? null,
    phone: p.phone ?? null,
    preferred_locales: p.preferred_locales ?? [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
  ctx.em.store.customers[customer.id] = { owner: ctx.account, obj: customer };
  ctx.em.emit("customer.created", customer, { account: ctx.account });
  return { body: expand(ctx.em, customer, p.expand) };
}

function updateCustomer(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, FIELDS);
  const customer = requireOwned(ctx.em.store.customers, ctx.pathParams.id as string, ctx.account, "customer");
  const before = JSON.parse(JSON.stringify(customer)) as Stripe.Customer;
  if (p.address) customer.address = fullAddress(customer.address, p.address);
  if (p.description !== undefined) customer.description = p.description;
  if (p.email !== undefined) customer.email = p.email;
  if (p.name !== undefined) customer.name = p.name;
  if (p.phone !== undefined) customer.phone = p.phone;
  customer.metadata = mergeMetadata(customer.metadata, p.metadata);
  const previous: Record<string, unknown> = {};
  for (const key of ["address", "description", "email", "name", "phone", "metadata"] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(customer[key])) previous[key] = before[key] ?? null;
  }
  if (Object.keys(previous).length > 0)
    ctx.em.emit("customer.updated", customer, { account: ctx.account, previous });
  return { body: expand(ctx.em, customer, p.expand) };
}

/** Stripe lists and retrieves events "created in the last 30 days"; older ones are gone from the API. */
const EVENT_RETENTION_SECONDS = 30 * 86_400;

function eventsFor(ctx: ApiContext): Stripe.Event[] {
  const oldest = ctx.em.now() - EVENT_RETENTION_SECONDS;
  return ctx.em.store.events.filter(
    (e) =>
      e.created >= oldest &&
      (ctx.account === PLATFORM_ACCOUNT ? e.account === undefined : e.account === ctx.account),
  );
}

export function registerCustomersAndEvents(router: Router): void {
  router
    .add("POST", "/v1/customers", createCustomer)
    .add("GET", "/v1/customers", (ctx) => {
      const p = parseParams(ctx.params, { ...LIST_PARAMS, email: f.string() });
      const customers = ownedBy(ctx.em.store.customers, ctx.account).filter(
        (c) => !p.email || c.email === p.email,
      );
      return { body: expand(ctx.em, paginate(customers, "/v1/customers", p), p.expand) };
    })
    .add("GET", "/v1/customers/:id", (ctx) => {
      const p = parseParams(ctx.params, {});
      return {
        body: expand(
          ctx.em,
          requireOwned(ctx.em.store.customers, ctx.pathParams.id as string, ctx.account, "customer"),
          p.expand,
        ),
      };
    })
    .add("POST", "/v1/customers/:id", updateCustomer)
    .add("GET", "/v1/events", (ctx) => {
      const p = parseParams(ctx.params, {
        ...LIST_PARAMS,
        type: f.string(),
        types: f.arr(f.string()),
        delivery_success: f.bool(),
      });
      const matchType = (t: string): boolean =>
        (!p.type || (p.type.endsWith(".*") ? t.startsWith(p.type.slice(0, -1)) : t === p.type)) &&
        (!p.types || p.types.includes(t));
      return {
        body: paginate(
          eventsFor(ctx).filter((e) => matchType(e.type)),
          "/v1/events",
          p,
        ),
      };
    })
    .add("GET", "/v1/events/:id", (ctx) => {
      parseParams(ctx.params, {});
      const event = eventsFor(ctx).find((e) => e.id === ctx.pathParams.id);
      if (!event) throw resourceMissing("event", ctx.pathParams.id as string, "id");
      return { body: event };
    });
}
