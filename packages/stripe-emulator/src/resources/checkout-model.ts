/**
 * The Checkout Session object and its life: built from checked parameters (checkout-params.ts), then
 *   open → complete   (paid; or `unpaid` while an authorisation awaits capture or a delayed payment settles)
 *   open → expired    (`POST …/expire`, or the emulator clock passing `expires_at`: the tick below)
 * Events (on the session's account, so a Connect event for a Stripe-Account session):
 * `checkout.session.completed`, `checkout.session.expired`, `checkout.session.async_payment_succeeded|failed`.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { invalidRequest } from "../errors";
import { fullAddress } from "../schema";
import { newId, type CheckoutSessionDetails, type Owned } from "../state";
import { cancelIntent } from "./capture-cancel";
import type { CheckedSession, CreateParams, ParsedItem } from "./checkout-params";
import { CONFIRMABLE } from "./payment-flow";

/** The hosted page: `<emulator>/_emulator/hosted/checkout/:id` (what Stripe serves on checkout.stripe.com). */
export const HOSTED_CHECKOUT_PATH = "/_emulator/hosted/checkout";

export type SessionRecord = Owned<Stripe.Checkout.Session>;

function lineItem(em: Emulator, item: ParsedItem, product: string): Stripe.LineItem {
  const amount = item.unit_amount * item.quantity;
  return {
    id: newId("li"),
    object: "item",
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: item.currency,
    description: item.name,
    metadata: item.metadata,
    price: {
      id: newId("price"),
      object: "price",
      active: false, // an inline `price_data` price cannot be reused
      billing_scheme: "per_unit",
      created: em.now(),
      currency: item.currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product,
      recurring: null,
      tax_behavior: "unspecified",
      tiers_mode: null,
      transform_quantity: null,
      type: "one_time",
      unit_amount: item.unit_amount,
      unit_amount_decimal: String(item.unit_amount) as unknown as Stripe.Price["unit_amount_decimal"],
    },
    quantity: item.quantity,
  };
}

/** A new open session and what it keeps beside the object (line items, products, payment_intent_data). */
export function buildSession(
  em: Emulator,
  p: CreateParams,
  checked: CheckedSession,
): { session: Stripe.Checkout.Session; details: CheckoutSessionDetails } {
  const id = newId("cs_test", 58);
  const embedded = checked.uiMode === "embedded_page";
  const products: CheckoutSessionDetails["products"] = {};
  const items = checked.items.map((item) => {
    const product = newId("prod", 14);
    products[product] = { name: item.name, description: item.description };
    return lineItem(em, item, product);
  });
  const { metadata: piMetadata, ...piData } = p.payment_intent_data ?? {};
  const session: Stripe.Checkout.Session = {
    id,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: p.allowed_payment_method_types ?? null,
    amount_subtotal: checked.total,
    amount_total: checked.total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: p.billing_address_collection ?? null,
    cancel_url: p.cancel_url ?? null,
    client_reference_id: p.client_reference_id ?? null,
    client_secret: embedded ? `${id}_secret_${newId("x", 24).slice(2)}` : null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: em.now(),
    currency: checked.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: p.customer ?? null,
    customer_account: null,
    customer_creation: p.customer ? null : (p.customer_creation ?? "if_required"),
    customer_details: null,
    customer_email: p.customer_email ?? null,
    discounts: [],
    expires_at: checked.expiresAt,
    integration_identifier: p.integration_identifier ?? null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: p.locale ?? null,
    managed_payments: null,
    metadata: p.metadata ?? {},
    mode: "payment",
    origin_context: p.origin_context ?? null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ["card"],
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: p.submit_type ?? null,
    subscription: null,
    success_url: p.success_url ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: checked.uiMode,
    url: embedded ? null : `${em.baseUrl}${HOSTED_CHECKOUT_PATH}/${id}`,
    wallet_options: null,
    ...(embedded
      ? {
          redirect_on_completion: p.redirect_on_completion ?? "always",
          ...(p.return_url !== undefined ? { return_url: p.return_url } : {}),
        }
      : {}),
  };
  return {
    session,
    details: {
      line_items: items,
      products,
      payment_intent_data: { ...piData, ...(piMetadata ? { metadata: piMetadata } : {}) },
    },
  };
}

