"use client";

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { StripeError } from "@stripe/stripe-js";
import { useMemo, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ReceiptEmail } from "./receipt-email";
import type { ActionState } from "@/lib/actions";
import { formatMoney } from "@/lib/money";
import type { CheckoutActionData } from "@/lib/payments/checkout";
import { appearance } from "./appearance";
import { CaptureLaterNote } from "./capture-later";
import { useShownPrice } from "./shown-price";
import { stripeForAccount } from "./stripe-loader";

/** The checkout server action, passed down by the page (components do not import from app/). */
export type StartCheckoutAction = (
  prev: ActionState<CheckoutActionData> | undefined,
  input: {
    productId: string;
    quantity: number;
    checkoutKey: string;
    email?: string;
    /** The price this page shows: the server charges only if it is still the price. */
    shownUnitAmount: number;
    shownAmount: number;
    shownCurrency: string;
    /** Whether this page said "charged when it ships": the server refuses if that changed. */
    shownCaptureLater: boolean;
    /** One of the signed-in buyer's saved cards: the server confirms the payment with it. */
    savedCard?: string;
  },
) => Promise<ActionState<CheckoutActionData>>;

export interface CheckoutPanelProps {
  startCheckout: StartCheckoutAction;
  /** From the server's `env`: client components never read the environment. */
  publishableKey: string;
  /** Where Stripe.js comes from when not js.stripe.com (offline: the emulator); null for Stripe's own. */
  stripeJsUrl: string | null;
  stripeAccountId: string;
  productId: string;
  checkoutKey: string;
  /** Known receipt email (signed-in buyer, or the order being retried); null asks a guest for one. */
  email: string | null;
  /** "Charge when I ship": the PaymentIntent only authorises the card (capture_method manual). */
  captureLater: boolean;
}

/**
 * The Payment Element in deferred-intent mode: Elements knows the amount from the server-rendered
 * page, and the PaymentIntent is only created (by the server action) when the buyer presses Pay.
 * The price comes from <ShownPriceProvider> (the page's summary shows the same one).
 */
export function CheckoutPanel(props: CheckoutPanelProps) {
  const stripePromise = stripeForAccount(props.publishableKey, props.stripeAccountId, props.stripeJsUrl);
  // "Try again" after the payment form failed to load: a new Elements group loads it again.
  const [attempt, setAttempt] = useState(0);
  // Elements starts with the price first shown; a new price reaches it through elements.update().
  const { price } = useShownPrice();
  const [initial] = useState(price);
  // Stripe.js refuses to confirm a PaymentIntent whose capture_method differs from the Elements group's.
  const captureMethod = props.captureLater ? ("manual" as const) : ("automatic" as const);
  const options = useMemo(
    () => ({
      mode: "payment" as const,
      amount: initial.amount,
      currency: initial.currency,
      captureMethod,
      appearance,
    }),
    [initial, captureMethod],
  );
  return (
    <Elements key={`${props.stripeAccountId}:${attempt}`} stripe={stripePromise} options={options}>
      <CheckoutForm {...props} onReloadForm={() => setAttempt((n) => n + 1)} />
    </Elements>
  );
}

/**
 * Why the Payment Element did not load, in the buyer's words. Stripe refuses to show a card form for a
 * seller's account that cannot take card payments (an `invalid_request_error`, e.g. its `card_payments`
 * capability is inactive while Stripe verifies it); anything else (network, Stripe unavailable) may work
 * on a second try.
 */
function loadErrorMessage(error: StripeError): { title: string; detail: string } {
  if (error.type === "invalid_request_error") {
    return {
      title: "This seller can't accept card payments right now.",
      detail: "Nothing was charged. Please try again later, or choose something from another seller.",
    };
  }
  return {
    title: "The payment form could not be loaded.",
    detail: "Check your connection and try again. Nothing was charged.",
  };
}

