/**
 * `/v1/payment_methods` (cards), scoped to the account like every object: create, retrieve, update, list,
 * attach, detach, and a Customer's cards under `/v1/customers/:id/payment_methods`. Stripe.js creates
 * cards with the publishable key (`stripe.createPaymentMethod`); everything else needs the secret key.
 *
 * Cloning (https://docs.stripe.com/connect/direct-charges-multiple-accounts): `POST /v1/payment_methods
 * {customer, payment_method}` sent with Stripe-Account makes a NEW card on that connected account from a
 * platform card attached to that platform Customer: same card (fingerprint, brand, last4, expiry, what it
 * was set up for), attached to nothing there. Each clone is a new PaymentMethod. A platform card attached
 * to nobody may be cloned once without `customer` (it is then spent, as Stripe says).
 */
import { invalidRequest, missingParameter, resourceMissing } from "../errors";
import { clone } from "../events";
import { expand, getOwned, paginate } from "../list";
import { publishableKeyRefused, type ApiContext, type ApiResult, type Router } from "../router";
import { f, LIST_PARAMS, mergeMetadata, parseParams, type FieldValue, type Infer } from "../schema";
import { newId, PLATFORM_ACCOUNT, type CardRecord } from "../state";
import { ALLOW_REDISPLAY, BILLING_DETAILS, CARD_FIELDS, cardFromData } from "./card-input";
import { cardFromPaymentMethod, isTestToken } from "./cards";
import {
  attachCard,
  checkUsable,
  detachCard,
  notTheCustomers,
  paymentMethodObject,
  requireCard,
} from "./payment-method-model";

const CREATE = {
  type: f.enumOf("card"),
  card: CARD_FIELDS,
  billing_details: BILLING_DETAILS,
  allow_redisplay: ALLOW_REDISPLAY,
  metadata: f.metadata(),
  customer: f.string(),
  payment_method: f.string(),
};

type Billing = FieldValue<typeof BILLING_DETAILS>;

/** Billing details given over what the card had; the postal code lives apart (charges read it). */
function applyBilling(card: CardRecord, billing: Billing | undefined): void {
  if (!billing) return;
  const { postal_code: postal, ...address } = billing.address ?? {};
  const now = card.billing ?? {};
  card.billing = {
    name: billing.name ?? now.name ?? null,
    email: billing.email ?? now.email ?? null,
    phone: billing.phone ?? now.phone ?? null,
    address: { ...now.address, ...address },
  };
  if (postal !== undefined) card.billing_postal_code = postal || null;
}

/** The clone of a platform card for the connected account the request acts as. */
function cloneCard(ctx: ApiContext, p: Infer<typeof CREATE>): CardRecord {
  if (ctx.keyKind === "publishable") throw publishableKeyRefused();
  if (!p.payment_method) throw missingParameter("payment_method");
  if (p.card)
    throw invalidRequest("You may only specify one of these parameters: card, payment_method.", "card");
  if (!ctx.connected)
    throw invalidRequest(
      "Cloning a PaymentMethod (`customer` with `payment_method`) shares a platform PaymentMethod with a connected account: send it with the Stripe-Account header of that account.",
      "payment_method",
    );
  const source = requireCard(ctx.em, PLATFORM_ACCOUNT, p.payment_method, "payment_method", 400);
  if (p.customer !== undefined && !getOwned(ctx.em.store.customers, p.customer, PLATFORM_ACCOUNT))
    throw resourceMissing("customer", p.customer, "customer", 400);
  checkUsable(source, p.customer ?? null, "PaymentMethod");
  // Cloning a Customer's card needs that Customer: naming one the card is not attached to is refused.
  if (p.customer !== undefined && source.customer !== p.customer)
    throw notTheCustomers(source.id, "payment_method");
  // "shared with a connected account without Customer attachment": the platform card is spent.
  if (!source.customer) source.consumed = true;
  const copy: CardRecord = {
    ...clone(source),
    id: newId("pm"),
    owner: ctx.account,
    created: ctx.em.now(),
    customer: null,
    consumed: false,
    metadata: mergeMetadata({}, p.metadata),
    ...(p.allow_redisplay ? { allow_redisplay: p.allow_redisplay } : {}),
  };
  applyBilling(copy, p.billing_details);
  return copy;
}

function create(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, CREATE);
  let card: CardRecord;
  if (p.payment_method !== undefined || p.customer !== undefined) card = cloneCard(ctx, p);
  else if (!p.type) throw missingParameter("type");
  else card = cardFromData(ctx, p, "card");
  ctx.em.store.cards[card.id] = card;
  return { body: expand(ctx.em, paymentMethodObject(card), p.expand) };
}