/** Where the buyer goes after paying: success_url (hosted) or return_url (embedded), id filled in. */
export function completionUrl(s: Stripe.Checkout.Session): string | null {
  const url = s.ui_mode === "embedded_page" ? s.return_url : s.success_url;
  return url ? url.replaceAll("{CHECKOUT_SESSION_ID}", s.id) : null;
}

/** The session's PaymentIntent, once the buyer tried to pay. */
export function intentOf(em: Emulator, s: Stripe.Checkout.Session): Stripe.PaymentIntent | undefined {
  return typeof s.payment_intent === "string" ? em.store.paymentIntents[s.payment_intent]?.obj : undefined;
}

/** The session's Customer (`customer`), if it names one. */
export function customerOf(em: Emulator, s: Stripe.Checkout.Session): Stripe.Customer | undefined {
  const id = typeof s.customer === "string" ? s.customer : s.customer?.id;
  return id ? em.store.customers[id]?.obj : undefined;
}

/** The buyer paid (or authorised, or started a delayed payment): complete, with what they typed. */
export function completeSession(em: Emulator, rec: SessionRecord, pi: Stripe.PaymentIntent): void {
  const s = rec.obj;
  const card = typeof pi.payment_method === "string" ? em.store.cards[pi.payment_method] : undefined;
  const customer = customerOf(em, s);
  s.status = "complete";
  s.payment_status = pi.status === "succeeded" ? "paid" : "unpaid";
  s.url = null;
  s.customer_details = {
    address: fullAddress({ country: card?.country ?? null, postal_code: card?.billing_postal_code ?? null }),
    business_name: null,
    email: card?.billing?.email ?? customer?.email ?? s.customer_email ?? null,
    individual_name: null,
    name: card?.billing?.name ?? null,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
  em.emit("checkout.session.completed", s, { account: rec.owner });
}

/** A delayed payment settled: `paid` and async_payment_succeeded, or async_payment_failed. */
export function settleSession(em: Emulator, rec: SessionRecord, pi: Stripe.PaymentIntent): void {
  const s = rec.obj;
  s.payment_status = pi.status === "succeeded" ? "paid" : "unpaid";
  const ok = pi.status === "succeeded" || pi.status === "requires_capture";
  em.emit(`checkout.session.async_payment_${ok ? "succeeded" : "failed"}`, s, { account: rec.owner });
}

/** Stripe's refusal to act on a session that is no longer open. */
export function notOpen(s: Stripe.Checkout.Session, action = "expired"): Error {
  return invalidRequest(
    `Only Checkout Sessions with a status in ["open"] can be ${action}. This Checkout Session has a status of \`${s.status}\`.`,
  );
}

/** Expires an open session; a PaymentIntent left by a failed attempt is canceled with it. */
export function expireSession(em: Emulator, rec: SessionRecord): void {
  const s = rec.obj;
  if (s.status !== "open") throw notOpen(s);
  const pi = intentOf(em, s);
  if (pi && CONFIRMABLE.includes(pi.status)) cancelIntent(em, rec.owner, pi, "abandoned");
  s.status = "expired";
  s.url = null;
  em.emit("checkout.session.expired", s, { account: rec.owner });
}

/** Tick: every open session whose `expires_at` has passed on the emulator clock expires. */
export function expireCheckoutSessions(em: Emulator): void {
  const now = em.now();
  for (const rec of Object.values(em.store.checkoutSessions))
    if (rec.obj.status === "open" && rec.obj.expires_at <= now) expireSession(em, rec);
}
