/**
 * `/v1/setup_intents`: create, retrieve, confirm, cancel, list — scoped to the account named by
 * Stripe-Account like PaymentIntents. Retrieve and confirm also take a publishable key with the SetupIntent's
 * client_secret (`seti_…_secret_…`), as Stripe.js calls them. The states and what success does to the card
 * are in setup-flow.ts. https://docs.stripe.com/api/setup_intents
 */
import type Stripe from "stripe";
import { invalidRequest, resourceMissing } from "../errors";
import { expand, getOwned, ownedBy, paginate } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, LIST_PARAMS, parseParams, type FieldValue } from "../schema";
import { PAYMENT_METHOD_DATA, resolveCard } from "./card-input";
import { newIntentFields } from "./intent-fields";
import { checkCustomer, checkReturnUrl } from "./payment-intent-rules";
import { customerIdOf } from "./payment-method-model";
import { cancelSetup, confirmSetup, SETUP_CONFIRMABLE } from "./setup-flow";

const CARD_OPTIONS = f.obj({
  card: f.obj({ request_three_d_secure: f.enumOf("any", "automatic", "challenge") }),
});
const CONFIRM_COMMON = {
  payment_method: f.string(),
  payment_method_data: PAYMENT_METHOD_DATA,
  payment_method_options: CARD_OPTIONS,
  return_url: f.string(),
  use_stripe_sdk: f.bool(),
};
const CREATE = {
  ...CONFIRM_COMMON,
  allowed_payment_method_types: f.arr(f.string()),
  automatic_payment_methods: f.obj({ enabled: f.bool().req(), allow_redirects: f.enumOf("always", "never") }),
  confirm: f.bool(),
  customer: f.string(),
  description: f.string({ maxLength: 1000 }),
  metadata: f.metadata(),
  on_behalf_of: f.string(),
  payment_method_types: f.arr(f.string()),
  usage: f.enumOf("on_session", "off_session"),
};
const CONFIRM = {
  ...CONFIRM_COMMON,
  client_secret: f.string(),
  expected_payment_method_type: f.string(),
  key: f.string(),
};

/** Looks a SetupIntent up in the caller's account; with a publishable key the client_secret must match. */
function findSetupIntent(ctx: ApiContext, clientSecret: string | undefined): Stripe.SetupIntent {
  const id = ctx.pathParams.id as string;
  if (ctx.keyKind === "publishable" && !clientSecret)
    throw invalidRequest("Missing required param: client_secret.", "client_secret", "parameter_missing");
  const si = getOwned(ctx.em.store.setupIntents, id, ctx.account);
  const secretOk = ctx.keyKind === "secret" || si?.client_secret === clientSecret;
  if (!si || !secretOk) throw resourceMissing("setup_intent", id, "intent");
  return si;
}

/** The shape checkReturnUrl reads: an allowlist of cards only cannot redirect. */
function redirectShape(si: Stripe.SetupIntent) {
  const onlyCards = si.allowed_payment_method_types?.every((t) => t === "card") ?? false;
  return {
    automatic_payment_methods: onlyCards ? null : si.automatic_payment_methods,
    payment_method_types: si.payment_method_types,
  };
}

function applyOptions(si: Stripe.SetupIntent, options: FieldValue<typeof CARD_OPTIONS> = {}) {
  const threeDs = options.card?.request_three_d_secure;
  if (threeDs && si.payment_method_options?.card)
    si.payment_method_options.card.request_three_d_secure = threeDs;
}

function create(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, CREATE);
  const base = newIntentFields(ctx, "seti", p);
  checkCustomer(ctx, p.customer);
  if (p.on_behalf_of !== undefined && !ctx.em.store.accounts[p.on_behalf_of])
    throw resourceMissing("account", p.on_behalf_of, "on_behalf_of", 400);
  const si: Stripe.SetupIntent = {
    ...base,
    object: "setup_intent",
    allowed_payment_method_types: p.allowed_payment_method_types ?? null,
    last_setup_error: null,
    latest_attempt: null,
    mandate: null,
    payment_method_options: {
      card: { mandate_options: null, network: null, request_three_d_secure: "automatic" },
    },
    payment_method_types: p.payment_method_types ?? p.allowed_payment_method_types ?? ["card"],
    single_use_mandate: null,
    status: "requires_payment_method",
    usage: p.usage ?? "off_session",
  };
  applyOptions(si, p.payment_method_options);
  if (p.confirm) checkReturnUrl(ctx, redirectShape(si), p.return_url, "Setup Intent");
  const card = resolveCard(ctx, p, { customer: p.customer ?? null, noun: "SetupIntent" });
  if (card) {
    ctx.em.store.cards[card.id] = card;
    si.payment_method = card.id;
    si.status = "requires_confirmation";
  }
  ctx.em.store.setupIntents[si.id] = { owner: ctx.account, obj: si };
  ctx.em.emit("setup_intent.created", si, { account: ctx.account });
  if (p.confirm) confirmSetup(ctx.em, ctx.account, si, card);
  return { body: expand(ctx.em, si, p.expand) };
}

function confirm(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, CONFIRM);
  const si = findSetupIntent(ctx, p.client_secret);
  // A wrong status is the first thing Stripe reports; confirmSetup raises it.
  if (SETUP_CONFIRMABLE.includes(si.status))
    checkReturnUrl(ctx, redirectShape(si), p.return_url, "Setup Intent");
  const card = resolveCard(ctx, p, { customer: customerIdOf(si), noun: "SetupIntent" });
  if (SETUP_CONFIRMABLE.includes(si.status)) applyOptions(si, p.payment_method_options);
  confirmSetup(ctx.em, ctx.account, si, card);
  return { body: expand(ctx.em, si, p.expand) };
}

export function registerSetupIntents(router: Router): void {
  router
    .add("POST", "/v1/setup_intents", create)
    .add("GET", "/v1/setup_intents", (ctx) => {
      const p = parseParams(ctx.params, { ...LIST_PARAMS, customer: f.string(), payment_method: f.string() });
      const items = ownedBy(ctx.em.store.setupIntents, ctx.account).filter(
        (si) =>
          (!p.customer || customerIdOf(si) === p.customer) &&
          (!p.payment_method || si.payment_method === p.payment_method),
      );
      return { body: expand(ctx.em, paginate(items, "/v1/setup_intents", p), p.expand) };
    })
    .add(
      "GET",
      "/v1/setup_intents/:id",
      (ctx) => {
        const p = parseParams(ctx.params, { client_secret: f.string() });
        return { body: expand(ctx.em, findSetupIntent(ctx, p.client_secret), p.expand) };
      },
      { publishable: true },
    )
    .add("POST", "/v1/setup_intents/:id/confirm", confirm, { publishable: true })
    .add("POST", "/v1/setup_intents/:id/cancel", (ctx) => {
      const p = parseParams(ctx.params, {
        cancellation_reason: f.enumOf("abandoned", "requested_by_customer", "duplicate"),
      });
      const si = findSetupIntent(ctx, undefined);
      return { body: expand(ctx.em, cancelSetup(ctx.em, ctx.account, si, p.cancellation_reason), p.expand) };
    });
}
