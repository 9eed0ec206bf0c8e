/*
 * stripe.confirmPayment(): checks its arguments like Stripe.js, validates the Payment Element,
 * confirms the PaymentIntent with the card from the form and settles (3-D Secure, redirect).
 * Part of the fake Stripe.js bundle.
 */
import type { PaymentIntent, PaymentIntentResult, StripeError } from "@stripe/stripe-js";
import {
  cardData,
  checkedGroup,
  elementError,
  requireMode,
  requireSubmitted,
  whileBusy,
} from "./confirm-common";
import { captureKind, groupCaptureMethod } from "./elements";
import { asPaymentResult, confirmWith, fetchIntent, intentIdOf, PAYMENT, settleIntent } from "./intents";
import { integrationError } from "./payment-form";
import type { ConfirmPaymentParams, ElementsGroup, FormBody, StripeContext } from "./types";

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
  if (!params || typeof params !== "object") {
    throw integrationError(
      "Invalid value for stripe.confirmPayment(): expected an object with elements or clientSecret.",
    );
  }
  const { elements, confirmParams = {}, redirect = "always" } = params;
  if (redirect !== "always" && redirect !== "if_required") {
    throw integrationError(
      `Invalid value for stripe.confirmPayment(): redirect should be "always" or "if_required". You specified: ${String(redirect)}.`,
    );
  }
  const checked = elements ? checkedGroup(ctx, elements, WHERE) : null;
  const group = checked && checked.group;
  const pe = checked && checked.pe;
  if (!group && !confirmParams.payment_method) {
    throw integrationError(
      "Invalid value for stripe.confirmPayment(): either elements or confirmParams.payment_method is required.",
    );
  }
  if (group) requireMode(group, ["payment", "subscription"], WHERE);
  const clientSecret = params.clientSecret || (group && group.options.clientSecret);
  if (!clientSecret) {
    throw integrationError(
      "Invalid value for stripe.confirmPayment(): clientSecret is required when the Elements group was created with a mode (deferred intent creation).",
    );
  }
  intentIdOf(PAYMENT, clientSecret, WHERE);
  if (redirect === "always" && !confirmParams.return_url) {
    throw integrationError(
      "stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`",
    );
  }
  if (group) requireSubmitted(group, WHERE);
  const invalid = pe && elementError(pe);
  if (invalid) return { error: invalid };

  const body: FormBody = Object.assign({}, confirmParams);
  if (pe) {
    // Sent by Stripe.js too: next actions come back as use_stripe_sdk, handled in-page.
    body.use_stripe_sdk = true;
    body.expected_payment_method_type = "card";
    body.payment_method_data = cardData(pe, confirmParams.payment_method_data);
  }
  return whileBusy(pe, async () => {
    if (group && group.options.mode) {
      const refused = await intentMismatch(ctx, group, clientSecret);
      if (refused) return { error: refused };
    }
    const confirmed = await confirmWith(ctx, PAYMENT, clientSecret, body, WHERE);
    if (confirmed.error) return { error: confirmed.error };
    return asPaymentResult(
      await settleIntent(ctx, PAYMENT, confirmed.intent, clientSecret, {
        redirect,
        returnUrl: confirmParams.return_url,
      }),
    );
  });
}