function update(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {
    allow_redisplay: ALLOW_REDISPLAY,
    billing_details: BILLING_DETAILS,
    card: f.obj({ exp_month: f.int({ min: 1, max: 12 }), exp_year: f.int() }),
    metadata: f.metadata(),
  });
  const card = requireCard(ctx.em, ctx.account, ctx.pathParams.id as string, "payment_method");
  if (!card.customer)
    throw invalidRequest("You must save this PaymentMethod to a customer before you can update it.");
  applyBilling(card, p.billing_details);
  if (p.card?.exp_month !== undefined) card.exp_month = p.card.exp_month;
  if (p.card?.exp_year !== undefined) card.exp_year = p.card.exp_year;
  if (p.allow_redisplay) card.allow_redisplay = p.allow_redisplay;
  card.metadata = mergeMetadata(card.metadata ?? {}, p.metadata);
  ctx.em.emit("payment_method.updated", paymentMethodObject(card), { account: card.owner });
  return { body: expand(ctx.em, paymentMethodObject(card), p.expand) };
}

const LIST = { ...LIST_PARAMS, type: f.string(), allow_redisplay: ALLOW_REDISPLAY };
type ListQuery = Infer<typeof LIST>;

/** The cards attached to `customer` of this account (newest first), filtered by `type` / `allow_redisplay`. */
function customerCards(ctx: ApiContext, customer: string, p: ListQuery) {
  if (!getOwned(ctx.em.store.customers, customer, ctx.account))
    throw resourceMissing("customer", customer, "customer", 400);
  const cards = Object.values(ctx.em.store.cards)
    .filter(
      (c) =>
        c.owner === ctx.account &&
        c.customer === customer &&
        (!p.type || p.type === "card") &&
        (!p.allow_redisplay || (c.allow_redisplay ?? "unspecified") === p.allow_redisplay),
    )
    .map(paymentMethodObject);
  return paginate(cards, `/v1/customers/${customer}/payment_methods`, p);
}

function list(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { ...LIST, customer: f.string() });
  // Without `customer` Stripe lists Treasury PaymentMethods only: the emulator has none.
  const page = p.customer
    ? { ...customerCards(ctx, p.customer, p), url: "/v1/payment_methods" }
    : paginate([], "/v1/payment_methods", p);
  return { body: expand(ctx.em, page, p.expand) };
}

function attach(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { customer: f.string().req() });
  const id = ctx.pathParams.id as string;
  // A test token attaches a new card made from it, as Stripe does (`attach("pm_card_visa", ...)`).
  const target = isTestToken(id)
    ? cardFromPaymentMethod(ctx.account, id, {}, ctx.em.now())
    : requireCard(ctx.em, ctx.account, id, "payment_method");
  if (!getOwned(ctx.em.store.customers, p.customer, ctx.account))
    throw resourceMissing("customer", p.customer, "customer", 400);
  if (target.consumed)
    throw invalidRequest(
      "This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.",
    );
  if (target.customer && target.customer !== p.customer)
    throw invalidRequest("The payment method you provided has already been attached to a customer.");
  if (!target.customer) attachCard(ctx.em, target, p.customer);
  return { body: expand(ctx.em, paymentMethodObject(target), p.expand) };
}

function detach(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {});
  const card = requireCard(ctx.em, ctx.account, ctx.pathParams.id as string, "payment_method");
  if (!card.customer)
    throw invalidRequest(
      "The payment method you provided is not attached to a customer so detachment is impossible.",
    );
  detachCard(ctx.em, card);
  return { body: expand(ctx.em, paymentMethodObject(card), p.expand) };
}

export function registerPaymentMethods(router: Router): void {
  router
    .add("POST", "/v1/payment_methods", create, { publishable: true })
    .add("GET", "/v1/payment_methods", list)
    .add("GET", "/v1/payment_methods/:id", (ctx) => {
      const p = parseParams(ctx.params, {});
      const card = requireCard(ctx.em, ctx.account, ctx.pathParams.id as string, "payment_method");
      return { body: expand(ctx.em, paymentMethodObject(card), p.expand) };
    })
    .add("POST", "/v1/payment_methods/:id", update)
    .add("POST", "/v1/payment_methods/:id/attach", attach)
    .add("POST", "/v1/payment_methods/:id/detach", detach)
    .add("GET", "/v1/customers/:customer/payment_methods", (ctx) => {
      const p = parseParams(ctx.params, LIST);
      const customer = ctx.pathParams.customer as string;
      return { body: expand(ctx.em, customerCards(ctx, customer, p), p.expand) };
    })
    .add("GET", "/v1/customers/:customer/payment_methods/:id", (ctx) => {
      const p = parseParams(ctx.params, {});
      const customer = ctx.pathParams.customer as string;
      if (!getOwned(ctx.em.store.customers, customer, ctx.account))
        throw resourceMissing("customer", customer, "customer");
      const card = requireCard(ctx.em, ctx.account, ctx.pathParams.id as string, "payment_method");
      if (card.customer !== customer) throw resourceMissing("PaymentMethod", card.id, "payment_method");
      return { body: expand(ctx.em, paymentMethodObject(card), p.expand) };
    });
}
