/**
 * The PaymentIntent state machine (confirm, 3-D Secure, capture, cancel) and the events each step emits:
 *   requires_payment_method → (confirm) → succeeded | requires_capture | requires_action | back with an error
 *   requires_action → (3DS complete) → succeeded / requires_capture; (3DS fail) → requires_payment_method
 *   requires_capture → (capture) / (cancel) / (expiry): manual-capture.ts; most states → (cancel) → canceled
 * Declines answer 402 card_error with the updated PaymentIntent attached, as Stripe does. Off session
 * (`off_session`) a card that needs authentication is declined `authentication_required` unless set up.
 * Each attempt leaves the card attached, set up or spent (payment-method-model.ts `afterUse`).
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { ApiError, docUrl, invalidRequest } from "../errors";
import { clone } from "../events";
import { newId, PLATFORM_ACCOUNT, type CardRecord } from "../state";
import { bookCapture } from "./capture-booking";
import { buildCharge } from "./charges";
import { afterUse, customerIdOf, paymentMethodObject, reuseRefused } from "./payment-method-model";

const PAST_TENSE = { confirm: "confirmed", capture: "captured", cancel: "canceled" } as const;

/** 400 payment_intent_unexpected_state, with the intent attached as Stripe does. */
export function unexpectedState(
  pi: Stripe.PaymentIntent,
  action: keyof typeof PAST_TENSE,
  allowed: string[],
): ApiError {
  const done = PAST_TENSE[action];
  const opening =
    action === "capture"
      ? `This PaymentIntent could not be captured because it has a status of ${pi.status}.`
      : `You cannot ${action} this PaymentIntent because it has a status of ${pi.status}.`;
  return new ApiError(400, {
    type: "invalid_request_error",
    code: "payment_intent_unexpected_state",
    message: `${opening} Only a PaymentIntent with one of the following statuses may be ${done}: ${allowed.join(", ")}.`,
    doc_url: docUrl("payment_intent_unexpected_state"),
    payment_intent: clone(pi),
  });
}

/** Stripe refuses to charge on an account whose requirements are not met (charges_enabled false). */
export function assertCanCharge(em: Emulator, owner: string, pi: Stripe.PaymentIntent): void {
  const destination = pi.transfer_data?.destination;
  for (const accountId of [owner, typeof destination === "string" ? destination : destination?.id]) {
    if (!accountId || accountId === PLATFORM_ACCOUNT) continue;
    const account = em.store.accounts[accountId];
    if (account && !account.charges_enabled) {
      throw new ApiError(400, {
        type: "invalid_request_error",
        message: `Your account cannot currently make charges. To find out why charge creation is currently disabled, look at the \`requirements.disabled_reason\` property on this account (/v1/accounts/${accountId}).`,
        payment_intent: clone(pi),
      });
    }
  }
}

/**
 * The next action of an intent (PaymentIntent or SetupIntent) whose card asks for 3-D Secure: Stripe.js
 * handles `use_stripe_sdk`; `stripe_js` is the emulator's hosted challenge page for anything else.
 */
export function threeDSecureAction(
  em: Emulator,
  intentId: string,
): { type: "use_stripe_sdk"; use_stripe_sdk: Record<string, unknown> } {
  return {
    type: "use_stripe_sdk",
    use_stripe_sdk: {
      type: "three_d_secure_redirect",
      stripe_js: `${em.baseUrl}/_emulator/hosted/3ds/${intentId}`,
      source: newId("src"),
    },
  };
}

export const CONFIRMABLE = ["requires_payment_method", "requires_confirmation", "requires_action"];

/** A card error: Stripe's `code`, the issuer's `decline_code` and the buyer-facing message. */
interface CardFailure {
  code: string;
  decline_code?: string;
  message: string;
}

/** An off-session payment with a card that needs authentication: the bank declines it. */
const AUTHENTICATION_REQUIRED: CardFailure = {
  code: "authentication_required",
  decline_code: "authentication_required",
  message: "Your card was declined. This transaction requires authentication.",
};

/**
 * Whether a 3-D Secure card can pay with nobody there to authenticate (https://docs.stripe.com/testing,
 * "Authentication and setup"): 3155 once set up for off-session use, 0446 always, 3184 and 3220 never.
 */
function paysOffSession(card: CardRecord): boolean {
  if (card.off_session === "succeed") return true;
  if (card.off_session === "decline") return false;
  return card.set_up === "off_session";
}

/** The card's life after an attempt of this intent (attached, set up or spent: payment-method-model.ts). */
function cardUsed(em: Emulator, pi: Stripe.PaymentIntent, card: CardRecord, succeeded: boolean): void {
  const future = pi.setup_future_usage;
  const setUp = future === "off_session" ? "off_session" : future === "on_session" ? "on_session" : null;
  afterUse(em, card, { customer: customerIdOf(pi), setUp, succeeded });
}

/**
 * Confirms with `card` (or the payment method already on the intent). Throws 402 on a decline.
 * `offSession`: the customer is not there (`off_session`), so a card that needs authentication is declined
 * with `authentication_required` instead of asking for it, unless it was set up for that.
 */
