/**
 * Paying a Checkout Session. The PaymentIntent is made on the session's account from the session's amount
 * and `payment_intent_data` through the PaymentIntents create endpoint itself (same rules, same
 * `payment_intent.created`), the first time the buyer submits; it is confirmed by payment-flow.ts with the
 * card the buyer typed (card-input.ts), so charges, application fees, balance transactions, destination
 * transfers and events are those of any PaymentIntent. A declined attempt leaves the session open with
 * that PaymentIntent, which the next attempt reuses, as Stripe does.
 * Also the control API's delayed payment: complete now (`processing`), settle later.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { ApiError, invalidRequest } from "../errors";
import type { Params } from "../form";
import type { ApiContext } from "../router";
import { newId, PLATFORM_ACCOUNT } from "../state";
import { cardFromPaymentMethod } from "./cards";
import { cardFromData } from "./card-input";
import { completeSession, intentOf, notOpen, settleSession, type SessionRecord } from "./checkout-model";
import { CONFIRMABLE, confirmIntent } from "./payment-flow";
import { createPaymentIntent } from "./payment-intents";

/** What the buyer typed on the hosted page. */
export interface BuyerInput {
  email: string;
  number: string;
  expiry: string;
  cvc: string;
  postalCode: string;
}

export type PayResult =
  { kind: "complete" } | { kind: "authenticate"; intent: string } | { kind: "error"; message: string };

/** The session's account acting through the secret key, as Checkout does on the merchant's behalf. */
function actingAs(em: Emulator, owner: string, params: Params = {}): ApiContext {
  return {
    em,
    method: "POST",
    path: "/v1/payment_intents",
    params,
    uploads: null,
    pathParams: {},
    account: owner,
    connected: owner !== PLATFORM_ACCOUNT,
    keyKind: "secret",
    apiKey: em.options.secretKey,
    requestId: newId("req", 14),
  };
}

/** The session's PaymentIntent: the one a previous attempt made, else a new one. */
function sessionIntent(em: Emulator, rec: SessionRecord): Stripe.PaymentIntent {
  const s = rec.obj;
  const existing = intentOf(em, s);
  if (existing) return existing;
  const data = em.store.checkoutSessionDetails[s.id]?.payment_intent_data ?? {};
  const params = {
    amount: s.amount_total ?? 0,
    currency: s.currency ?? "usd",
    payment_method_types: ["card"],
    ...(typeof s.customer === "string" ? { customer: s.customer } : {}),
    ...data,
  } as Params;
  const pi = createPaymentIntent(actingAs(em, rec.owner, params)).body as Stripe.PaymentIntent;
  s.payment_intent = pi.id;
  return pi;
}

/** "MM / YY" (or MM/YYYY) as the card form shows it. */
function parseExpiry(value: string): { exp_month: number; exp_year: number } | null {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(value);
  return m ? { exp_month: Number(m[1]), exp_year: Number(m[2]) } : null;
}

function incomplete(input: BuyerInput): string | null {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email.trim())) return "Your email address is invalid.";
  if (!input.number.trim()) return "Your card number is incomplete.";
  if (!parseExpiry(input.expiry)) return "Your card's expiration date is incomplete.";
  if (!input.cvc.trim()) return "Your card's security code is incomplete.";
  return null;
}

/** The buyer submits the hosted page's form. */
export function paySession(em: Emulator, rec: SessionRecord, input: BuyerInput): PayResult {
  if (rec.obj.status !== "open")
    return { kind: "error", message: `This Checkout Session is ${rec.obj.status}.` };
  const missing = incomplete(input);
  if (missing) return { kind: "error", message: missing };
  try {
    const ctx = actingAs(em, rec.owner);
    const card = cardFromData(
      ctx,
      {
        card: { number: input.number, ...parseExpiry(input.expiry), cvc: input.cvc.trim() },
        billing_details: {
          email: input.email.trim(),
          ...(input.postalCode.trim() ? { address: { postal_code: input.postalCode.trim() } } : {}),
        },
      },
      "card",
    );
    const pi = sessionIntent(em, rec);
    confirmIntent(em, rec.owner, pi, card);
    return afterConfirm(em, rec, pi);
  } catch (err) {
    if (err instanceof ApiError) return { kind: "error", message: err.body.message };
    throw err;
  }
}

/**
 * Where an attempt stands: paid or authorised → the session completes; 3-D Secure → the challenge;
 * back to `requires_payment_method` (a failed challenge) → the error to show.
 */
export function afterConfirm(em: Emulator, rec: SessionRecord, pi: Stripe.PaymentIntent): PayResult {
  if (pi.status === "succeeded" || pi.status === "requires_capture") {
    if (rec.obj.status === "open") completeSession(em, rec, pi);
    return { kind: "complete" };
  }
  if (pi.status === "requires_action") return { kind: "authenticate", intent: pi.id };
  return { kind: "error", message: pi.last_payment_error?.message ?? "Your payment could not be completed." };
}

export type DelayedOutcome = "pending" | "succeeded" | "failed";

/**
 * Control API: a payment that settles later (a bank debit in Stripe). `pending` completes an open session
 * with `payment_status: "unpaid"` and its PaymentIntent `processing`; `succeeded` / `failed` settle it
 * (the money moves through payment-flow.ts as a card charge — the emulator has only cards — or the charge
 * fails with `card_declined`), then `checkout.session.async_payment_succeeded` / `_failed`.
 */
export function delayedPayment(em: Emulator, rec: SessionRecord, outcome: DelayedOutcome): void {
  const s = rec.obj;
  if (outcome === "pending") {
    if (s.status !== "open") throw notOpen(s, "paid");
    const pi = sessionIntent(em, rec);
    if (!CONFIRMABLE.includes(pi.status))
      throw invalidRequest(`The session's PaymentIntent has a status of ${pi.status}.`, "outcome");
    const card = cardFromPaymentMethod(rec.owner, "pm_card_visa", em.store.cards, em.now());
    card.billing = { email: s.customer_email };
    em.store.cards[card.id] = card;
    Object.assign(pi, { payment_method: card.id, status: "processing", next_action: null });
    em.emit("payment_intent.processing", pi, { account: rec.owner });
    completeSession(em, rec, pi);
    return;
  }
  const pi = intentOf(em, s);
  if (s.status !== "complete" || s.payment_status !== "unpaid" || pi?.status !== "processing")
    throw invalidRequest(
      "This Checkout Session has no delayed payment waiting: complete it with `outcome: pending` first.",
      "outcome",
    );
  const card =
    outcome === "failed"
      ? cardFromPaymentMethod(rec.owner, "pm_card_chargeDeclined", em.store.cards, em.now())
      : null;
  pi.status = "requires_confirmation";
  try {
    confirmIntent(em, rec.owner, pi, card);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 402) throw err;
  }
  settleSession(em, rec, pi);
}
