import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { stripeErrorSummary } from "@/lib/stripe-errors";
import { describeRefundFailure } from "./stripe-errors";

const invalid = (code: string, message = "raw Stripe message with req_123 and stripe.com/docs") =>
  new Stripe.errors.StripeInvalidRequestError({ type: "invalid_request_error", code, message });

describe("describeRefundFailure", () => {
  it.each([
    ["charge_already_refunded", /already been refunded in full/],
    ["amount_too_large", /more than what is left/],
    ["charge_disputed", /disputed/],
  ])("%s → a readable, definite refusal", (code, message) => {
    const failure = describeRefundFailure(invalid(code));
    expect(failure.message).toMatch(message);
    expect(failure.message).not.toMatch(/req_|stripe\.com/);
    expect(failure.outcomeUnknown).toBe(false);
  });

  it("recognises Stripe's over-refund answer, which has no code (only param amount and its message)", () => {
    const over = new Stripe.errors.StripeInvalidRequestError({
      type: "invalid_request_error",
      param: "amount",
      message: "Refund amount ($60.01) is greater than unrefunded amount on charge ($60.00)",
    });
    expect(describeRefundFailure(over)).toEqual({
      message:
        "Stripe says this refund is more than what is left on the payment (it may have been refunded outside the app).",
      outcomeUnknown: false,
    });
  });

  it("never echoes an unknown Stripe message", () => {
    const failure = describeRefundFailure(invalid("something_new"));
    expect(failure).toEqual({
      message: "Stripe refused this refund. See the server log for details.",
      outcomeUnknown: false,
    });
  });

  it("treats connection and API errors as an unknown outcome (Stripe may have made the refund)", () => {
    expect(
      describeRefundFailure(new Stripe.errors.StripeAPIError({ type: "api_error", message: "boom" }))
        .outcomeUnknown,
    ).toBe(true);
    expect(
      describeRefundFailure(new Stripe.errors.StripeConnectionError({ message: "reset" })).outcomeUnknown,
    ).toBe(true);
    expect(describeRefundFailure(new Error("socket hang up")).outcomeUnknown).toBe(true);
  });

  it("asks to try again on rate limits, without doubting the outcome", () => {
    const failure = describeRefundFailure(
      new Stripe.errors.StripeRateLimitError({ type: "rate_limit_error", message: "slow down" }),
    );
    expect(failure).toEqual({
      message: "Stripe is busy right now, so the refund was not made. Please try again in a moment.",
      outcomeUnknown: false,
    });
  });

  it("summarises errors for the log without headers", () => {
    expect(stripeErrorSummary(invalid("amount_too_large", "too much"))).toMatchObject({
      code: "amount_too_large",
      message: "too much",
    });
    expect(stripeErrorSummary("x")).toEqual({ error: "x" });
  });
});
