/**
 * The SetupIntent state machine and the events each step emits (https://docs.stripe.com/api/setup_intents):
 *   requires_payment_method | requires_confirmation → (confirm) → succeeded | requires_action
 *                                                   | requires_payment_method with `last_setup_error`
 *   requires_action → (3DS complete) → succeeded; (3DS fail) → requires_payment_method
 *   requires_payment_method | requires_confirmation | requires_action → (cancel) → canceled
 * Setting a card up is on session: every 3-D Secure test card asks for authentication here. Success
 * attaches the card to the SetupIntent's Customer and marks it set up for `usage` (payment-method-model.ts
 * `afterUse`); a decline answers 402 card_error with the SetupIntent attached, and no charge, as Stripe does.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { ApiError, docUrl } from "../errors";
import { clone } from "../events";
import type { CardRecord } from "../state";
import { threeDSecureAction } from "./payment-flow";
import { afterUse, customerIdOf, paymentMethodObject, reuseRefused } from "./payment-method-model";

export const SETUP_CONFIRMABLE = ["requires_payment_method", "requires_confirmation", "requires_action"];

const PAST_TENSE = { confirm: "confirmed", cancel: "canceled" } as const;

/** 400 setup_intent_unexpected_state, with the SetupIntent attached as Stripe does. */
function unexpectedState(
  si: Stripe.SetupIntent,
  action: keyof typeof PAST_TENSE,
  message?: string,
): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    code: "setup_intent_unexpected_state",
    message:
      message ??
      (si.status === "succeeded" && action === "confirm"
        ? "You cannot confirm this SetupIntent because it has already succeeded."
        : `You cannot ${action} this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be ${PAST_TENSE[action]}: ${SETUP_CONFIRMABLE.join(", ")}.`),
    doc_url: docUrl("setup_intent_unexpected_state"),
    setup_intent: clone(si),
  });
}

function cardUsed(em: Emulator, si: Stripe.SetupIntent, card: CardRecord, succeeded: boolean): void {
  const setUp = si.usage === "on_session" ? "on_session" : "off_session";
  afterUse(em, card, { customer: customerIdOf(si), setUp, succeeded });
}

function succeed(em: Emulator, owner: string, si: Stripe.SetupIntent, card: CardRecord): Stripe.SetupIntent {
  si.status = "succeeded";
  si.next_action = null;
  si.payment_method = card.id;
  cardUsed(em, si, card, true);
  em.emit("setup_intent.succeeded", si, { account: owner });
  return si;
}

function decline(em: Emulator, owner: string, si: Stripe.SetupIntent, card: CardRecord): never {
  const code = card.error_code ?? "card_declined";
  const error = {
    type: "card_error" as const,
    code,
    ...(card.decline_code ? { decline_code: card.decline_code } : {}),
    message: card.decline_message ?? "Your card was declined.",
    doc_url: docUrl(code),
  };
  cardUsed(em, si, card, false);
  const paymentMethod = paymentMethodObject(card);
  si.status = "requires_payment_method";
  si.payment_method = null;
  si.last_setup_error = { ...error, payment_method: paymentMethod, payment_method_type: "card" };
  em.emit("setup_intent.setup_failed", si, { account: owner });
  throw new ApiError(402, { ...error, setup_intent: clone(si), payment_method: paymentMethod });
}

/** Confirms with `card` (or the card already on the SetupIntent). Throws 402 on a decline. */
export function confirmSetup(
  em: Emulator,
  owner: string,
  si: Stripe.SetupIntent,
  card: CardRecord | null,
): Stripe.SetupIntent {
  if (!SETUP_CONFIRMABLE.includes(si.status)) throw unexpectedState(si, "confirm");
  const existing = typeof si.payment_method === "string" ? em.store.cards[si.payment_method] : undefined;
  const chosen = card ?? existing;
  if (!chosen)
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "setup_intent_unexpected_state",
      param: "payment_method",
      message:
        "You cannot confirm this SetupIntent because it's missing a payment method. You can either update the SetupIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
      doc_url: docUrl("setup_intent_unexpected_state"),
      setup_intent: clone(si),
    });
  if (chosen.consumed) throw reuseRefused();
  em.store.cards[chosen.id] = chosen;
  si.payment_method = chosen.id;
  si.last_setup_error = null;
  si.next_action = null;
  if (chosen.behaviour === "authenticate") {
    si.status = "requires_action";
    si.next_action = threeDSecureAction(em, si.id);
    em.emit("setup_intent.requires_action", si, { account: owner });
    return si;
  }
  if (chosen.behaviour === "decline" && !chosen.setup_ok) return decline(em, owner, si, chosen);
  return succeed(em, owner, si, chosen);
}

/** The customer finished (or failed) the 3-D Secure challenge of a SetupIntent. */
export function authenticateSetup(
  em: Emulator,
  owner: string,
  si: Stripe.SetupIntent,
  outcome: "complete" | "fail",
): Stripe.SetupIntent {
  if (si.status !== "requires_action")
    throw unexpectedState(
      si,
      "confirm",
      `This SetupIntent has a status of ${si.status}; there is no authentication to complete.`,
    );
  const card = typeof si.payment_method === "string" ? em.store.cards[si.payment_method] : undefined;
  if (outcome === "complete" && card) return succeed(em, owner, si, card);
  if (card) cardUsed(em, si, card, false);
  si.status = "requires_payment_method";
  si.next_action = null;
  si.payment_method = null;
  si.last_setup_error = {
    type: "invalid_request_error",
    code: "setup_intent_authentication_failure",
    message:
      "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
    doc_url: docUrl("setup_intent_authentication_failure"),
    ...(card ? { payment_method: paymentMethodObject(card) } : {}),
    payment_method_type: "card",
  };
  em.emit("setup_intent.setup_failed", si, { account: owner });
  return si;
}

export function cancelSetup(
  em: Emulator,
  owner: string,
  si: Stripe.SetupIntent,
  reason: Stripe.SetupIntent.CancellationReason | undefined,
): Stripe.SetupIntent {
  if (!SETUP_CONFIRMABLE.includes(si.status)) throw unexpectedState(si, "cancel");
  si.status = "canceled";
  si.cancellation_reason = reason ?? null;
  si.next_action = null;
  em.emit("setup_intent.canceled", si, { account: owner });
  return si;
}
