/*
 * stripe.confirmSetup(): saving a card with the Payment Element, as Stripe.js does it — an Elements group
 * created with the SetupIntent's clientSecret, or in `mode: "setup"` (then elements.submit() first and the
 * clientSecret passed here); the card from the form confirms the SetupIntent, a 3-D Secure challenge opens
 * when the bank asks (4000 0025 0000 3155), then `{ setupIntent }` (`redirect: "if_required"`) or a
 * redirect to return_url with `setup_intent`, `setup_intent_client_secret` and `redirect_status`.
 * Part of the fake Stripe.js bundle.
 */
import type { SetupIntentResult } from "@stripe/stripe-js";
import { confirmIntent } from "./confirm-intent";
import { asSetupResult, SETUP } from "./intents";
import type { ConfirmSetupParams, StripeContext } from "./types";

export async function confirmSetup(
  ctx: StripeContext,
  params: ConfirmSetupParams,
): Promise<SetupIntentResult> {
  return asSetupResult(await confirmIntent(ctx, SETUP, params, "stripe.confirmSetup()", ["setup"]));
}
