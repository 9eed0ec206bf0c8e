/**
 * A direct charge paid through the REAL @stripe/react-stripe-js <Elements> + <PaymentElement> and
 * loadStripe from @stripe/stripe-js/pure, on top of the emulator's fake Stripe.js.
 */
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { StripeElementsOptions } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { errorMessage, FAKES_APPEARANCE_VARIABLES, HARNESS_PATH, harnessApi } from "./shared";
import { Alert, Button } from "./ui";

const AMOUNT = 2500;

export type PaymentHarnessProps = {
  publishableKey: string;
  /** "intent": Elements created with the PaymentIntent's clientSecret; "deferred": mode/amount/currency + elements.submit(). */
  flow: "intent" | "deferred";
  /** Initialise Stripe.js with { stripeAccount } (correct for direct charges) or without it (the classic mistake). */
  withStripeAccount: boolean;
  redirect: "always" | "if_required";
  /** The PaymentIntent's capture_method (none: Stripe's default, which captures automatically). */
  intentCaptureMethod?: "automatic" | "manual";
  /** Deferred flow: the Elements group's captureMethod (none: not passed, Stripe.js assumes "automatic"). */
  captureMethod?: "automatic" | "automatic_async" | "manual";
};

type Setup = { account: string; paymentIntentId: string; clientSecret: string };

export function PaymentHarness(props: PaymentHarnessProps) {
  const { intentCaptureMethod } = props;
  const [setup, setSetup] = useState<Setup | null>(null);
  const [setupError, setSetupError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    (async () => {
      const { account } = await harnessApi<{ account: string }>({ action: "account", onboarded: true });
      const pi = await harnessApi<{ id: string; clientSecret: string }>({
        action: "payment_intent",
        account,
        amount: AMOUNT,
        ...(intentCaptureMethod ? { captureMethod: intentCaptureMethod } : {}),
      });
      setSetup({ account, paymentIntentId: pi.id, clientSecret: pi.clientSecret });
    })().catch((e: unknown) => setSetupError(errorMessage(e)));
  }, [intentCaptureMethod]);

  const stripePromise = useMemo(
    () =>
      setup
        ? loadStripe(
            props.publishableKey,
            props.withStripeAccount ? { stripeAccount: setup.account } : undefined,
          )
        : null,
    [setup, props.publishableKey, props.withStripeAccount],
  );

  const options = useMemo<StripeElementsOptions | undefined>(() => {
    if (!setup) return undefined;
    const appearance = { variables: { ...FAKES_APPEARANCE_VARIABLES } };
    return props.flow === "intent"
      ? { clientSecret: setup.clientSecret, appearance }
      : {
          mode: "payment",
          amount: AMOUNT,
          currency: "usd",
          appearance,
          ...(props.captureMethod ? { captureMethod: props.captureMethod } : {}),
        };
  }, [setup, props.flow, props.captureMethod]);

  if (setupError) return <Alert tone="error">Setup failed: {setupError}</Alert>;
  if (!setup || !stripePromise || !options)
    return <p role="status">Creating a connected account and a PaymentIntent…</p>;
  return (
    <div className="stack">
      <dl>
        <dt>Connected account: </dt>
        <dd data-testid="account-id">{setup.account}</dd>
        <br />
        <dt>PaymentIntent: </dt>
        <dd data-testid="payment-intent-id">{setup.paymentIntentId}</dd>
      </dl>
      <Elements stripe={stripePromise} options={options}>
        <CheckoutForm {...props} setup={setup} />
      </Elements>
    </div>
  );
}

function CheckoutForm({ flow, redirect, withStripeAccount, setup }: PaymentHarnessProps & { setup: Setup }) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; code?: string } | null>(null);
  const [result, setResult] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      if (flow === "deferred") {
        const submitted = await elements.submit();
        if (submitted.error) {
          setError({
            message: submitted.error.message ?? "Invalid card details",
            code: submitted.error.code,
          });
          return;
        }
      }
      const returnUrl = new URL(HARNESS_PATH, window.location.origin);
      returnUrl.searchParams.set("view", "return");
      if (withStripeAccount) returnUrl.searchParams.set("account", setup.account);
      const confirmParams = { return_url: returnUrl.toString() };
      const res =
        flow === "deferred"
          ? await stripe.confirmPayment({
              elements,
              clientSecret: setup.clientSecret,
              confirmParams,
              redirect: redirect as "if_required",
            })
          : await stripe.confirmPayment({ elements, confirmParams, redirect: redirect as "if_required" });
      if (res.error) setError({ message: res.error.message ?? "Payment failed", code: res.error.code });
      else setResult(`Payment ${res.paymentIntent.status}: ${res.paymentIntent.id}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack" aria-label="Pay with the fake Payment Element">
      <PaymentElement
        onReady={() => setReady(true)}
        onLoadError={(event) =>
          setError({
            message: `Payment Element failed to load: ${event.error.message ?? ""}`,
            code: event.error.code,
          })
        }
      />
      <Button type="submit" disabled={!stripe || !elements || !ready} pending={busy}>
        Pay $25.00
      </Button>
      {ready ? (
        <p className="sr-only" data-testid="payment-element-ready">
          Payment form ready
        </p>
      ) : null}
      {error ? (
        <Alert tone="error">
          <span data-code={error.code ?? ""}>{error.message}</span>
        </Alert>
      ) : null}
      {result ? <Alert tone="success">{result}</Alert> : null}
    </form>
  );
}

/** The return_url page: reads the PaymentIntent back with stripe.retrievePaymentIntent(). */
export function PaymentReturn({
  publishableKey,
  paymentIntent,
  account,
  redirectStatus,
  clientSecret,
}: {
  publishableKey: string;
  paymentIntent?: string;
  account?: string;
  redirectStatus?: string;
  clientSecret?: string;
}) {
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (!clientSecret) return;
    loadStripe(publishableKey, account ? { stripeAccount: account } : undefined)
      .then((stripe) => stripe?.retrievePaymentIntent(clientSecret))
      .then((res) => setStatus(res?.paymentIntent?.status ?? res?.error?.message ?? "unknown"))
      .catch((e: unknown) => setStatus(String(e)));
  }, [publishableKey, account, clientSecret]);
  return (
    <div className="stack">
      <p>
        PaymentIntent <span data-testid="returned-payment-intent">{paymentIntent}</span>
      </p>
      <Alert tone={redirectStatus === "succeeded" ? "success" : "warning"}>
        Redirect status: {redirectStatus ?? "none"}
      </Alert>
      <p role="status">PaymentIntent status: {status ?? "loading…"}</p>
    </div>
  );
}
