/*
 * stripe.confirmPayment(): confirm-intent.ts's checks, confirm and settle, plus Stripe.js' refusal of a
 * PaymentIntent that does not match the deferred Elements group it is confirmed with.
 * Part of the fake Stripe.js bundle.
 */
import type { PaymentIntent, PaymentIntentResult, StripeError } from "@stripe/stripe-js";
import { confirmIntent } from "./confirm-intent";
import { captureKind, groupCaptureMethod } from "./elements";
import { asPaymentResult, fetchIntent, PAYMENT } from "./intents";
import type { ConfirmPaymentParams, ElementsGroup, StripeContext } from "./types";

const WHERE = "stripe.confirmPayment()";

/** A deferred group's promise, described as Stripe.js words the option (`"x"`, or the default). */
function groupSide(given: string | null | undefined, fallback: string): string {
  return given === undefined ? `${fallback} (the default: none was given)` : JSON.stringify(given);
}

function mismatch(pi: PaymentIntent, what: string, message: string): StripeError {
  return {
    type: "invalid_request_error",
    message:
      `The PaymentIntent ${pi.id} has ${message}. They must match: pass the PaymentIntent's ${what} to stripe.elements() ` +
      "(or elements.update()), or create the PaymentIntent with the Elements group's. See https://docs.stripe.com/js/elements_object/create_without_intent",
    payment_intent: pi,
  };
}

/**
 * Deferred intents: Stripe.js fails a confirmation whose PaymentIntent does not match the options the
 * Elements group was created with (Stripe docs, "create_without_intent"): its capture_method
 * ("automatic" and "automatic_async" both capture on their own, so they match) and its
 * setup_future_usage. The intent is read with the client secret first; one it cannot read is reported
 * as the confirm would report it.
 */
async function intentMismatch(
  ctx: StripeContext,
  group: ElementsGroup,
  clientSecret: string,
): Promise<StripeError | null> {
  const read = await fetchIntent(ctx, PAYMENT, clientSecret, WHERE);
  if (read.error) return read.error;
  const pi = read.intent;
  const options = group.options;
  if (captureKind(pi.capture_method) !== groupCaptureMethod(options)) {
    const given = options.captureMethod ?? options.capture_method;
    return mismatch(
      pi,
      "capture method as captureMethod",
      `capture_method "${pi.capture_method}", but the Elements group was created with captureMethod ${groupSide(given, '"automatic"')}`,
    );
  }
  const future =
    options.setupFutureUsage !== undefined ? options.setupFutureUsage : options.setup_future_usage;
  if ((future ?? null) !== (pi.setup_future_usage ?? null))
    return mismatch(
      pi,
      "setup_future_usage as setupFutureUsage",
      `setup_future_usage ${JSON.stringify(pi.setup_future_usage ?? null)}, but the Elements group was created with setupFutureUsage ${groupSide(future, "null")}`,
    );
  return null;
}

export async function confirmPayment(
  ctx: StripeContext,
  params: ConfirmPaymentParams,
): Promise<PaymentIntentResult> {
  return asPaymentResult(
    await confirmIntent(ctx, PAYMENT, params, WHERE, ["payment", "subscription"], (group, clientSecret) =>
      intentMismatch(ctx, group, clientSecret),
    ),
  );
}
