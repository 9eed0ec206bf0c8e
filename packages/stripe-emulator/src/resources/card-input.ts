/**
 * How requests name a card, shared by PaymentIntents, SetupIntents and `POST /v1/payment_methods`: a test
 * token (`pm_card_visa`) or a saved `pm_…` of the account — which must still be usable by the intent's
 * Customer (payment-method-model.ts `checkUsable`) — or raw card fields with billing details (what the
 * fake Stripe.js sends as `payment_method_data`, or as `card` to create a PaymentMethod).
 */
import { invalidRequest } from "../errors";
import type { ApiContext } from "../router";
import { ADDRESS, f, type Field, type FieldValue } from "../schema";
import type { CardRecord } from "../state";
import { cardFromFields, cardFromPaymentMethod } from "./cards";
import { checkUsable } from "./payment-method-model";

export const CARD_FIELDS = f.obj({
  number: f.string().req(),
  exp_month: f.int(),
  exp_year: f.int(),
  cvc: f.string(),
});
export const BILLING_DETAILS = f.obj({
  address: ADDRESS,
  email: f.string(),
  name: f.string(),
  phone: f.string(),
});
export const ALLOW_REDISPLAY = f.enumOf("always", "limited", "unspecified");
export const PAYMENT_METHOD_DATA = f.obj({
  type: f.enumOf("card").req(),
  card: CARD_FIELDS,
  billing_details: BILLING_DETAILS,
  allow_redisplay: ALLOW_REDISPLAY,
  metadata: f.metadata(),
});

/** `off_session`: a boolean, or the kind of off-session payment (`one_off`, `recurring`), which means true. */
export const OFF_SESSION: Field<boolean, false> = {
  required: false,
  parse: (value, param) => value === "one_off" || value === "recurring" || f.bool().parse(value, param),
};

/** The card data of `payment_method_data`, or the body of `POST /v1/payment_methods`. */
export interface CardData {
  card?: FieldValue<typeof CARD_FIELDS>;
  billing_details?: FieldValue<typeof BILLING_DETAILS>;
  allow_redisplay?: FieldValue<typeof ALLOW_REDISPLAY>;
  metadata?: Record<string, string> | null;
}

/**
 * A new card from raw fields: `cardParam` names the card hash in errors (`payment_method_data[card]` or
 * `card`). Billing details, metadata and `allow_redisplay` land on the PaymentMethod.
 */
export function cardFromData(ctx: ApiContext, data: CardData, cardParam: string): CardRecord {
  if (!data.card)
    throw invalidRequest(`Missing required param: ${cardParam}.`, cardParam, "parameter_missing");
  const billing = data.billing_details;
  const card = cardFromFields(
    ctx.account,
    data.card,
    billing?.address?.postal_code ?? null,
    ctx.em.now(),
    cardParam,
  );
  if (billing) {
    const { postal_code: _postal, ...address } = billing.address ?? {};
    card.billing = {
      name: billing.name ?? null,
      email: billing.email ?? null,
      phone: billing.phone ?? null,
      address,
    };
  }
  if (data.metadata) card.metadata = data.metadata;
  if (data.allow_redisplay) card.allow_redisplay = data.allow_redisplay;
  return card;
}

export interface CardInput {
  payment_method?: string;
  payment_method_data?: CardData;
}

/** Who is using the card: the intent's Customer (null: none) and the kind of intent, for Stripe's errors. */
export interface CardUser {
  customer: string | null;
  noun: "PaymentIntent" | "SetupIntent";
}

/** A payment method named by token/id, or raw card fields from the browser; null when neither is given. */
export function resolveCard(ctx: ApiContext, p: CardInput, user: CardUser): CardRecord | null {
  if (p.payment_method && p.payment_method_data)
    throw invalidRequest(
      "You may only specify one of these parameters: payment_method, payment_method_data.",
      "payment_method_data",
    );
  if (p.payment_method) {
    const card = cardFromPaymentMethod(ctx.account, p.payment_method, ctx.em.store.cards, ctx.em.now());
    checkUsable(card, user.customer, user.noun);
    return card;
  }
  if (p.payment_method_data) return cardFromData(ctx, p.payment_method_data, "payment_method_data[card]");
  return null;
}
