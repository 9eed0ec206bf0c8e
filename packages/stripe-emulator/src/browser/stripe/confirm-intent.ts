/*
 * What stripe.confirmPayment() and stripe.confirmSetup() do alike, as Stripe.js does: check their
 * arguments (an Elements group of the right mode or a payment_method, the client secret of the right kind,
 * return_url unless `redirect: "if_required"`, elements.submit() first for deferred intents), validate the
 * Payment Element, confirm with the card it collected, then settle (3-D Secure, redirect).
 * Part of the fake Stripe.js bundle.
 */
import type { StripeError } from "@stripe/stripe-js";
import {
  cardData,
  checkedGroup,
  elementError,
  requireMode,
  requireSubmitted,
  whileBusy,
} from "./confirm-common";
import {
  confirmWith,
  intentIdOf,
  settleIntent,
  type AnyIntent,
  type IntentKind,
  type IntentOutcome,
} from "./intents";
import { integrationError } from "./payment-form";
import type {
  ConfirmPaymentParams,
  ConfirmSetupParams,
  ElementsGroup,
  FormBody,
  StripeContext,
} from "./types";

export async function confirmIntent<T extends AnyIntent>(
  ctx: StripeContext,
  kind: IntentKind<T>,
  params: ConfirmPaymentParams | ConfirmSetupParams,
  where: string,
  /** The Elements group modes this confirm accepts ("payment", "setup"...). */
  modes: readonly string[],
  /** A refusal Stripe.js makes after reading the intent (a deferred group that does not match it). */
  precheck?: (group: ElementsGroup, clientSecret: string) => Promise<StripeError | null>,
): Promise<IntentOutcome<T>> {
  if (!params || typeof params !== "object")
    throw integrationError(`Invalid value for ${where}: expected an object with elements or clientSecret.`);
  const { elements, confirmParams = {}, redirect = "always" } = params;
  if (redirect !== "always" && redirect !== "if_required")
    throw integrationError(
      `Invalid value for ${where}: redirect should be "always" or "if_required". You specified: ${String(redirect)}.`,
    );
  const checked = elements ? checkedGroup(ctx, elements, where) : null;
  const group = checked && checked.group;
  const pe = checked && checked.pe;
  if (!group && !confirmParams.payment_method)
    throw integrationError(
      `Invalid value for ${where}: either elements or confirmParams.payment_method is required.`,
    );
  if (group) requireMode(group, modes, where);
  const clientSecret = params.clientSecret || (group && group.options.clientSecret);
  if (!clientSecret)
    throw integrationError(
      `Invalid value for ${where}: clientSecret is required when the Elements group was created with a mode (deferred intent creation).`,
    );
  intentIdOf(kind, clientSecret, where);
  if (redirect === "always" && !confirmParams.return_url)
    throw integrationError(
      `${where}: the \`confirmParams.return_url\` argument is required unless passing \`redirect: 'if_required'\``,
    );
  if (group) requireSubmitted(group, where);
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
    if (group && group.options.mode && precheck) {
      const refused = await precheck(group, clientSecret);
      if (refused) return { error: refused };
    }
    const confirmed = await confirmWith(ctx, kind, clientSecret, body, where);
    if (confirmed.error) return { error: confirmed.error };
    return settleIntent(ctx, kind, confirmed.intent, clientSecret, {
      redirect,
      returnUrl: confirmParams.return_url,
    });
  });
}
