"use client";

import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/components/ui/use-submit";
import { formatMoney } from "@/lib/money";
import type { CheckoutPrice } from "@/lib/payments/checkout-rules";
import type { CheckoutPanelProps } from "./checkout-panel";
import { CaptureLaterNote } from "./capture-later";
import { useShownPrice } from "./shown-price";
import { stripeForAccount } from "./stripe-loader";

/*
 * Paying with a saved card: the server clones the card onto the seller's account and confirms the
 * payment; if the bank asks for 3-D Secure, Stripe.js (initialised for the seller's account, where the
 * payment lives) runs the challenge with `handleNextAction`, then the buyer lands on the order page.
 * Shared by the one-click "Pay with" a saved card and by "Save this card for next time" once it is saved.
 */
export async function chargeSavedCard(
  props: CheckoutPanelProps,
  price: CheckoutPrice,
  paymentMethodId: string,
  setPrice: (price: CheckoutPrice) => void,
): Promise<{ error: string } | { paid: string }> {
  const result = await props.startCheckout(undefined, {
    productId: props.productId,
    quantity: price.quantity,
    checkoutKey: props.checkoutKey,
    shownUnitAmount: price.unitAmount,
    shownAmount: price.amount,
    shownCurrency: price.currency,
    shownCaptureLater: props.captureLater,
    savedCard: paymentMethodId,
  });
  if (result.data?.kind === "price_changed") {
    setPrice(result.data.price);
    return { error: result.message ?? "The price changed. Please check the new total and pay again." };
  }
  if (!result.ok || !result.data)
    return { error: result.message ?? "We could not charge this card. Please try again." };
  const step = result.data;
  if (step.kind === "authenticate") {
    const stripe = await stripeForAccount(props.publishableKey, props.stripeAccountId, props.stripeJsUrl);
    if (!stripe) return { error: "The payment form could not be loaded. Please try again." };
    const handled = await stripe.handleNextAction({ clientSecret: step.clientSecret });
    if (handled.error)
      return {
        error:
          handled.error.message ?? "Your bank did not confirm the payment. Try again or choose another card.",
      };
  }
  window.location.assign(step.returnUrl);
  return { paid: step.returnUrl };
}

/** "Pay with" one of the buyer's saved cards: one click. */
export function SavedCardPay({
  paymentMethodId,
  cardLabel,
  ...props
}: CheckoutPanelProps & { paymentMethodId: string; cardLabel: string }) {
  const { price, setPrice } = useShownPrice();
  const { busy, error, run } = useSubmit("checkout", "Something went wrong while paying. Please try again.");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      const charged = await chargeSavedCard(props, price, paymentMethodId, setPrice);
      return "error" in charged ? charged.error : null;
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="saved-card-pay">
      <p className="text-sm text-slate-600">
        Paying with <span className="font-medium text-slate-900">{cardLabel}</span>. Receipt to{" "}
        <span className="font-medium text-slate-900">{props.email}</span>.
      </p>
      <PayFooter error={error} busy={busy} captureLater={props.captureLater} amount={price} />
    </form>
  );
}

/** The error, the Pay button and the capture-later note under both saved-card forms. */
export function PayFooter({
  error,
  busy,
  disabled = false,
  captureLater,
  amount,
}: {
  error: string | null;
  busy: boolean;
  disabled?: boolean;
  captureLater: boolean;
  amount: CheckoutPrice;
}) {
  return (
    <>
      {error ? (
        <div id="saved-card-error">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
      <Button type="submit" className="w-full" pending={busy} disabled={busy || disabled}>
        {busy ? "Processing…" : `Pay ${formatMoney(amount.amount, amount.currency)}`}
      </Button>
      {captureLater ? <CaptureLaterNote /> : null}
    </>
  );
}
