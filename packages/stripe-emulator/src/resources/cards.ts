/**
 * Stripe's test cards and `pm_card_*` tokens, and what each does when charged.
 * Server-side confirms name a token (`payment_method: "pm_card_visa"`); the fake Stripe.js sends raw card
 * fields (`payment_method_data[card][number]`, or `card[number]` to `POST /v1/payment_methods`). Both
 * become a CardRecord with a fresh `pm_…` id, like Stripe turns `pm_card_visa` into a new PaymentMethod.
 * 3-D Secure cards follow https://docs.stripe.com/testing ("Authentication and setup"): every one needs
 * authentication on session; off session, 3155 pays once set up, 3184 and 3220 never, 0446 always.
 */
import { createHash } from "node:crypto";
import { ApiError, resourceMissing } from "../errors";
import { newId, type CardRecord } from "../state";

interface CardBehaviour {
  behaviour: CardRecord["behaviour"];
  /** 3-D Secure cards: what an off-session payment does. */
  off_session?: CardRecord["off_session"];
  /** Declines charges but sets up / attaches fine (4000000000000341). */
  setup_ok?: true;
  /** Stripe's error `code` and `decline_code` for declines, and the message shown to the buyer. */
  code?: string;
  decline_code?: string;
  message?: string;
  /** 4000000000000077: funds skip the pending balance (Stripe's way to top up available balance in tests). */
  available_immediately?: boolean;
}

const DECLINED = "Your card was declined.";

