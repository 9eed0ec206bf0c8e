import { createRequire } from "node:module";
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { refusedByStripe } from "@/lib/payments/payment-intents";
import {
  isStripeError,
  isStripeErrorOf,
  isStripeOutcomeUnknown,
  stripeErrorCode,
  stripeErrorSummary,
  stripeFailure,
} from "./stripe-errors";

/*
 * Two copies of the SDK in one process, as `next dev` can have them (one per server bundle): here the
 * ESM build the app imports and the CommonJS build `require` loads. Errors made by one copy are not
 * instances of the other's classes; every classification in the app must still recognise them.
 */
const OtherStripe = createRequire(import.meta.url)("stripe") as typeof Stripe;
const other = new OtherStripe("sk_test_other_copy", { maxNetworkRetries: 0 });
const foreign = OtherStripe.errors;

const CONNECT_SECRET = "whsec_test_connect_secret_for_two_copies";
const PLATFORM_SECRET = "whsec_test_platform_secret_for_two_copies";

function signedEvent(secret: string) {
  const payload = JSON.stringify({
    id: "evt_test_two_copies",
    object: "event",
    type: "payment_intent.succeeded",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    account: "acct_test_two_copies",
    data: { object: { id: "pi_test_two_copies", object: "payment_intent" } },
  });
  return { payload, header: other.webhooks.generateTestHeaderString({ payload, secret }) };
}

/** What the admin reads about a refund, and whether createRefund must look for it at Stripe first. */
function refundWords(error: unknown) {
  const failure = stripeFailure(error, "refund", "test");
  return { message: failure.message, outcomeUnknown: failure.outcomeUnknown };
}

beforeEach(() => {
  // stripeFailure logs every failure; the tests read what it returns.
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as { __stripe?: unknown }).__stripe;
  vi.resetModules();
});

describe("two copies of the stripe SDK", () => {
  it("really are two copies (otherwise these tests prove nothing)", () => {
    expect(foreign.StripeError).not.toBe(Stripe.errors.StripeError);
    expect(new foreign.StripePermissionError({ message: "x" })).not.toBeInstanceOf(Stripe.errors.StripeError);
  });

  it("an event signed with the Connect secret is accepted even when the client comes from another copy", async () => {
    // What `next dev` did: the first compiled bundle cached its client on globalThis, the webhook
    // route's bundle reused it and compared its errors with its own copy's classes.
    (globalThis as { __stripe?: unknown }).__stripe = other;
    const { verifyWebhook } = await import("@/lib/webhooks/verify");
    const { payload, header } = signedEvent(CONNECT_SECRET);
    expect(verifyWebhook(payload, header, [PLATFORM_SECRET, CONNECT_SECRET]).id).toBe("evt_test_two_copies");
    const wrong = signedEvent("whsec_test_somebody_else");
    expect(() => verifyWebhook(wrong.payload, wrong.header, [PLATFORM_SECRET, CONNECT_SECRET])).toThrow(
      expect.objectContaining({ code: "bad_request:webhook_signature" }),
    );
  });

  it("recognises a signature failure thrown by the other copy's constructEvent", () => {
    const { payload, header } = signedEvent(CONNECT_SECRET);
    let thrown: unknown;
    try {
      other.webhooks.constructEvent(payload, header, PLATFORM_SECRET);
    } catch (error) {
      thrown = error;
    }
    expect(isStripeErrorOf(thrown, "StripeSignatureVerificationError")).toBe(true);
    expect(isStripeErrorOf(thrown, "StripeInvalidRequestError")).toBe(false);
  });

  it("refund failures from the other copy get their own message, not the generic one", () => {
    expect(refundWords(new foreign.StripePermissionError({ message: "no" }))).toEqual({
      message: "The platform is not allowed to refund on this seller's account.",
      outcomeUnknown: false,
    });
    expect(
      refundWords(new foreign.StripeInvalidRequestError({ code: "charge_disputed", message: "x" })).message,
    ).toMatch(/disputed/);
    expect(refundWords(new foreign.StripeRateLimitError({ message: "slow" })).outcomeUnknown).toBe(false);
  });

  it("Connect failures from the other copy are classified (idempotency conflict, lost access, outage)", () => {
    expect(
      stripeFailure(new foreign.StripeIdempotencyError({ message: "x" }), "login_link", "test").code,
    ).toBe("conflict:login_link");
    expect(
      stripeFailure(
        new foreign.StripeInvalidRequestError({ code: "account_invalid", message: "x" }),
        "login_link",
        "t",
      ).message,
    ).toMatch(/can no longer access/);
    expect(
      stripeFailure(new foreign.StripeConnectionError({ message: "reset" }), "login_link", "t").message,
    ).toMatch(/could not reach Stripe/);
  });

  it("checkout tells a definite refusal from an unknown outcome whichever copy threw", () => {
    expect(refusedByStripe(new foreign.StripeInvalidRequestError({ message: "bad", statusCode: 400 }))).toBe(
      true,
    );
    expect(refusedByStripe(new foreign.StripeAPIError({ message: "boom", statusCode: 500 }))).toBe(false);
    expect(refusedByStripe(new foreign.StripeConnectionError({ message: "reset" }))).toBe(false);
  });

  it("OAuth's invalid_client is recognised from either copy", () => {
    expect(
      isStripeErrorOf(new foreign.StripeInvalidClientError({ message: "x" }), "StripeInvalidClientError"),
    ).toBe(true);
    expect(
      isStripeErrorOf(
        new Stripe.errors.StripeInvalidClientError({ message: "x" }),
        "StripeInvalidClientError",
      ),
    ).toBe(true);
  });
});

