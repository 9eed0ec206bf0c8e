import type { Stripe, StripeElements } from "@stripe/stripe-js";
import { appearance } from "@/components/checkout/appearance";
import type { Action, ActionState } from "@/lib/actions";

/*
 * Saving a card in the browser, shared by "Add a card" (/account/payment-methods) and checkout's "Save
 * this card for next time": the Payment Element (setup mode, on the platform) is checked, the server
 * creates the SetupIntent on the buyer's Customer, Stripe.js confirms it (3-D Secure in place when the bank
 * asks), and the server checks the result and returns the saved card's id.
 */

export type StartSetupAction = Action<ActionState<{ clientSecret: string }>>;
export type FinishSetupAction = Action<ActionState<{ paymentMethodId: string }>>;

export interface WalletActions {
  startSetup: StartSetupAction;
  finishSetup: FinishSetupAction;
}

/** The Payment Element in setup mode, as both forms show it. */
export function setupElementsOptions(currency: string) {
  return {
    mode: "setup" as const,
    currency,
    setupFutureUsage: "on_session" as const,
    paymentMethodTypes: ["card"],
    appearance,
  };
}

export type SaveCardResult =
  { ok: true; paymentMethodId: string; message: string } | { ok: false; error: string };

export async function saveCardInBrowser(
  stripe: Stripe,
  elements: StripeElements,
  { startSetup, finishSetup }: WalletActions,
  /** Where the bank's page sends the buyer back if it needs a full redirect (cards rarely do). */
  returnUrl: string,
): Promise<SaveCardResult> {
  const submitted = await elements.submit();
  if (submitted.error)
    return { ok: false, error: submitted.error.message ?? "Please check your card details." };
  const started = await startSetup(undefined, {});
  if (!started.ok || !started.data)
    return { ok: false, error: started.message ?? "We could not start saving the card. Please try again." };
  const { error, setupIntent } = await stripe.confirmSetup({
    elements,
    clientSecret: started.data.clientSecret,
    confirmParams: { return_url: returnUrl },
    redirect: "if_required",
  });
  if (error || !setupIntent)
    return { ok: false, error: error?.message ?? "The card could not be saved. Please try another card." };
  const finished = await finishSetup(undefined, { setupIntentId: setupIntent.id });
  if (!finished.ok || !finished.data)
    return { ok: false, error: finished.message ?? "The card could not be saved." };
  return {
    ok: true,
    paymentMethodId: finished.data.paymentMethodId,
    message: finished.message ?? "Card saved.",
  };
}