export const TEST_CARDS: Record<string, CardBehaviour> = {
  "4242424242424242": { behaviour: "succeed" },
  "4000056655665556": { behaviour: "succeed" },
  "5555555555554444": { behaviour: "succeed" },
  "378282246310005": { behaviour: "succeed" },
  "4000000000000077": { behaviour: "succeed", available_immediately: true },
  "4000000000009995": {
    behaviour: "decline",
    code: "card_declined",
    decline_code: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
  "4000000000000002": {
    behaviour: "decline",
    code: "card_declined",
    decline_code: "generic_decline",
    message: DECLINED,
  },
  "4000000000009979": {
    behaviour: "decline",
    code: "card_declined",
    decline_code: "stolen_card",
    message: DECLINED,
  },
  "4000000000000069": {
    behaviour: "decline",
    code: "expired_card",
    decline_code: "expired_card",
    message: "Your card has expired.",
  },
  "4000000000000127": {
    behaviour: "decline",
    code: "incorrect_cvc",
    decline_code: "incorrect_cvc",
    message: "Your card's security code is incorrect.",
  },
  "4000000000000119": {
    behaviour: "decline",
    code: "processing_error",
    decline_code: "processing_error",
    message: "An error occurred while processing your card. Try again in a little bit.",
  },
  "4000000000000341": {
    behaviour: "decline",
    code: "card_declined",
    decline_code: "generic_decline",
    message: DECLINED,
    setup_ok: true,
  },
  // Authenticate unless set up: on session always; off session only until set up for off-session use.
  "4000002500003155": { behaviour: "authenticate", off_session: "if_set_up" },
  // Always authenticate: every payment, however the card was set up (off session: authentication_required).
  "4000002760003184": { behaviour: "authenticate", off_session: "decline" },
  // Already set up: on session it authenticates, off session it pays as if set up.
  "4000003800000446": { behaviour: "authenticate", off_session: "succeed" },
  "4000000000003220": { behaviour: "authenticate", off_session: "decline" },
  "4000000000000259": { behaviour: "dispute" },
  "4000000000005126": { behaviour: "refund_fail" },
};

export const TEST_TOKENS: Record<string, string> = {
  pm_card_visa: "4242424242424242",
  pm_card_visa_debit: "4000056655665556",
  pm_card_mastercard: "5555555555554444",
  pm_card_amex: "378282246310005",
  pm_card_bypassPending: "4000000000000077",
  pm_card_chargeDeclined: "4000000000000002",
  pm_card_chargeDeclinedInsufficientFunds: "4000000000009995",
  pm_card_chargeDeclinedStolenCard: "4000000000009979",
  pm_card_chargeDeclinedExpiredCard: "4000000000000069",
  pm_card_chargeDeclinedIncorrectCvc: "4000000000000127",
  pm_card_chargeDeclinedProcessingError: "4000000000000119",
  pm_card_chargeCustomerFail: "4000000000000341",
  pm_card_authenticationRequired: "4000002760003184",
  pm_card_authenticationRequiredOnSetup: "4000002500003155",
  pm_card_authenticationRequiredSetupForOffSession: "4000003800000446",
  pm_card_threeDSecure2Required: "4000000000003220",
  pm_card_createDispute: "4000000000000259",
  pm_card_refundFail: "4000000000005126",
};

function fingerprintOf(number: string): string {
  return createHash("sha256").update(`card:${number}`).digest("base64url").slice(0, 16);
}

function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function brandOf(number: string): string {
  if (/^3[47]/.test(number)) return "amex";
  if (/^5[1-5]/.test(number) || /^2[2-7]/.test(number)) return "mastercard";
  if (/^6011|^65/.test(number)) return "discover";
  if (/^4/.test(number)) return "visa";
  return "unknown";
}

function cardError(code: string, message: string, param: string): ApiError {
  return new ApiError(402, {
    type: "card_error",
    code,
    message,
    param,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`,
  });
}

export interface RawCard {
  number: string;
  exp_month?: number;
  exp_year?: number;
  cvc?: string;
}

/**
 * Validates card fields like Stripe's tokenizer: wrong number / expiry / CVC are 402 card errors, named
 * under `base` (`payment_method_data[card]` on an intent, `card` on `POST /v1/payment_methods`).
 */
export function cardFromFields(
  owner: string,
  raw: RawCard,
  postalCode: string | null,
  nowSeconds: number,
  base = "payment_method_data[card]",
): CardRecord {
  const number = raw.number.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number))
    throw cardError("incorrect_number", "Your card number is incorrect.", `${base}[number]`);
  const month = raw.exp_month ?? 12;
  const rawYear = raw.exp_year ?? new Date(nowSeconds * 1000).getUTCFullYear() + 2;
  const year = rawYear < 100 ? 2000 + rawYear : rawYear;
  if (month < 1 || month > 12)
    throw cardError("invalid_expiry_month", "Your card's expiration month is invalid.", `${base}[exp_month]`);
  const now = new Date(nowSeconds * 1000);
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1))
    throw cardError("invalid_expiry_year", "Your card's expiration year is invalid.", `${base}[exp_year]`);
  if (raw.cvc !== undefined && !/^\d{3,4}$/.test(raw.cvc))
    throw cardError("invalid_cvc", "Your card's security code is invalid.", `${base}[cvc]`);
  const known = TEST_CARDS[number];
  return {
    id: newId("pm"),
    owner,
    brand: brandOf(number),
    last4: number.slice(-4),
    exp_month: month,
    exp_year: year,
    funding: number === "4000056655665556" ? "debit" : "credit",
    country: "US",
    fingerprint: fingerprintOf(number),
    behaviour: known?.behaviour ?? "succeed",
    ...(known?.code ? { error_code: known.code } : {}),
    ...(known?.decline_code ? { decline_code: known.decline_code } : {}),
    ...(known?.message ? { decline_message: known.message } : {}),
    ...(known?.available_immediately ? { available_immediately: true } : {}),
    ...(known?.off_session ? { off_session: known.off_session } : {}),
    ...(known?.setup_ok ? { setup_ok: true } : {}),
    billing_postal_code: postalCode,
    created: nowSeconds,
    customer: null,
  };
}

/** Whether `id` is one of Stripe's test PaymentMethod tokens (`pm_card_visa`, ...). */
export function isTestToken(id: string): boolean {
  return Object.hasOwn(TEST_TOKENS, id);
}

/** `pm_card_*` tokens make a new card; an existing `pm_…` must belong to the same account. */
export function cardFromPaymentMethod(
  owner: string,
  id: string,
  cards: Record<string, CardRecord>,
  nowSeconds: number,
): CardRecord {
  const token = Object.hasOwn(TEST_TOKENS, id) ? TEST_TOKENS[id] : undefined;
  if (token) return cardFromFields(owner, { number: token }, null, nowSeconds);
  const existing = cards[id];
  if (existing && existing.owner === owner) return existing;
  throw resourceMissing("PaymentMethod", id, "payment_method", 400);
}
