/**
 * The REAL @stripe/react-connect-js provider and components, initialised with loadConnectAndInitialize
 * from @stripe/connect-js/pure, on top of the emulator's fake Connect.js.
 */
import { loadConnectAndInitialize, type StripeConnectInstance } from "@stripe/connect-js/pure";
import {
  ConnectAccountManagement,
  ConnectAccountOnboarding,
  ConnectBalances,
  ConnectComponentsProvider,
  ConnectDocuments,
  ConnectNotificationBanner,
  ConnectPayments,
  ConnectPayouts,
} from "@stripe/react-connect-js";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { errorMessage, FAKES_APPEARANCE_VARIABLES, harnessApi, type ConnectFakeComponent } from "./shared";
import { Alert } from "./ui";

export type ConnectHarnessProps = {
  publishableKey: string;
  /** Which Account Session fetchClientSecret returns: every component, payments only, or an expired one. */
  session: "all" | "limited" | "expired";
  components: ConnectFakeComponent[];
  /** Onboard the account first (and give it a succeeded charge) so money components have data. */
  seeded: boolean;
};

export function ConnectHarness({ publishableKey, session, components, seeded }: ConnectHarnessProps) {
  const [account, setAccount] = useState<string | null>(null);
  const [instance, setInstance] = useState<StripeConnectInstance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [events, setEvents] = useState<string[]>([]);
  const started = useRef(false);
  const log = useCallback((line: string) => setEvents((prev) => [...prev, line]), []);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    harnessApi<{ account: string }>({ action: "account", onboarded: seeded, charge: seeded })
      .then(({ account: id }) => {
        setAccount(id);
        setInstance(
          loadConnectAndInitialize({
            publishableKey,
            fetchClientSecret: async () => {
              const { clientSecret } = await harnessApi<{ clientSecret: string }>({
                action: "account_session",
                account: id,
                session,
              });
              return clientSecret;
            },
            appearance: { variables: { ...FAKES_APPEARANCE_VARIABLES } },
          }),
        );
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [publishableKey, session, seeded]);

  const common = {
    onLoaderStart: ({ elementTagName }: { elementTagName: string }) => log(`loaderstart ${elementTagName}`),
    onLoadError: ({
      elementTagName,
      error: e,
    }: {
      elementTagName: string;
      error: { type: string; message?: string };
    }) => log(`loaderror ${elementTagName} ${e.type}: ${e.message ?? ""}`),
  };

  if (error) return <Alert tone="error">Setup failed: {error}</Alert>;
  if (!instance || !account) return <p role="status">Creating a connected account…</p>;

  const render: Record<ConnectFakeComponent, ReactNode> = {
    "notification-banner": (
      <ConnectNotificationBanner
        {...common}
        onNotificationsChange={({ total, actionRequired }) =>
          log(`notifications total=${total} actionRequired=${actionRequired}`)
        }
      />
    ),
    "account-onboarding": (
      <ConnectAccountOnboarding
        {...common}
        onExit={() => log("onboarding exited")}
        onStepChange={({ step }) => log(`onboarding step ${step}`)}
      />
    ),
    payouts: <ConnectPayouts {...common} />,
    payments: <ConnectPayments {...common} />,
    balances: <ConnectBalances {...common} />,
    "account-management": <ConnectAccountManagement {...common} />,
    documents: <ConnectDocuments {...common} />,
  };

  return (
    <div className="stack">
      <p className="note">
        Connected account: <span data-testid="account-id">{account}</span>
      </p>
      <ConnectComponentsProvider connectInstance={instance}>
        {components.map((name) => (
          <section key={name} aria-label={`Component ${name}`} data-component={name}>
            {render[name]}
          </section>
        ))}
      </ConnectComponentsProvider>
      <section aria-labelledby="connect-events-heading">
        <h2 id="connect-events-heading">Connect events</h2>
        <ul aria-label="Connect events" className="mono">
          {events.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
