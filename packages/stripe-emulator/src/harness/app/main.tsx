/**
 * The harness app (served as /_emulator/harness/app.js): reads the view from the query string, exactly
 * as the old in-app page did, and renders it into #root. The page loaded the fake Stripe.js and
 * Connect.js before this script, from the emulator itself.
 */
import { createRoot } from "react-dom/client";
import { ConnectHarness } from "./connect";
import { PaymentHarness, PaymentReturn } from "./payment";
import { NextActionHarness, PaymentMethodHarness, SetupHarness } from "./saved-cards";
import { CONNECT_FAKE_COMPONENTS, HARNESS_PATH } from "./shared";

/** `value` when it is one of `allowed`, else undefined (the harness ignores what it does not know). */
function pick<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

function App({ query, publishableKey }: { query: URLSearchParams; publishableKey: string }) {
  const one = (key: string) => query.get(key) ?? undefined;
  const view = one("view");

  if (view === "payment") {
    return (
      <div className="stack">
        <h1>Fake Stripe.js: Payment Element</h1>
        <PaymentHarness
          publishableKey={publishableKey}
          flow={one("flow") === "deferred" ? "deferred" : "intent"}
          withStripeAccount={one("stripeAccount") !== "0"}
          redirect={one("redirect") === "if_required" ? "if_required" : "always"}
          intentCaptureMethod={pick(one("intentCaptureMethod"), ["automatic", "manual"] as const)}
          captureMethod={pick(one("captureMethod"), ["automatic", "automatic_async", "manual"] as const)}
        />
      </div>
    );
  }
  if (view === "setup") {
    return (
      <div className="stack">
        <h1>Fake Stripe.js: save a card</h1>
        <SetupHarness
          publishableKey={publishableKey}
          flow={one("flow") === "deferred" ? "deferred" : "intent"}
          clientSecret={one("clientSecret")}
          account={one("account")}
        />
      </div>
    );
  }
  if (view === "payment-method") {
    return (
      <div className="stack">
        <h1>Fake Stripe.js: create a PaymentMethod</h1>
        <PaymentMethodHarness publishableKey={publishableKey} account={one("account")} />
      </div>
    );
  }
  if (view === "next-action") {
    return (
      <div className="stack">
        <h1>Fake Stripe.js: handle the next action</h1>
        <NextActionHarness
          publishableKey={publishableKey}
          clientSecret={one("clientSecret")}
          account={one("account")}
        />
      </div>
    );
  }
  if (view === "return") {
    return (
      <div className="stack">
        <h1>Payment return</h1>
        <PaymentReturn
          publishableKey={publishableKey}
          paymentIntent={one("payment_intent")}
          account={one("account")}
          redirectStatus={one("redirect_status")}
          clientSecret={one("payment_intent_client_secret")}
        />
      </div>
    );
  }
  if (view === "connect") {
    const session = one("session");
    const requested = (one("components") ?? "").split(",").filter(Boolean);
    const components = requested.length
      ? CONNECT_FAKE_COMPONENTS.filter((c) => requested.includes(c))
      : [...CONNECT_FAKE_COMPONENTS];
    return (
      <div className="stack">
        <h1>Fake Connect.js: embedded components</h1>
        <ConnectHarness
          publishableKey={publishableKey}
          session={session === "limited" || session === "expired" ? session : "all"}
          components={components}
          seeded={one("seeded") === "1"}
        />
      </div>
    );
  }
  return (
    <div className="stack">
      <h1>Stripe fakes (offline)</h1>
      <ul>
        <li>
          <a href={`${HARNESS_PATH}?view=payment`}>Payment Element, direct charge</a>
        </li>
        <li>
          <a href={`${HARNESS_PATH}?view=payment&stripeAccount=0`}>
            Payment Element without stripeAccount (fails)
          </a>
        </li>
        <li>
          <a href={`${HARNESS_PATH}?view=connect&seeded=1`}>Connect embedded components</a>
        </li>
        <li>
          <a href={`${HARNESS_PATH}?view=payment-method`}>Create a PaymentMethod (platform)</a>
        </li>
      </ul>
    </div>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <App
      query={new URLSearchParams(window.location.search)}
      publishableKey={root.dataset.publishableKey ?? "pk_test_emulator_platform"}
    />,
  );
}