describe("isStripeError", () => {
  it("is false for other errors and for look-alikes that are not errors", () => {
    expect(isStripeError(new Error("socket hang up"))).toBe(false);
    expect(isStripeError({ type: "StripeCardError", message: "plain object" })).toBe(false);
    expect(isStripeError(Object.assign(new Error("x"), { type: "TypeError" }))).toBe(false);
    expect(isStripeError(null)).toBe(false);
  });

  it("reads code, outcome and a log summary without headers", () => {
    const error = new Stripe.errors.StripeInvalidRequestError({
      code: "amount_too_small",
      message: "too small",
      headers: { "request-id": "req_1" },
    });
    expect(stripeErrorCode(error)).toBe("amount_too_small");
    expect(stripeErrorCode(new Error("x"))).toBeUndefined();
    expect(isStripeOutcomeUnknown(new foreign.StripeAPIError({ message: "x" }))).toBe(true);
    expect(isStripeOutcomeUnknown(error)).toBe(false);
    expect(stripeErrorSummary(error)).toEqual({
      type: "StripeInvalidRequestError",
      code: "amount_too_small",
      statusCode: undefined,
      requestId: undefined,
      message: "too small",
    });
  });
});

const invalid = (code: string, message = "raw Stripe message with req_123 and stripe.com/docs") =>
  new Stripe.errors.StripeInvalidRequestError({ type: "invalid_request_error", code, message });

describe("stripeFailure on a refund", () => {
  it.each([
    ["charge_already_refunded", /already been refunded in full/],
    ["amount_too_large", /more than what is left/],
    ["charge_disputed", /disputed/],
  ])("%s → a readable, definite refusal", (code, message) => {
    const failure = refundWords(invalid(code));
    expect(failure.message).toMatch(message);
    expect(failure.message).not.toMatch(/req_|stripe\.com/);
    expect(failure.outcomeUnknown).toBe(false);
    expect(stripeFailure(invalid(code), "refund", "test").code).toBe("conflict:refund");
  });

  it("recognises Stripe's over-refund answer, which has no code (only param amount and its message)", () => {
    const over = new Stripe.errors.StripeInvalidRequestError({
      type: "invalid_request_error",
      param: "amount",
      message: "Refund amount ($60.01) is greater than unrefunded amount on charge ($60.00)",
    });
    expect(refundWords(over)).toEqual({
      message:
        "Stripe says this refund is more than what is left on the payment (it may have been refunded outside the app).",
      outcomeUnknown: false,
    });
  });

  it("never echoes an unknown Stripe message", () => {
    const failure = refundWords(invalid("something_new"));
    expect(failure).toEqual({
      message: "Stripe refused this refund. See the server log for details.",
      outcomeUnknown: false,
    });
  });

  it("treats connection and API errors as an unknown outcome (Stripe may have made the refund)", () => {
    expect(
      refundWords(new Stripe.errors.StripeAPIError({ type: "api_error", message: "boom" })).outcomeUnknown,
    ).toBe(true);
    expect(refundWords(new Stripe.errors.StripeConnectionError({ message: "reset" })).outcomeUnknown).toBe(
      true,
    );
    expect(refundWords(new Error("socket hang up")).outcomeUnknown).toBe(true);
    expect(stripeFailure(new Error("socket hang up"), "refund", "test").code).toBe("stripe:refund");
  });

  it("asks to try again on rate limits, without doubting the outcome", () => {
    const failure = refundWords(
      new Stripe.errors.StripeRateLimitError({ type: "rate_limit_error", message: "slow down" }),
    );
    expect(failure).toEqual({
      message: "Stripe is busy right now, so the refund was not made. Please try again in a moment.",
      outcomeUnknown: false,
    });
  });
});

describe("stripeFailure on other surfaces", () => {
  it("checkout: an amount below Stripe's minimum asks for more, anything else is one generic sentence", () => {
    const small = stripeFailure(invalid("amount_too_small"), "checkout", "test");
    expect(small.code).toBe("unprocessable:checkout_amount");
    expect(small.message).toMatch(/below the minimum amount/);
    const other = stripeFailure(invalid("parameter_unknown"), "checkout", "test");
    expect(other.code).toBe("stripe:checkout");
    expect(other.message).toBe("We could not start the payment with our payment provider. Please try again.");
  });

  it("the same error reads in each surface's words, under that surface's code", () => {
    const busy = new Stripe.errors.StripeRateLimitError({ message: "slow down" });
    expect(stripeFailure(busy, "account_link", "test")).toMatchObject({
      code: "stripe:account_link",
      message: "Stripe is busy right now. Please try again in a moment.",
    });
    expect(stripeFailure(busy, "oauth_disconnect", "test")).toMatchObject({
      code: "stripe:oauth_disconnect",
      message: "Stripe could not disconnect your account just now. Nothing was changed; please try again.",
    });
    expect(stripeFailure(invalid("account_invalid"), "refund", "test").message).toMatch(
      /no longer connected to the platform/,
    );
  });

  it("logs once, with the summary rather than Stripe's headers and raw response", () => {
    const error = invalid("amount_too_small", "too small");
    const failure = stripeFailure(error, "checkout", "paymentIntents.create");
    expect(failure.cause).toBe(error);
    expect(console.error).toHaveBeenCalledTimes(1);
    expect(console.error).toHaveBeenCalledWith(
      "[stripe] checkout: paymentIntents.create failed",
      stripeErrorSummary(error),
    );
  });
});

describe("stripeErrorSummary", () => {
  it("summarises errors for the log without headers", () => {
    expect(stripeErrorSummary(invalid("amount_too_large", "too much"))).toMatchObject({
      code: "amount_too_large",
      message: "too much",
    });
    expect(stripeErrorSummary("x")).toEqual({ error: "x" });
  });
});