function CheckoutForm({
  startCheckout,
  productId,
  checkoutKey,
  email,
  captureLater,
  onReloadForm,
}: CheckoutPanelProps & { onReloadForm: () => void }) {
  const stripe = useStripe();
  const elements = useElements();
  const { price, setPrice } = useShownPrice();
  const [elementState, setElementState] = useState<"loading" | "ready" | { failed: StripeError }>("loading");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A card error (declined, incomplete) is about what is in the card fields: it goes as soon as the
  // buyer edits them. Other errors (email, a price change) stay until the next attempt.
  const [cardError, setCardError] = useState(false);
  const showError = (message: string, aboutCard: boolean) => {
    setError(message);
    setCardError(aboutCard);
  };
  const [emailErrors, setEmailErrors] = useState<string[] | undefined>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements || busy) return;
    const typed = new FormData(event.currentTarget).get("email");
    const guestEmail = email || typeof typed !== "string" ? undefined : typed;
    setBusy(true);
    setError(null);
    setEmailErrors(undefined);
    try {
      // Stripe wants the Payment Element validated before any other asynchronous work.
      const submitted = await elements.submit();
      if (submitted.error) {
        showError(submitted.error.message ?? "Please check your card details.", true);
        return;
      }
      const result = await startCheckout(undefined, {
        productId,
        quantity: price.quantity,
        checkoutKey,
        email: guestEmail,
        shownUnitAmount: price.unitAmount,
        shownAmount: price.amount,
        shownCurrency: price.currency,
        shownCaptureLater: captureLater,
      });
      if (result.data?.kind === "price_changed") {
        // Nothing was charged. Show the new price everywhere (summary, Pay button, Elements) and let
        // the buyer pay it with one more click; the email and the card details stay as typed.
        const next = result.data.price;
        await elements.update({ amount: next.amount, currency: next.currency });
        setPrice(next);
        showError(result.message ?? "The price changed. Please check the new total and pay again.", false);
        return;
      }
      if (!result.ok || !result.data) {
        setEmailErrors(result.fieldErrors?.email);
        showError(result.message ?? "We could not start the payment. Please try again.", false);
        return;
      }
      if (result.data.kind === "paid") {
        window.location.assign(result.data.returnUrl);
        return;
      }
      // On success Stripe.js navigates to return_url (after 3-D Secure if the bank asks for it);
      // it only resolves here with an error: a declined card, a failed authentication...
      const confirmed = await stripe.confirmPayment({
        elements,
        clientSecret: result.data.clientSecret,
        confirmParams: { return_url: result.data.returnUrl },
      });
      if (confirmed.error)
        showError(
          confirmed.error.message ?? "Your payment could not be completed. Please try another card.",
          true,
        );
    } catch (caught) {
      console.error("[checkout] payment failed", caught);
      showError("Something went wrong while paying. Please try again.", false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      className="space-y-5"
      noValidate
      aria-describedby={error ? "checkout-error" : undefined}
    >
      <ReceiptEmail email={email} required errors={emailErrors} />
      {/* The loaded Payment Element's height is reserved (the emulator's card form is 325 px high on a
          412 px phone, Stripe's about as much) and the loading note sits over it, so nothing below
          moves when the form appears (CLS). */}
      <div className="relative min-h-[21rem]">
        {elementState === "loading" ? (
          <p role="status" className="absolute inset-x-0 top-0 animate-pulse text-sm text-slate-500">
            Loading the payment form…
          </p>
        ) : null}
        <PaymentElement
          onReady={() => setElementState("ready")}
          onLoadError={(event) => setElementState({ failed: event.error })}
          onChange={() => {
            if (cardError && !busy) {
              setError(null);
              setCardError(false);
            }
          }}
        />
      </div>
      {typeof elementState === "object" ? (
        <LoadFailed error={elementState.failed} onRetry={onReloadForm} />
      ) : null}
      {error ? (
        <div id="checkout-error">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
      <Button
        type="submit"
        className="w-full"
        pending={busy}
        disabled={!stripe || !elements || elementState !== "ready" || busy}
        aria-describedby={captureLater ? "capture-later-pay-note" : undefined}
      >
        {busy ? "Processing…" : `Pay ${formatMoney(price.amount, price.currency)}`}
      </Button>
      {captureLater ? <CaptureLaterNote id="capture-later-pay-note" /> : null}
    </form>
  );
}

function LoadFailed({ error, onRetry }: { error: StripeError; onRetry: () => void }) {
  const { title, detail } = loadErrorMessage(error);
  return (
    <Alert tone="error">
      <p>
        <strong>{title}</strong> {detail}
      </p>
      <Button type="button" variant="secondary" className="mt-3" onClick={onRetry}>
        Try again
      </Button>
    </Alert>
  );
}
