"use client";

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { useMemo, useState, type FormEvent } from "react";
import { useSubmit } from "@/components/ui/use-submit";
import { saveCardInBrowser, setupElementsOptions, type WalletActions } from "@/components/wallet/save-card";
import type { CheckoutPanelProps } from "./checkout-panel";
import { ReceiptEmail } from "./receipt-email";
import { chargeSavedCard, PayFooter } from "./saved-card-pay";
import { useShownPrice } from "./shown-price";
import { stripeForAccount } from "./stripe-loader";

/*
 * "Save this card for next time": the card is collected on the platform first (a SetupIntent on the
 * buyer's platform Customer, 3-D Secure in place if the bank asks), then paid with like any saved card —
 * cloned onto this seller's account for the direct charge. Saved on the platform, the same card pays
 * every seller later in one click. If the payment then fails (declined, the price changed), the card stays
 * saved and Pay tries it again without asking for it twice.
 */
export function SaveAndPay(props: CheckoutPanelProps & { wallet: WalletActions }) {
  const stripePromise = stripeForAccount(props.publishableKey, null, props.stripeJsUrl);
  const { price } = useShownPrice();
  const [currency] = useState(price.currency);
  const options = useMemo(() => setupElementsOptions(currency), [currency]);
  return (
    <Elements stripe={stripePromise} options={options}>
      <SaveAndPayForm {...props} />
    </Elements>
  );
}

function SaveAndPayForm({ wallet, ...props }: CheckoutPanelProps & { wallet: WalletActions }) {
  const stripe = useStripe();
  const elements = useElements();
  const { price, setPrice } = useShownPrice();
  const [ready, setReady] = useState(false);
  const { busy, error, run } = useSubmit("checkout", "Something went wrong while paying. Please try again.");
  const [saved, setSaved] = useState<{ id: string; message: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements) return;
    void run(async () => {
      let card = saved;
      if (!card) {
        const result = await saveCardInBrowser(stripe, elements, wallet, window.location.href);
        if (!result.ok) return result.error;
        card = { id: result.paymentMethodId, message: result.message };
        setSaved(card);
      }
      const charged = await chargeSavedCard(props, price, card.id, setPrice);
      return "error" in charged ? charged.error : null;
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="save-and-pay">
      <ReceiptEmail email={props.email} />
      {saved ? (
        <p role="status" className="text-sm text-slate-700">
          {saved.message} Pay uses it; you can remove it in Payment methods.
        </p>
      ) : (
        <div className="min-h-[16rem]">
          {ready ? null : <p className="animate-pulse text-sm text-slate-500">Loading the card form…</p>}
          <PaymentElement onReady={() => setReady(true)} />
        </div>
      )}
      <PayFooter
        error={error}
        busy={busy}
        disabled={!stripe || !elements || (!ready && !saved)}
        captureLater={props.captureLater}
        amount={price}
      />
    </form>
  );
}
