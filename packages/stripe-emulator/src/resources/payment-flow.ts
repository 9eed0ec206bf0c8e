/**
 * The PaymentIntent state machine (confirm, 3-D Secure, capture, cancel) and the events each step emits:
 *   requires_payment_method → (confirm) → succeeded | requires_capture | requires_action | back with an error
 *   requires_action → (3DS complete) → succeeded / requires_capture; (3DS fail) → requires_payment_method
 *   requires_capture → (capture) / (cancel) / (expiry): manual-capture.ts; most states → (cancel) → canceled
 * Declines answer 402 card_error with the updated PaymentIntent attached, as Stripe does.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { ApiError, docUrl, invalidRequest } from "../errors";
import { clone } from "../events";
import { newId, PLATFORM_ACCOUNT, type CardRecord } from "../state";
import { bookCapture } from "./capture-booking";
import { buildCharge, CONNECT_APPLICATION } from "./charges";

export { CONNECT_APPLICATION };

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

export const CONFIRMABLE = ["requires_payment_method", "requires_confirmation", "requires_action"];

/** Confirms with `card` (or the payment method already on the intent). Throws 402 on a decline. */
export function confirmIntent(
  em: Emulator,
  owner: string,
  pi: Stripe.PaymentIntent,
  card: CardRecord | null,
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
  assertCanCharge(em, owner, pi);
  em.store.cards[chosen.id] = chosen;
  pi.payment_method = chosen.id;
  pi.last_payment_error = null;
  pi.next_action = null;
  if (chosen.behaviour === "authenticate") {
    pi.status = "requires_action";
    pi.next_action = {
      type: "use_stripe_sdk",
      use_stripe_sdk: {
        type: "three_d_secure_redirect",
        stripe_js: `${em.baseUrl}/_emulator/hosted/3ds/${pi.id}`,
        source: newId("src"),
      },
    };
    em.emit("payment_intent.requires_action", pi, { account: owner });
    return pi;
  }
  if (chosen.behaviour === "decline") return decline(em, owner, pi, chosen);
  return succeed(em, owner, pi, chosen);
}

function decline(em: Emulator, owner: string, pi: Stripe.PaymentIntent, card: CardRecord): never {
  const code = card.error_code ?? "card_declined";
  const message = card.decline_message ?? "Your card was declined.";
  const charge = buildCharge(em, pi, card, {
    code,
    message,
    ...(card.decline_code ? { decline_code: card.decline_code } : {}),
  });
  em.store.charges[charge.id] = { owner, obj: charge };
  const docUrl = `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;
  pi.latest_charge = charge.id;
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  // Stripe's card error, as it stands on the intent and in the 402 the confirming request gets.
  const cardError = {
    type: "card_error" as const,
    code,
    ...(card.decline_code ? { decline_code: card.decline_code } : {}),
    message,
    charge: charge.id,
    doc_url: docUrl,
  };
  pi.last_payment_error = { ...cardError, payment_method_type: "card" };
  em.emit("charge.failed", charge, { account: owner });
  em.emit("payment_intent.payment_failed", pi, { account: owner });
  throw new ApiError(402, {
    ...cardError,
    payment_intent: clone(pi),
    payment_method: { id: card.id, object: "payment_method", type: "card" },
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
