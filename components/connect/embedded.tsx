"use client";

import type { LoadError, LoaderStart } from "@stripe/connect-js/pure";
import {
  ConnectAccountManagement,
  ConnectAccountOnboarding,
  ConnectBalances,
  ConnectComponentsProvider,
  ConnectDocuments,
  ConnectNotificationBanner,
  ConnectPayouts,
} from "@stripe/react-connect-js";
import { useCallback, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useConnectInstance } from "./connect-provider";

/*
 * The embedded Connect components the seller area uses, each in a frame that shows our own loading
 * state until Connect.js reports it is rendering (onLoaderStart), and a readable error with a retry
 * when it cannot load (onLoadError).
 */

interface LoadHandlers {
  onLoaderStart: (event: LoaderStart) => void;
  onLoadError: (event: LoadError) => void;
}

type FrameState = { kind: "loading" } | { kind: "shown" } | { kind: "error"; message: string };

function explain(error: LoadError["error"]): string {
  const detail = error.message ? ` ${error.message}` : "";
  switch (error.type) {
    case "authentication_error":
    case "account_session_create_error":
      return `We could not open a secure session with Stripe.${detail}`;
    case "api_connection_error":
      return "We could not reach Stripe. Check your connection and try again.";
    case "rate_limit_error":
      return "Stripe is busy right now. Please try again in a moment.";
    default:
      return `Stripe could not show this section.${detail}`;
  }
}

function EmbedFrame({ title, render }: { title: string; render: (handlers: LoadHandlers) => ReactNode }) {
  const { instance, generation, reset } = useConnectInstance();
  const [state, setState] = useState<FrameState>({ kind: "loading" });
  // A retry anywhere on the page replaces the shared instance: every frame starts loading again.
  const [seenGeneration, setSeenGeneration] = useState(generation);
  if (seenGeneration !== generation) {
    setSeenGeneration(generation);
    setState({ kind: "loading" });
  }
  const onLoaderStart = useCallback(
    () => setState((s) => (s.kind === "loading" ? { kind: "shown" } : s)),
    [],
  );
  const onLoadError = useCallback(
    ({ error }: LoadError) => setState({ kind: "error", message: explain(error) }),
    [],
  );
  const retry = () => {
    setState({ kind: "loading" });
    reset();
  };
  return (
    <section aria-label={title} aria-busy={state.kind === "loading"} className="space-y-3">
      {state.kind === "loading" ? (
        <div
          role="status"
          aria-live="polite"
          className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-600"
        >
          <span
            className="size-4 animate-spin rounded-full border-2 border-brand-600 border-t-transparent"
            aria-hidden
          />
          Loading {title.toLowerCase()}…
        </div>
      ) : null}
      {state.kind === "error" ? (
        <div
          role="alert"
          className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800"
        >
          <p>
            <strong>{title} could not be loaded.</strong> {state.message}
          </p>
          <Button type="button" variant="secondary" onClick={retry}>
            Try again
          </Button>
        </div>
      ) : null}
      {instance ? (
        // Its own scroll container: a wide component never widens the page on a phone.
        <div hidden={state.kind === "error"} className="max-w-full min-w-0 overflow-x-auto">
          <ConnectComponentsProvider key={generation} connectInstance={instance}>
            {render({ onLoaderStart, onLoadError })}
          </ConnectComponentsProvider>
        </div>
      ) : null}
    </section>
  );
}

export function EmbeddedOnboarding({ onExit }: { onExit: () => void }) {
  return (
    <EmbedFrame
      title="Account onboarding"
      render={(h) => <ConnectAccountOnboarding {...h} onExit={onExit} />}
    />
  );
}

/** Renders nothing visible when Stripe has nothing to say; `onChange` reports how many need action. */
export function EmbeddedNotificationBanner({ onChange }: { onChange?: (actionRequired: number) => void }) {
  return (
    <EmbedFrame
      title="Account notifications"
      render={(h) => (
        <ConnectNotificationBanner
          {...h}
          onNotificationsChange={({ actionRequired }) => onChange?.(actionRequired)}
        />
      )}
    />
  );
}

export function EmbeddedBalances() {
  return <EmbedFrame title="Balances" render={(h) => <ConnectBalances {...h} />} />;
}

export function EmbeddedPayouts() {
  return <EmbedFrame title="Payouts" render={(h) => <ConnectPayouts {...h} />} />;
}

export function EmbeddedAccountManagement() {
  return <EmbedFrame title="Account settings" render={(h) => <ConnectAccountManagement {...h} />} />;
}

export function EmbeddedDocuments() {
  return <EmbedFrame title="Documents" render={(h) => <ConnectDocuments {...h} />} />;
}
