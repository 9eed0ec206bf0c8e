/**
 * `/v1/customers`, scoped to the account (a buyer saved on a seller's account is that seller's; a
 * platform Customer is the platform's). `invoice_settings.default_payment_method` must name a card
 * attached to that Customer, as Stripe checks. Deleting a Customer detaches its cards (they can never be
 * used again); retrieving it afterwards answers `{ id, object: "customer", deleted: true }` like Stripe,
 * every other call "No such customer".
 */
import type Stripe from "stripe";
import { clone, previousAttributes } from "../events";
import { expand, getOwned, ownedBy, paginate, requireOwned } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { ADDRESS, fullAddress, f, LIST_PARAMS, mergeMetadata, parseParams } from "../schema";
import { newId } from "../state";
import { detachCard, notTheCustomers, requireCard } from "./payment-method-model";

const FIELDS = {
  address: ADDRESS,
  description: f.string(),
  email: f.string({ maxLength: 512 }),
  invoice_settings: f.obj({ default_payment_method: f.string() }),
  metadata: f.metadata(),
  name: f.string({ maxLength: 256 }),
  phone: f.string({ maxLength: 20 }),
  preferred_locales: f.arr(f.string()),
};

const DEFAULT_PM = "invoice_settings[default_payment_method]";

/** A default payment method must be a card of this account attached to `customer` ("" unsets it). */
function defaultPaymentMethod(ctx: ApiContext, customer: string, id: string): string | null {
  if (id === "") return null;
  const card = requireCard(ctx.em, ctx.account, id, DEFAULT_PM, 400);
  if (card.customer !== customer) throw notTheCustomers(id, DEFAULT_PM);
  return id;
}

function createCustomer(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, FIELDS);
  const id = newId("cus", 14);
  const defaultPm = p.invoice_settings?.default_payment_method;
  const customer: Stripe.Customer = {
    id,
    object: "customer",
    address: p.address ? fullAddress(p.address) : null,
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
      // A new Customer has no card yet: any id given is refused the way Stripe refuses it.
      default_payment_method: defaultPm === undefined ? null : defaultPaymentMethod(ctx, id, defaultPm),
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
  const defaultPm = p.invoice_settings?.default_payment_method;
  const nextDefault = defaultPm === undefined ? undefined : defaultPaymentMethod(ctx, customer.id, defaultPm);
  const before = clone(customer);
  if (p.address) customer.address = fullAddress(customer.address, p.address);
  if (p.description !== undefined) customer.description = p.description;
  if (p.email !== undefined) customer.email = p.email;
  if (p.name !== undefined) customer.name = p.name;
  if (p.phone !== undefined) customer.phone = p.phone;
  if (p.preferred_locales !== undefined) customer.preferred_locales = p.preferred_locales;
  if (nextDefault !== undefined) customer.invoice_settings.default_payment_method = nextDefault;
  customer.metadata = mergeMetadata(customer.metadata, p.metadata);
  const previous = previousAttributes(before, customer);
  if (previous) ctx.em.emit("customer.updated", customer, { account: ctx.account, previous });
  return { body: expand(ctx.em, customer, p.expand) };
}

function retrieveCustomer(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {});
  const id = ctx.pathParams.id as string;
  if (
    !getOwned(ctx.em.store.customers, id, ctx.account) &&
    ctx.em.store.deletedCustomers[id] === ctx.account
  ) {
    const deleted: Stripe.DeletedCustomer = { id, object: "customer", deleted: true };
    return { body: deleted };
  }
  return {
    body: expand(ctx.em, requireOwned(ctx.em.store.customers, id, ctx.account, "customer"), p.expand),
  };
}

function deleteCustomer(ctx: ApiContext): ApiResult {
  parseParams(ctx.params, {});
  const customer = requireOwned(ctx.em.store.customers, ctx.pathParams.id as string, ctx.account, "customer");
  delete ctx.em.store.customers[customer.id];
  ctx.em.store.deletedCustomers[customer.id] = ctx.account;
  ctx.em.emit("customer.deleted", customer, { account: ctx.account });
  for (const card of Object.values(ctx.em.store.cards)) {
    if (card.owner === ctx.account && card.customer === customer.id) detachCard(ctx.em, card);
  }
  const deleted: Stripe.DeletedCustomer = { id: customer.id, object: "customer", deleted: true };
  return { body: deleted };
}

export function registerCustomers(router: Router): void {
  router
    .add("POST", "/v1/customers", createCustomer)
    .add("GET", "/v1/customers", (ctx) => {
      const p = parseParams(ctx.params, { ...LIST_PARAMS, email: f.string() });
      const customers = ownedBy(ctx.em.store.customers, ctx.account).filter(
        (c) => !p.email || c.email === p.email,
      );
      return { body: expand(ctx.em, paginate(customers, "/v1/customers", p), p.expand) };
    })
    .add("GET", "/v1/customers/:id", retrieveCustomer)
    .add("POST", "/v1/customers/:id", updateCustomer)
    .add("DELETE", "/v1/customers/:id", deleteCustomer);
}
