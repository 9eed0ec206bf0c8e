/*
 * stripe.confirmSetup(): saving a card with the Payment Element, as Stripe.js does it — an Elements group
 * created with the SetupIntent's clientSecret, or in `mode: "setup"` (then elements.submit() first and the
 * clientSecret passed here); the card from the form confirms the SetupIntent, a 3-D Secure challenge opens
 * when the bank asks (4000 0025 0000 3155), then `{ setupIntent }` (`redirect: "if_required"`) or a
 * redirect to return_url with `setup_intent`, `setup_intent_client_secret` and `redirect_status`.
 * Part of the fake Stripe.js bundle.
 */
import type { SetupIntentResult } from "@stripe/stripe-js";
import {
  cardData,
  checkedGroup,
  elementError,
  requireMode,
  requireSubmitted,
  whileBusy,
} from "./confirm-common";
import { asSetupResult, confirmWith, intentIdOf, settleIntent, SETUP } from "./intents";
import { integrationError } from "./payment-form";
import type { ConfirmSetupParams, FormBody, StripeContext } from "./types";

const WHERE = "stripe.confirmSetup()";

export async function confirmSetup(
  ctx: StripeContext,
  params: ConfirmSetupParams,
): Promise<SetupIntentResult> {
  if (!params || typeof params !== "object")
    throw integrationError(`Invalid value for ${WHERE}: expected an object with elements or clientSecret.`);
  const { elements, confirmParams = {}, redirect = "always" } = params;
  if (redirect !== "always" && redirect !== "if_required")
    throw integrationError(
      `Invalid value for ${WHERE}: redirect should be "always" or "if_required". You specified: ${String(redirect)}.`,
    );
  const checked = elements ? checkedGroup(ctx, elements, WHERE) : null;
  const group = checked && checked.group;
  const pe = checked && checked.pe;
  if (!group && !confirmParams.payment_method)
    throw integrationError(
      `Invalid value for ${WHERE}: either elements or confirmParams.payment_method is required.`,
    );
  if (group) requireMode(group, ["setup"], WHERE);
  const clientSecret = params.clientSecret || (group && group.options.clientSecret);
  if (!clientSecret)
    throw integrationError(
      `Invalid value for ${WHERE}: clientSecret is required when the Elements group was created with a mode (deferred intent creation).`,
    );
  intentIdOf(SETUP, clientSecret, WHERE);
  if (redirect === "always" && !confirmParams.return_url)
    throw integrationError(
      `${WHERE}: the \`confirmParams.return_url\` argument is required unless passing \`redirect: 'if_required'\``,
    );
  if (group) requireSubmitted(group, WHERE);
  const invalid = pe && elementError(pe);
  if (invalid) return { error: invalid };

  const body: FormBody = Object.assign({}, confirmParams);
  if (pe) {
    body.use_stripe_sdk = true;
    body.expected_payment_method_type = "card";
    body.payment_method_data = cardData(pe, confirmParams.payment_method_data);
  }
  return whileBusy(pe, async () => {
    const confirmed = await confirmWith(ctx, SETUP, clientSecret, body, WHERE);
    if (confirmed.error) return { error: confirmed.error };
    return asSetupResult(
      await settleIntent(ctx, SETUP, confirmed.intent, clientSecret, {
        redirect,
        returnUrl: confirmParams.return_url,
      }),
    );
  });
}
