import { createRequire } from "node:module";
import Stripe from "stripe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { connectStripeFailure } from "@/lib/connect/stripe-failure";
import { refusedByStripe } from "@/lib/payments/payment-intents";
import { describeRefundFailure } from "@/lib/refunds/stripe-errors";
import {
  isStripeError,
  isStripeErrorOf,
  isStripeOutcomeUnknown,
  stripeErrorCode,
  stripeErrorSummary,
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

afterEach(() => {
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
    expect(describeRefundFailure(new foreign.StripePermissionError({ message: "no" }))).toEqual({
      message: "The platform is not allowed to refund on this seller's account.",
      outcomeUnknown: false,
    });
    expect(
      describeRefundFailure(new foreign.StripeInvalidRequestError({ code: "charge_disputed", message: "x" }))
        .message,
    ).toMatch(/disputed/);
    expect(describeRefundFailure(new foreign.StripeRateLimitError({ message: "slow" })).outcomeUnknown).toBe(
      false,
    );
  });

  it("Connect failures from the other copy are classified (idempotency conflict, lost access, outage)", () => {
    expect(
      connectStripeFailure(new foreign.StripeIdempotencyError({ message: "x" }), "login_link", "test").code,
    ).toBe("conflict:login_link");
    expect(
      connectStripeFailure(
        new foreign.StripeInvalidRequestError({ code: "account_invalid", message: "x" }),
        "login_link",
        "t",
      ).message,
    ).toMatch(/can no longer access/);
    expect(
      connectStripeFailure(new foreign.StripeConnectionError({ message: "reset" }), "login_link", "t")
        .message,
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
