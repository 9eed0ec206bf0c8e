/**
 * `/v1/payment_intents`: create, retrieve, update, confirm, capture, cancel, list — scoped to the account
 * named by Stripe-Account (an intent made on a connected account is invisible to the platform without
 * the header: the direct-charge mistake this emulator must catch). Retrieve and confirm also accept a
 * publishable key with the intent's client_secret, as Stripe.js calls them from the browser.
 */
import type Stripe from "stripe";
import { invalidRequest, resourceMissing } from "../errors";
import { expand, getOwned, ownedBy, paginate } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { fullAddress, f, LIST_PARAMS, mergeMetadata, parseParams, type Infer } from "../schema";
import {
  checkCardPayments,
  checkCustomer,
  checkDestination,
  checkMoney,
  checkReturnUrl,
  CONFIRM,
  CREATE,
  UPDATE,
} from "./payment-intent-rules";
import { resolveCard } from "./card-input";
import { customerIdOf } from "./payment-method-model";
import { cancelIntent, captureIntent } from "./capture-cancel";
import { newIntentFields } from "./intent-fields";
import { assertCanCharge, CONFIRMABLE, confirmIntent } from "./payment-flow";

/** Looks an intent up in the caller's account; with a publishable key the client_secret must match. */
function findIntent(ctx: ApiContext, clientSecret: string | undefined): Stripe.PaymentIntent {
  const id = ctx.pathParams.id as string;
  const pi = getOwned(ctx.em.store.paymentIntents, id, ctx.account);
  const secretOk =
    ctx.keyKind === "secret" || (clientSecret !== undefined && pi?.client_secret === clientSecret);
  if (!pi || !secretOk) throw resourceMissing("payment_intent", id, "intent");
  return pi;
}

function shippingOf(shipping: Infer<typeof CREATE>["shipping"]): Stripe.PaymentIntent.Shipping | null {
  if (!shipping) return null;
  return {
    address: fullAddress(shipping.address),
    carrier: shipping.carrier ?? null,
    name: shipping.name,
    phone: shipping.phone ?? null,
    tracking_number: shipping.tracking_number ?? null,
  };
}

function refuseCardDescriptor(descriptor: string | undefined, types: string[]): void {
  if (descriptor && types.includes("card"))
    throw invalidRequest(
      "The `statement_descriptor` parameter is not supported for the `card` payment method type. Use `statement_descriptor_suffix` instead.",
      "statement_descriptor",
    );
}

function create(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, CREATE);
  const currency = p.currency.toLowerCase();
  const base = newIntentFields(ctx, "pi", p);
  checkDestination(ctx, p.transfer_data?.destination);
  checkMoney(ctx, p.amount, currency, p.application_fee_amount ?? null, p.transfer_data !== undefined);
  checkCustomer(ctx, p.customer);
  checkCardPayments(ctx);
  const types = p.payment_method_types ?? ["card"];
  refuseCardDescriptor(p.statement_descriptor, types);
  if (p.confirm)
    checkReturnUrl(
      ctx,
      { automatic_payment_methods: base.automatic_payment_methods, payment_method_types: types },
      p.return_url,
    );
  if (p.off_session !== undefined && !p.confirm)
    throw invalidRequest("`off_session` can only be used with `confirm=true`.", "off_session");
  const card = resolveCard(ctx, p, { customer: p.customer ?? null, noun: "PaymentIntent" });
  const pi: Stripe.PaymentIntent = {
    ...base,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: p.amount,
    amount_capturable: 0,
    amount_received: 0,
    application_fee_amount: p.application_fee_amount ?? null,
    canceled_at: null,
    capture_method:
      p.capture_method ??
      (p.payment_method_options?.card?.capture_method === "manual" ? "manual" : "automatic_async"),
    confirmation_method: p.confirmation_method ?? "automatic",
    currency,
    last_payment_error: null,
    latest_charge: null,
    managed_payments: null,
    payment_method_options: {
      card: {
        installments: null,
        mandate_options: null,
        network: null,
        request_three_d_secure: p.payment_method_options?.card?.request_three_d_secure ?? "automatic",
      },
    },
    payment_method_types: types,
    payment_record: null,
    processing: null,
    receipt_email: p.receipt_email ?? null,
    review: null,
    setup_future_usage: p.setup_future_usage ?? null,
    shipping: shippingOf(p.shipping),
    source: null,
    statement_descriptor: p.statement_descriptor ?? null,
    statement_descriptor_suffix: p.statement_descriptor_suffix ?? null,
    status: card ? "requires_confirmation" : "requires_payment_method",
    transfer_data: p.transfer_data
      ? {
          destination: p.transfer_data.destination,
          ...(p.transfer_data.amount !== undefined ? { amount: p.transfer_data.amount } : {}),
        }
      : null,
    transfer_group: p.transfer_group ?? null,
  };
  if (card) {
    ctx.em.store.cards[card.id] = card;
    pi.payment_method = card.id;
  }
  ctx.em.store.paymentIntents[pi.id] = { owner: ctx.account, obj: pi };
  ctx.em.emit("payment_intent.created", pi, { account: ctx.account });
  if (p.confirm) confirmIntent(ctx.em, ctx.account, pi, card, { offSession: p.off_session === true });
  return { body: expand(ctx.em, pi, p.expand) };
}

