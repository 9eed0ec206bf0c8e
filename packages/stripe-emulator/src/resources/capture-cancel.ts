/**
 * How an authorisation ends (`capture_method: "manual"`, issue 21): capture all or part of it, cancel it,
 * or let it expire on the emulator clock. Stripe's rules (https://docs.stripe.com/payments/place-a-hold-on-a-payment-method,
 * https://docs.stripe.com/api/payment_intents/capture, …/cancel):
 * - a partial capture releases the rest: Stripe refunds the uncaptured amount, so the charge reports it in
 *   `amount_refunded` (and `refunds`) while `refunded` stays false — no charge.refunded event for it;
 * - canceling a `requires_capture` intent refunds the whole uncaptured amount (`refunded: true`,
 *   charge.refunded, then payment_intent.canceled);
 * - an authorisation not captured by the charge's `payment_method_details.card.capture_before`
 *   (EMULATOR_DEFAULTS.authorizationValiditySeconds after it was created) expires: charge.expired, then
 *   payment_intent.canceled with `cancellation_reason: "automatic"`; a capture then fails with
 *   `charge_expired_for_capture`.
 * A release moves no money (nothing was captured), so its refund has no balance transaction.
 */
import type Stripe from "stripe";
import { EMULATOR_DEFAULTS } from "../defaults";
import type { Emulator } from "../emulator";
import { ApiError, docUrl, invalidRequest } from "../errors";
import { clone } from "../events";
import { newId } from "../state";
import { bookCapture } from "./capture-booking";
import { succeeded, unexpectedState } from "./payment-flow";

function chargeOf(em: Emulator, pi: Stripe.PaymentIntent): Stripe.Charge | undefined {
  return typeof pi.latest_charge === "string" ? em.store.charges[pi.latest_charge]?.obj : undefined;
}

/** Unix seconds after which the authorisation behind `charge` can no longer be captured. */
export function captureDeadline(charge: Stripe.Charge): number {
  return (
    charge.payment_method_details?.card?.capture_before ??
    charge.created + EMULATOR_DEFAULTS.authorizationValiditySeconds
  );
}

function expiredForCapture(pi: Stripe.PaymentIntent): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    code: "charge_expired_for_capture",
    message: `The charge cannot be captured as the authorization has expired. Auth and capture charges must be captured within ${EMULATOR_DEFAULTS.authorizationValiditySeconds / 86400} days.`,
    doc_url: docUrl("charge_expired_for_capture"),
    payment_intent: clone(pi),
  });
}

/**
 * Gives back `amount` of an uncaptured authorisation as Stripe shows it: a succeeded refund on the charge
 * (no balance transaction: no money had moved). Returns what the charge looked like before, for `previous`.
 */
function releaseUncaptured(
  em: Emulator,
  owner: string,
  charge: Stripe.Charge,
  amount: number,
): { amount_refunded: number; refunded: boolean } {
  const before = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  if (amount <= 0) return before;
  const refund: Stripe.Refund = {
    id: newId("re"),
    object: "refund",
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: em.now(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
  em.store.refunds[refund.id] = { owner, obj: refund };
  charge.refunds?.data.unshift(refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  return before;
}

function markCanceled(
  em: Emulator,
  owner: string,
  pi: Stripe.PaymentIntent,
  reason: Stripe.PaymentIntent.CancellationReason | null,
): void {
  pi.status = "canceled";
  pi.canceled_at = em.now();
  pi.cancellation_reason = reason;
  pi.amount_capturable = 0;
  pi.next_action = null;
  em.emit("payment_intent.canceled", pi, { account: owner });
}

/** The authorisation ran out: released, charge.expired, then payment_intent.canceled ("automatic"). */
function expire(em: Emulator, owner: string, pi: Stripe.PaymentIntent, charge: Stripe.Charge): void {
  const before = releaseUncaptured(em, owner, charge, pi.amount_capturable);
  em.emit("charge.expired", charge, { account: owner, previous: before });
  markCanceled(em, owner, pi, "automatic");
}

/** Tick: expires every authorisation whose capture_before has passed on the emulator clock. */
export function expireAuthorisations(em: Emulator): void {
  const now = em.now();
  for (const { owner, obj: pi } of Object.values(em.store.paymentIntents)) {
    if (pi.status !== "requires_capture") continue;
    const charge = chargeOf(em, pi);
    if (charge && captureDeadline(charge) <= now) expire(em, owner, pi, charge);
  }
}

export function captureIntent(
  em: Emulator,
  owner: string,
  pi: Stripe.PaymentIntent,
  amountToCapture: number | undefined,
  applicationFee: number | undefined,
): Stripe.PaymentIntent {
  const charge = chargeOf(em, pi);
  if (pi.status === "canceled" && pi.cancellation_reason === "automatic" && charge && !charge.captured)
    throw expiredForCapture(pi);
  if (pi.status !== "requires_capture") throw unexpectedState(pi, "capture", ["requires_capture"]);
  if (!charge) throw invalidRequest("This PaymentIntent has no charge to capture.", "intent");
  if (captureDeadline(charge) <= em.now()) {
    // The tick had not run yet: settle the expiry now so the intent reads the way the error says.
    expire(em, owner, pi, charge);
    throw expiredForCapture(pi);
  }
  const amount = amountToCapture ?? pi.amount_capturable;
  if (amount > pi.amount_capturable)
    throw invalidRequest(
      `The amount to capture (${amount}) is greater than the amount capturable (${pi.amount_capturable}).`,
      "amount_to_capture",
      "amount_too_large",
    );
  if (applicationFee !== undefined) {
    if (applicationFee > amount)
      throw invalidRequest(
        `The application fee amount (${applicationFee}) cannot be greater than the amount to capture (${amount}).`,
        "application_fee_amount",
      );
    pi.application_fee_amount = applicationFee;
  }
  const card = typeof pi.payment_method === "string" ? em.store.cards[pi.payment_method] : undefined;
  const previous = {
    amount_captured: charge.amount_captured,
    balance_transaction: charge.balance_transaction,
    captured: charge.captured,
    ...(amount < pi.amount_capturable
      ? { amount_refunded: charge.amount_refunded, refunded: charge.refunded }
      : {}),
  };
  // A fee set at creation and not restated is capped at what was captured (bookCapture).
  const fee = bookCapture(em, owner, pi, charge, amount, card);
  charge.application_fee_amount = fee ? fee.amount : pi.application_fee_amount;
  releaseUncaptured(em, owner, charge, pi.amount_capturable - amount);
  pi.status = "succeeded";
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  em.emit("charge.captured", charge, { account: owner, previous });
  succeeded(em, owner, pi, charge, fee, card?.behaviour);
  return pi;
}

const CANCELABLE = [
  "requires_payment_method",
  "requires_capture",
  "requires_confirmation",
  "requires_action",
  "processing",
];

export function cancelIntent(
  em: Emulator,
  owner: string,
  pi: Stripe.PaymentIntent,
  reason: Stripe.PaymentIntent.CancellationReason | undefined,
): Stripe.PaymentIntent {
  if (!CANCELABLE.includes(pi.status)) throw unexpectedState(pi, "cancel", CANCELABLE);
  const charge = pi.status === "requires_capture" ? chargeOf(em, pi) : undefined;
  if (charge) {
    const before = releaseUncaptured(em, owner, charge, pi.amount_capturable);
    em.emit("charge.refunded", charge, { account: owner, previous: before });
  }
  markCanceled(em, owner, pi, reason ?? null);
  return pi;
}
