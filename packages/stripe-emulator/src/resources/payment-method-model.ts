/**
 * PaymentMethods as Stripe shows them, and the rules of their life. A card is a CardRecord (state.ts);
 * this module renders it as a `Stripe.PaymentMethod`, attaches and detaches it (with Stripe's events) and
 * decides whether an intent may use it — one set of rules for PaymentIntents, SetupIntents and cloning:
 * - a detached card, or one used (paid with, set up without a customer failing, cloned) while attached to
 *   no Customer, is spent: Stripe refuses it from then on ("It may not be used again");
 * - a card attached to a Customer may only be used with that Customer named on the intent.
 * https://docs.stripe.com/api/payment_methods, https://docs.stripe.com/payments/save-and-reuse
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { ApiError, invalidRequest, resourceMissing } from "../errors";
import { fullAddress } from "../schema";
import type { CardRecord } from "../state";

/** Stripe's answer to a spent card, word for word (400 invalid_request_error, no code, no param). */
export const REUSE_REFUSED =
  "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.";

export function reuseRefused(): ApiError {
  return new ApiError(400, { type: "invalid_request_error", message: REUSE_REFUSED });
}

/** Stripe's answer when a card is not attached to the Customer named with it. */
export function notTheCustomers(id: string, param: string): ApiError {
  return invalidRequest(
    `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`,
    param,
  );
}

/** The id of an intent's Customer (it may have been expanded), or null. */
export function customerIdOf(intent: { customer: string | { id: string } | null }): string | null {
  return typeof intent.customer === "string" ? intent.customer : (intent.customer?.id ?? null);
}

export function paymentMethodObject(card: CardRecord): Stripe.PaymentMethod {
  const billing = card.billing ?? {};
  return {
    id: card.id,
    object: "payment_method",
    allow_redisplay: card.allow_redisplay ?? "unspecified",
    billing_details: {
      address: fullAddress(
        billing.address,
        card.billing_postal_code ? { postal_code: card.billing_postal_code } : null,
      ),
      email: billing.email ?? null,
      name: billing.name ?? null,
      phone: billing.phone ?? null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: {
        address_line1_check: null,
        address_postal_code_check: card.billing_postal_code ? "pass" : null,
        cvc_check: "unchecked",
      },
      country: card.country,
      display_brand: card.brand === "amex" ? "american_express" : card.brand,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      fingerprint: card.fingerprint,
      funding: card.funding,
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: card.created ?? 0,
    customer: card.customer ?? null,
    customer_account: null,
    livemode: false,
    metadata: { ...(card.metadata ?? {}) },
    type: "card",
  };
}

/** The card `id` of account `owner`, or Stripe's "No such PaymentMethod" (another account's included). */
export function requireCard(
  em: Emulator,
  owner: string,
  id: string,
  param: string,
  status: 400 | 404 = 404,
): CardRecord {
  const card = em.store.cards[id];
  if (!card || card.owner !== owner) throw resourceMissing("PaymentMethod", id, param, status);
  return card;
}

/**
 * Refuses what Stripe refuses when an intent for `customer` (null: none) names this card: a spent card,
 * another Customer's card, or a Customer's card on an intent that names no Customer.
 */
export function checkUsable(
  card: CardRecord,
  customer: string | null,
  noun: "PaymentIntent" | "SetupIntent" | "PaymentMethod",
  param = "payment_method",
): void {
  if (card.consumed) throw reuseRefused();
  const holder = card.customer ?? null;
  if (holder && !customer)
    throw invalidRequest(
      `The \`payment_method\` parameter supplied ${card.id} belongs to the Customer ${holder}. Please include the Customer in the \`customer\` parameter on the ${noun}.`,
      param,
    );
  if (holder && holder !== customer) throw notTheCustomers(card.id, param);
}

export function attachCard(em: Emulator, card: CardRecord, customer: string): void {
  card.customer = customer;
  em.store.cards[card.id] = card;
  em.emit("payment_method.attached", paymentMethodObject(card), { account: card.owner });
}

/**
 * Detaches the card for good (Stripe: "Detachment is permanent and irreversible"). A Customer whose
 * default it was loses it (`invoice_settings.default_payment_method` back to null, `customer.updated`).
 */
export function detachCard(em: Emulator, card: CardRecord): void {
  const customer = card.customer ?? null;
  card.customer = null;
  card.consumed = true;
  em.emit("payment_method.detached", paymentMethodObject(card), {
    account: card.owner,
    previous: { customer },
  });
  const holder = customer ? em.store.customers[customer] : undefined;
  if (holder && holder.obj.invoice_settings.default_payment_method === card.id) {
    holder.obj.invoice_settings.default_payment_method = null;
    em.emit("customer.updated", holder.obj, {
      account: holder.owner,
      previous: { invoice_settings: { default_payment_method: card.id } },
    });
  }
}

export interface CardUse {
  /** The intent's Customer (null: none). */
  customer: string | null;
  /** What the intent sets the card up for (SetupIntent `usage`, PaymentIntent `setup_future_usage`). */
  setUp: "on_session" | "off_session" | null;
  succeeded: boolean;
}

/**
 * What an attempt leaves on the card: an intent that sets it up and went through marks it set up (off
 * session outranks on session) and attaches it to the intent's Customer; any other attempt spends a card
 * attached to nobody.
 */
export function afterUse(em: Emulator, card: CardRecord, use: CardUse): void {
  if (use.succeeded && use.setUp) {
    card.set_up = card.set_up === "off_session" ? "off_session" : use.setUp;
    if (use.customer && !card.customer) attachCard(em, card, use.customer);
    return;
  }
  if (!card.customer) card.consumed = true;
}