function retrieve(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { client_secret: f.string() });
  if (ctx.keyKind === "publishable" && !p.client_secret)
    throw invalidRequest("Missing required param: client_secret.", "client_secret", "parameter_missing");
  return { body: expand(ctx.em, findIntent(ctx, p.client_secret), p.expand) };
}

const EDITABLE_STATES = ["requires_payment_method", "requires_confirmation", "requires_action"];

function update(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, UPDATE);
  const pi = findIntent(ctx, undefined);
  const moneyChange =
    p.amount !== undefined ||
    p.currency !== undefined ||
    p.application_fee_amount !== undefined ||
    p.payment_method !== undefined ||
    p.payment_method_data !== undefined ||
    p.capture_method !== undefined;
  if (moneyChange && !EDITABLE_STATES.includes(pi.status))
    throw invalidRequest(
      `This PaymentIntent's amount, currency, payment method or capture method could not be updated because it has a status of ${pi.status}. You may only update these while it has one of the following statuses: ${EDITABLE_STATES.join(", ")}.`,
      "amount",
      "payment_intent_unexpected_state",
    );
  const amount = p.amount ?? pi.amount;
  const currency = (p.currency ?? pi.currency).toLowerCase();
  const fee = p.application_fee_amount ?? pi.application_fee_amount;
  checkMoney(ctx, amount, currency, fee, pi.transfer_data != null);
  checkCustomer(ctx, p.customer);
  refuseCardDescriptor(p.statement_descriptor, p.payment_method_types ?? pi.payment_method_types);
  const card = resolveCard(ctx, p, { customer: p.customer ?? customerIdOf(pi), noun: "PaymentIntent" });
  if (card) {
    ctx.em.store.cards[card.id] = card;
    pi.payment_method = card.id;
    pi.status = "requires_confirmation";
  }
  // Every accepted parameter must land on the intent: silently dropping one hides app bugs.
  const threeDs = p.payment_method_options?.card?.request_three_d_secure;
  if (threeDs && pi.payment_method_options?.card)
    pi.payment_method_options.card.request_three_d_secure = threeDs;
  Object.assign(pi, {
    amount,
    currency,
    application_fee_amount: fee,
    ...(p.capture_method ? { capture_method: p.capture_method } : {}),
    ...(p.customer !== undefined ? { customer: p.customer } : {}),
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.receipt_email !== undefined ? { receipt_email: p.receipt_email } : {}),
    ...(p.statement_descriptor_suffix !== undefined
      ? { statement_descriptor_suffix: p.statement_descriptor_suffix }
      : {}),
    ...(p.payment_method_types !== undefined ? { payment_method_types: p.payment_method_types } : {}),
    ...(p.transfer_group !== undefined ? { transfer_group: p.transfer_group } : {}),
    ...(p.shipping !== undefined ? { shipping: shippingOf(p.shipping) } : {}),
    ...(p.setup_future_usage !== undefined ? { setup_future_usage: p.setup_future_usage } : {}),
    metadata: mergeMetadata(pi.metadata, p.metadata),
  });
  return { body: expand(ctx.em, pi, p.expand) };
}

