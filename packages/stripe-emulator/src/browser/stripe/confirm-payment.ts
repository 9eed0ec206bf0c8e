/*
 * stripe.confirmPayment(): checks its arguments like Stripe.js, validates the Payment Element,
 * confirms the PaymentIntent with the card from the form and settles (3-D Secure, redirect).
 * Part of the fake Stripe.js bundle.
 */
import type { PaymentIntentResult, PaymentMethodCreateParams, StripeError } from "@stripe/stripe-js";
import { captureKind, elementsGroupOf, groupCaptureMethod, intentIdFromSecret } from "./elements";
import { integrationError } from "./payment-form";
import type { ConfirmPaymentParams, ElementsGroup, FormBody, StripeContext } from "./types";

/**
 * Deferred intents: Stripe.js fails a confirmation whose PaymentIntent has another capture_method than the
 * captureMethod the Elements group was created with (Stripe docs, "create_without_intent": the options must
 * match the intent). "automatic" and "automatic_async" both capture on their own, so they match. The intent
 * is read with the client secret first; one it cannot read is reported as the confirm would report it.
 */
async function captureMethodMismatch(
  ctx: StripeContext,
  group: ElementsGroup,
  clientSecret: string,
): Promise<StripeError | null> {
  const retrieved = await ctx.retrieveIntent(clientSecret);
  if (retrieved.error) return retrieved.error;
  const pi = retrieved.paymentIntent;
  if (captureKind(pi.capture_method) === groupCaptureMethod(group.options)) return null;
  const given = group.options.captureMethod ?? group.options.capture_method;
  const elementsSide = given === undefined ? '"automatic" (the default: none was given)' : `"${given}"`;
  return {
    type: "invalid_request_error",
    message:
      `The PaymentIntent ${pi.id} has capture_method "${pi.capture_method}", but the Elements group was created with captureMethod ${elementsSide}. ` +
      "They must match: pass the PaymentIntent's capture method as captureMethod to stripe.elements() (or elements.update()), " +
      "or create the PaymentIntent with the Elements group's. See https://docs.stripe.com/js/elements_object/create_without_intent",
    payment_intent: pi,
  };
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
  const group = elements ? elementsGroupOf(elements) : null;
  if (elements && !group)
    throw integrationError(
      "Invalid value for stripe.confirmPayment(): elements should be an Elements group.",
    );
  if (group && group.ctx !== ctx) {
    throw integrationError(
      "Invalid value for stripe.confirmPayment(): elements was created by a different Stripe instance.",
    );
  }
  const pe = group && group.payment;
  if (group && (!pe || !pe.internal.mounted)) {
    throw integrationError(
      "Invalid value for stripe.confirmPayment(): elements should have a mounted Payment Element or Express Checkout Element.",
    );
  }
  if (!group && !confirmParams.payment_method) {
    throw integrationError(
      "Invalid value for stripe.confirmPayment(): either elements or confirmParams.payment_method is required.",
    );
  }
  const clientSecret = params.clientSecret || (group && group.options.clientSecret);
  if (!clientSecret) {
    throw integrationError(
      "Invalid value for stripe.confirmPayment(): clientSecret is required when the Elements group was created with a mode (deferred intent creation).",
    );
  }
  intentIdFromSecret(clientSecret, "stripe.confirmPayment()");
  if (redirect === "always" && !confirmParams.return_url) {
    throw integrationError(
      "stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`",
    );
  }
  if (group && group.options.mode && !group.submitted) {
    throw integrationError(
      "elements.submit() must be called before stripe.confirmPayment(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work. Integration guide: https://stripe.com/docs/payments/accept-a-payment-deferred",
    );
  }
  if (pe) {
    if (pe.internal.loadFailed) {
      return {
        error: {
          type: "invalid_request_error",
          message: "The Payment Element failed to load; see its loaderror event.",
        },
      };
    }
    const validation = pe.internal.validateAndShow();
    if (validation.error) return { error: validation.error };
  }

  const body: FormBody = Object.assign({}, confirmParams);
  if (pe) {
    // Sent by Stripe.js too: next actions come back as use_stripe_sdk, handled in-page.
    body.use_stripe_sdk = true;
    body.expected_payment_method_type = "card";
    const data = pe.internal.paymentMethodData();
    const extra = confirmParams.payment_method_data || {};
    const billing: PaymentMethodCreateParams.BillingDetails = Object.assign({}, extra.billing_details || {});
    if (data.billing_details) {
      billing.address = Object.assign({}, billing.address || {}, data.billing_details.address);
    }
    body.payment_method_data = Object.assign(
      {},
      extra,
      data,
      Object.keys(billing).length ? { billing_details: billing } : {},
    );
  }
  if (pe) pe.internal.setBusy(true);
  try {
    if (group && group.options.mode) {
      const mismatch = await captureMethodMismatch(ctx, group, clientSecret);
      if (mismatch) return { error: mismatch };
    }
    const confirmed = await ctx.confirmIntent(clientSecret, body);
    if (confirmed.error) return { error: confirmed.error };
    return await ctx.settle(confirmed.paymentIntent, clientSecret, {
      redirect,
      returnUrl: confirmParams.return_url,
    });
  } finally {
    if (pe) pe.internal.setBusy(false);
  }
}
