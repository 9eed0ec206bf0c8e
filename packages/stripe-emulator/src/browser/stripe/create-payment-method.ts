/*
 * stripe.createPaymentMethod({ elements, params }): the card the Payment Element collected becomes a
 * PaymentMethod on the account this Stripe.js instance is for (its `stripeAccount`, else the platform),
 * for the server to use ("finalize payments on the server", or to attach / clone). As with Stripe.js the
 * Elements group must be created with `paymentMethodCreation: "manual"`, and elements.submit() must have
 * validated the form first. Part of the fake Stripe.js bundle.
 */
import type { PaymentMethod, PaymentMethodResult } from "@stripe/stripe-js";
import { emuRequest } from "../common";
import { cardData, checkedGroup, elementError, requireSubmitted, whileBusy } from "./confirm-common";
import { integrationError } from "./payment-form";
import type { CreatePaymentMethodOptions, StripeContext } from "./types";

const WHERE = "stripe.createPaymentMethod()";

export async function createPaymentMethod(
  ctx: StripeContext,
  options: CreatePaymentMethodOptions,
): Promise<PaymentMethodResult> {
  if (!options || typeof options !== "object")
    throw integrationError(`Invalid value for ${WHERE}: expected an object with elements.`);
  if (!options.elements)
    return {
      error: {
        type: "invalid_request_error",
        code: "emulator_unsupported",
        message: `${WHERE} is implemented by the offline Stripe emulator for the Payment Element only: pass { elements, params }.`,
      },
    };
  const { group, pe } = checkedGroup(ctx, options.elements, WHERE);
  if (group.options.paymentMethodCreation !== "manual")
    throw integrationError(
      `${WHERE}: to create a PaymentMethod from the Payment Element, create the Elements group with paymentMethodCreation: "manual".`,
    );
  requireSubmitted(group, WHERE);
  const invalid = elementError(pe);
  if (invalid) return { error: invalid };
  const params = options.params || {};
  const data = cardData(pe, { billing_details: params.billing_details });
  const form = {
    type: "card",
    card: data.card,
    billing_details: data.billing_details,
    metadata: options.metadata || params.metadata,
    allow_redisplay: params.allow_redisplay,
  };
  return whileBusy(pe, async () => {
    const res = await emuRequest<PaymentMethod>(ctx.origin, "POST", "/v1/payment_methods", {
      headers: ctx.headers(),
      form,
    });
    return res.ok ? { paymentMethod: res.body } : { error: res.body.error };
  });
}