function confirm(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, CONFIRM);
  if (ctx.keyKind === "publishable" && !p.client_secret)
    throw invalidRequest("Missing required param: client_secret.", "client_secret", "parameter_missing");
  const pi = findIntent(ctx, p.client_secret);
  // A wrong status is the first thing Stripe reports; confirmIntent raises it.
  if (CONFIRMABLE.includes(pi.status)) checkReturnUrl(ctx, pi, p.return_url);
  const card = resolveCard(ctx, p, { customer: customerIdOf(pi), noun: "PaymentIntent" });
  if (p.capture_method) pi.capture_method = p.capture_method;
  if (p.receipt_email !== undefined) pi.receipt_email = p.receipt_email;
  if (p.setup_future_usage !== undefined) pi.setup_future_usage = p.setup_future_usage;
  confirmIntent(ctx.em, ctx.account, pi, card, { offSession: p.off_session === true });
  return { body: expand(ctx.em, pi, p.expand) };
}

function capture(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {
    amount_to_capture: f.int({ min: 1 }),
    application_fee_amount: f.int({ min: 0 }),
    metadata: f.metadata(),
    final_capture: f.bool(),
    statement_descriptor_suffix: f.string({ maxLength: 22 }),
  });
  const pi = findIntent(ctx, undefined);
  if (p.application_fee_amount !== undefined && !ctx.connected && !pi.transfer_data)
    throw invalidRequest(
      "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
      "application_fee_amount",
    );
  if (p.final_capture === false)
    throw invalidRequest(
      "Multicapture is not available for this PaymentIntent: `final_capture` may only be true (the rest of the authorisation is released at capture).",
      "final_capture",
    );
  pi.metadata = mergeMetadata(pi.metadata, p.metadata);
  assertCanCharge(ctx.em, ctx.account, pi);
  captureIntent(ctx.em, ctx.account, pi, p.amount_to_capture, p.application_fee_amount);
  return { body: expand(ctx.em, pi, p.expand) };
}

function cancel(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {
    cancellation_reason: f.enumOf("duplicate", "fraudulent", "requested_by_customer", "abandoned"),
  });
  const pi = findIntent(ctx, undefined);
  cancelIntent(ctx.em, ctx.account, pi, p.cancellation_reason);
  return { body: expand(ctx.em, pi, p.expand) };
}

function list(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { ...LIST_PARAMS, customer: f.string() });
  const items = ownedBy(ctx.em.store.paymentIntents, ctx.account).filter(
    (pi) => !p.customer || pi.customer === p.customer,
  );
  return { body: expand(ctx.em, paginate(items, "/v1/payment_intents", p), p.expand) };
}

/** The create endpoint, for resources that make a PaymentIntent on the caller's behalf (Checkout). */
export const createPaymentIntent = create;

export function registerPaymentIntents(router: Router): void {
  router
    .add("POST", "/v1/payment_intents", create)
    .add("GET", "/v1/payment_intents", list)
    .add("GET", "/v1/payment_intents/:id", retrieve, { publishable: true })
    .add("POST", "/v1/payment_intents/:id", update)
    .add("POST", "/v1/payment_intents/:id/confirm", confirm, { publishable: true })
    .add("POST", "/v1/payment_intents/:id/capture", capture)
    .add("POST", "/v1/payment_intents/:id/cancel", cancel);
}