export function confirmIntent(
  em: Emulator,
  owner: string,
  pi: Stripe.PaymentIntent,
  card: CardRecord | null,
  opts: { offSession?: boolean } = {},
): Stripe.PaymentIntent {
  if (!CONFIRMABLE.includes(pi.status)) throw unexpectedState(pi, "confirm", CONFIRMABLE);
  const existing = typeof pi.payment_method === "string" ? em.store.cards[pi.payment_method] : undefined;
  const chosen = card ?? existing;
  if (!chosen) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      param: "payment_method",
      message:
        "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
      payment_intent: clone(pi),
    });
  }
  // A card detached (or spent) since it was put on the intent.
  if (chosen.consumed) throw reuseRefused();
  assertCanCharge(em, owner, pi);
  em.store.cards[chosen.id] = chosen;
  pi.payment_method = chosen.id;
  pi.last_payment_error = null;
  pi.next_action = null;
  if (chosen.behaviour === "authenticate" && opts.offSession) {
    return paysOffSession(chosen)
      ? succeed(em, owner, pi, chosen)
      : decline(em, owner, pi, chosen, AUTHENTICATION_REQUIRED);
  }
  if (chosen.behaviour === "authenticate") {
    pi.status = "requires_action";
    pi.next_action = threeDSecureAction(em, pi.id);
    em.emit("payment_intent.requires_action", pi, { account: owner });
    return pi;
  }
  if (chosen.behaviour === "decline") return decline(em, owner, pi, chosen);
  return succeed(em, owner, pi, chosen);
}

function decline(
  em: Emulator,
  owner: string,
  pi: Stripe.PaymentIntent,
  card: CardRecord,
  failure: CardFailure = {
    code: card.error_code ?? "card_declined",
    message: card.decline_message ?? "Your card was declined.",
    ...(card.decline_code ? { decline_code: card.decline_code } : {}),
  },
): never {
  const { code, message, decline_code: declineCode } = failure;
  const charge = buildCharge(em, pi, card, failure);
  em.store.charges[charge.id] = { owner, obj: charge };
  const docUrl = `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;
  pi.latest_charge = charge.id;
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  // Stripe's card error, as it stands on the intent and in the 402 the confirming request gets.
  const cardError = {
    type: "card_error" as const,
    code,
    ...(declineCode ? { decline_code: declineCode } : {}),
    message,
    charge: charge.id,
    doc_url: docUrl,
  };
  cardUsed(em, pi, card, false);
  pi.last_payment_error = {
    ...cardError,
    payment_method: paymentMethodObject(card),
    payment_method_type: "card",
  };
  em.emit("charge.failed", charge, { account: owner });
  em.emit("payment_intent.payment_failed", pi, { account: owner });
  throw new ApiError(402, {
    ...cardError,
    payment_intent: clone(pi),
    payment_method: paymentMethodObject(card),
  });
}

function succeed(
  em: Emulator,
  owner: string,
  pi: Stripe.PaymentIntent,
  card: CardRecord,
): Stripe.PaymentIntent {
  const charge = buildCharge(em, pi, card, null);
  em.store.charges[charge.id] = { owner, obj: charge };
  pi.latest_charge = charge.id;
  pi.next_action = null;
  cardUsed(em, pi, card, true);
  if (pi.capture_method === "manual") {
    pi.status = "requires_capture";
    pi.amount_capturable = pi.amount;
    em.emit("charge.succeeded", charge, { account: owner });
    em.emit("payment_intent.amount_capturable_updated", pi, { account: owner });
    return pi;
  }
  const fee = bookCapture(em, owner, pi, charge, pi.amount, card);
  pi.status = "succeeded";
  pi.amount_received = pi.amount;
  em.emit("charge.succeeded", charge, { account: owner });
  succeeded(em, owner, pi, charge, fee, card.behaviour);
  return pi;
}

/** The buyer finished (or failed) the 3-D Secure challenge opened by the fake Stripe.js. */
export function authenticateIntent(
  em: Emulator,
  owner: string,
  pi: Stripe.PaymentIntent,
  outcome: "complete" | "fail",
): Stripe.PaymentIntent {
  if (pi.status !== "requires_action")
    throw invalidRequest(
      `This PaymentIntent has a status of ${pi.status}; there is no authentication to complete.`,
      "intent",
      "payment_intent_unexpected_state",
    );
  const card = typeof pi.payment_method === "string" ? em.store.cards[pi.payment_method] : undefined;
  if (outcome === "complete" && card) {
    assertCanCharge(em, owner, pi);
    return succeed(em, owner, pi, card);
  }
  if (card) cardUsed(em, pi, card, false);
  pi.status = "requires_payment_method";
  pi.next_action = null;
  pi.payment_method = null;
  pi.last_payment_error = {
    type: "invalid_request_error",
    code: "payment_intent_authentication_failure",
    message:
      "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
    doc_url: "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
    payment_method_type: "card",
  };
  em.emit("payment_intent.payment_failed", pi, { account: owner });
  return pi;
}

/**
 * After the money moved: payment_intent.succeeded, the fee's event, and for the dispute test card the
 * dispute Stripe opens shortly after.
 */
export function succeeded(
  em: Emulator,
  owner: string,
  pi: Stripe.PaymentIntent,
  charge: Stripe.Charge,
  fee: Stripe.ApplicationFee | null | undefined,
  behaviour: string | undefined,
): void {
  em.emit("payment_intent.succeeded", pi, { account: owner });
  if (fee) em.emit("application_fee.created", fee);
  if (behaviour === "dispute")
    em.store.scheduled.push({
      due_ms: Date.now() + em.options.disputeDelayMs,
      kind: "dispute",
      owner,
      target: charge.id,
    });
}
