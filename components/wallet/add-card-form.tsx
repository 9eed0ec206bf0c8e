"use client";

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { stripeForAccount } from "@/components/checkout/stripe-loader";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/components/ui/use-submit";
import { saveCardInBrowser, setupElementsOptions, type WalletActions } from "./save-card";

/*
 * "Add a card": the Payment Element in setup mode, on the platform (not a seller's account): a card saved
 * there can be cloned to every seller. On Save, the server creates the SetupIntent on the buyer's
 * Customer and Stripe.js confirms it here (3-D Secure in place when the bank asks); the server then
 * checks it and makes the first card the default.
 */

export interface AddCardProps extends WalletActions {
  publishableKey: string;
  stripeJsUrl: string | null;
  /** Whatever currency the buyer's account shows (a SetupIntent charges nothing). */
  currency: string;
}

export function AddCardForm(props: AddCardProps) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const stripePromise = stripeForAccount(props.publishableKey, null, props.stripeJsUrl);
  const options = useMemo(() => setupElementsOptions(props.currency), [props.currency]);
  if (!open)
    return (
      <div className="space-y-3">
        <div aria-live="polite">{saved ? <Alert tone="success">{saved}</Alert> : null}</div>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setSaved(null);
            setOpen(true);
          }}
        >
          Add a card
        </Button>
      </div>
    );
  return (
    <Elements stripe={stripePromise} options={options}>
      <SetupForm
        {...props}
        onCancel={() => setOpen(false)}
        onSaved={(message) => {
          setSaved(message);
          setOpen(false);
        }}
      />
    </Elements>
  );
}

function SetupForm({
  startSetup,
  finishSetup,
  onCancel,
  onSaved,
}: AddCardProps & { onCancel: () => void; onSaved: (message: string) => void }) {
  const stripe = useStripe();
  const elements = useElements();
  const router = useRouter();
  const [ready, setReady] = useState(false);
  const { busy, error, run } = useSubmit(
    "wallet",
    "Something went wrong while saving the card. Please try again.",
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements) return;
    void run(async () => {
      const saved = await saveCardInBrowser(
        stripe,
        elements,
        { startSetup, finishSetup },
        `${window.location.origin}/account/payment-methods`,
      );
      if (!saved.ok) return saved.error;
      onSaved(saved.message);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="add-card-form">
      <div className="min-h-[16rem]">
        {ready ? null : <p className="animate-pulse text-sm text-slate-500">Loading the card form…</p>}
        <PaymentElement onReady={() => setReady(true)} />
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" pending={busy} disabled={!stripe || !elements || !ready || busy}>
          {busy ? "Saving…" : "Save card"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        Your card is kept by Stripe, never by us. It is only charged when you choose it at checkout.
      </p>
    </form>
  );
}
