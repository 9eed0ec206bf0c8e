/**
 * Saved cards (issue 22) through the REAL @stripe/react-stripe-js and loadStripe from @stripe/stripe-js/pure,
 * on top of the emulator's fake Stripe.js. The caller (a test, or a person) creates the intents with the
 * secret key and passes what the page needs in the query string; the page only does what a browser does:
 * - SetupHarness: stripe.confirmSetup() with the Payment Element, Elements created with the SetupIntent's
 *   clientSecret ("intent") or in `mode: "setup"` then elements.submit() ("deferred");
 * - PaymentMethodHarness: stripe.createPaymentMethod({ elements, params }) (`paymentMethodCreation: "manual"`);
 * - NextActionHarness: stripe.handleNextAction({ clientSecret }) for an intent confirmed on the server.
 */
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { Stripe, StripeElements, StripeElementsOptions } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import { errorMessage, FAKES_APPEARANCE_VARIABLES, HARNESS_PATH } from "./shared";
import { Alert, Button } from "./ui";

type Outcome = { ok: true; text: string } | { ok: false; text: string; code?: string };

/** Stripe.js for the platform, or for `account` (direct charges, clones). */
function useStripePromise(publishableKey: string, account: string | undefined) {
  return useMemo(
    () => loadStripe(publishableKey, account ? { stripeAccount: account } : undefined),
    [publishableKey, account],
  );
}

function OutcomeView({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <Alert tone="success">{outcome.text}</Alert>
  ) : (
    <Alert tone="error">
      <span data-code={outcome.code ?? ""}>{outcome.text}</span>
    </Alert>
  );
}

/**
 * A Payment Element form whose submit runs `act` with Stripe.js and the Elements group; shows the outcome
 * (`role="status"`, errors `role="alert"`).
 */
function CardForm({
  label,
  act,
}: {
  label: string;
  act: (stripe: Stripe, elements: StripeElements) => Promise<Outcome>;
}) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await act(stripe, elements));
    } catch (err) {
      setOutcome({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack" aria-label={label}>
      <PaymentElement onReady={() => setReady(true)} />
      <Button type="submit" disabled={!stripe || !elements || !ready} pending={busy}>
        {label}
      </Button>
      {ready ? (
        <p className="sr-only" data-testid="payment-element-ready">
          Payment form ready
        </p>
      ) : null}
      <OutcomeView outcome={outcome} />
    </form>
  );
}

const appearance = { variables: { ...FAKES_APPEARANCE_VARIABLES } };

function failed(error: { message?: string; code?: string }): Outcome {
  return { ok: false, text: error.message ?? "Failed", code: error.code };
}

export function SetupHarness(props: {
  publishableKey: string;
  flow: "intent" | "deferred";
  clientSecret?: string;
  account?: string;
}): ReactNode {
  const { flow, clientSecret } = props;
  const stripePromise = useStripePromise(props.publishableKey, props.account);
  const options = useMemo<StripeElementsOptions>(
    () => (flow === "intent" ? { clientSecret, appearance } : { mode: "setup", currency: "usd", appearance }),
    [flow, clientSecret],
  );
  if (!clientSecret)
    return <Alert tone="error">Pass the SetupIntent&apos;s clientSecret in the query.</Alert>;
  const returnUrl = new URL(`${HARNESS_PATH}?view=return`, window.location.origin).toString();
  return (
    <Elements stripe={stripePromise} options={options}>
      <CardForm
        label="Save card"
        act={async (stripe, elements) => {
          if (flow === "deferred") {
            const submitted = await elements.submit();
            if (submitted.error) return failed(submitted.error);
          }
          const confirmParams = { return_url: returnUrl };
          const res =
            flow === "deferred"
              ? await stripe.confirmSetup({ elements, clientSecret, confirmParams, redirect: "if_required" })
              : await stripe.confirmSetup({ elements, confirmParams, redirect: "if_required" });
          if (res.error) return failed(res.error);
          const pm = res.setupIntent.payment_method;
          return {
            ok: true,
            text: `Setup ${res.setupIntent.status}: ${res.setupIntent.id} ${typeof pm === "string" ? pm : (pm?.id ?? "")}`,
          };
        }}
      />
    </Elements>
  );
}

export function PaymentMethodHarness(props: { publishableKey: string; account?: string }): ReactNode {
  const stripePromise = useStripePromise(props.publishableKey, props.account);
  const options = useMemo<StripeElementsOptions>(
    () => ({
      mode: "payment",
      amount: 2500,
      currency: "usd",
      paymentMethodCreation: "manual",
      setupFutureUsage: "off_session",
      appearance,
    }),
    [],
  );
  return (
    <Elements stripe={stripePromise} options={options}>
      <CardForm
        label="Use this card"
        act={async (stripe, elements) => {
          const submitted = await elements.submit();
          if (submitted.error) return failed(submitted.error);
          const res = await stripe.createPaymentMethod({
            elements,
            params: { billing_details: { name: "Jenny Rosen" } },
          });
          if (res.error) return failed(res.error);
          const card = res.paymentMethod.card;
          return { ok: true, text: `PaymentMethod ${res.paymentMethod.id} ${card?.brand} ${card?.last4}` };
        }}
      />
    </Elements>
  );
}

export function NextActionHarness(props: {
  publishableKey: string;
  clientSecret?: string;
  account?: string;
}): ReactNode {
  const stripePromise = useStripePromise(props.publishableKey, props.account);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { clientSecret } = props;
  if (!clientSecret) return <Alert tone="error">Pass the intent&apos;s clientSecret in the query.</Alert>;

  async function onClick() {
    setBusy(true);
    try {
      const stripe = await stripePromise;
      if (!stripe || !clientSecret) return;
      const res = await stripe.handleNextAction({ clientSecret });
      if (res.error) setOutcome(failed(res.error));
      else {
        const intent = res.paymentIntent ?? res.setupIntent;
        setOutcome({ ok: true, text: `Next action done, ${intent.status}: ${intent.id}` });
      }
    } catch (err) {
      setOutcome({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <Button type="button" onClick={() => void onClick()} pending={busy}>
        Authenticate
      </Button>
      <OutcomeView outcome={outcome} />
    </div>
  );
}
