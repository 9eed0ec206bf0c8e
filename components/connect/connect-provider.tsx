"use client";

import { loadConnectAndInitialize, type StripeConnectInstance } from "@stripe/connect-js/pure";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { loadScriptOnce } from "@/components/ui/load-script";
import { CONNECT_APPEARANCE } from "./appearance";

/*
 * One Connect.js instance per signed-in seller for the life of the page: every embedded component on
 * every dashboard page shares it (and its Account Session). It is created lazily, by the first
 * component that renders, so a seller without an account never asks for a session. Switching users
 * in the same tab, or a retry after a failure, replaces it.
 */

let shared: { key: string; instance: StripeConnectInstance; generation: number } | null = null;
let generations = 0;

/** Asks our server for a session of the signed-in seller's own account; the body names nothing. */
async function fetchClientSecret(): Promise<string> {
  const res = await fetch("/api/connect/account-session", {
    method: "POST",
    headers: { accept: "application/json" },
  });
  const body = (await res.json().catch(() => ({}))) as {
    clientSecret?: unknown;
    error?: { message?: string };
  };
  if (!res.ok || typeof body.clientSecret !== "string") {
    throw new Error(
      body.error?.message ?? `We could not start a secure Stripe session (HTTP ${res.status}).`,
    );
  }
  return body.clientSecret;
}

function instanceFor(publishableKey: string, userId: string) {
  const key = `${publishableKey}:${userId}`;
  if (!shared || shared.key !== key) {
    // Another seller signed in in this tab: the old session must not leak into their components.
    if (shared) void shared.instance.logout().catch(() => undefined);
    generations += 1;
    shared = {
      key,
      generation: generations,
      instance: loadConnectAndInitialize({
        publishableKey,
        fetchClientSecret,
        appearance: CONNECT_APPEARANCE,
      }),
    };
  }
  return shared;
}

interface ConnectContextValue {
  publishableKey: string;
  /** False until Connect.js from `connectJsUrl` has run (true at once with Stripe's own loader). */
  scriptReady: boolean;
  userId: string;
  /** Drops the instance (and its session) so the next render starts over. */
  reset: () => void;
  tick: number;
}

const ConnectContext = createContext<ConnectContextValue | null>(null);

export function ConnectProvider({
  publishableKey,
  connectJsUrl,
  userId,
  children,
}: {
  publishableKey: string;
  /** Where Connect.js comes from when not connect-js.stripe.com (offline: the emulator); null for Stripe's. */
  connectJsUrl: string | null;
  userId: string;
  children: ReactNode;
}) {
  const [tick, setTick] = useState(0);
  const [scriptReady, setScriptReady] = useState(connectJsUrl === null);
  useEffect(() => {
    if (connectJsUrl === null) return;
    // Loaded or not, go on: a failed load surfaces through the real loader's own error path.
    const done = () => setScriptReady(true);
    loadScriptOnce(connectJsUrl).then(done, done);
  }, [connectJsUrl]);
  const reset = useCallback(() => {
    if (shared) void shared.instance.logout().catch(() => undefined);
    shared = null;
    setTick((t) => t + 1);
  }, []);
  const value = useMemo(
    () => ({ publishableKey, scriptReady, userId, reset, tick }),
    [publishableKey, scriptReady, userId, reset, tick],
  );
  return <ConnectContext value={value}>{children}</ConnectContext>;
}

const subscribeNever = () => () => undefined;

/**
 * The shared instance, or null during server rendering and hydration (Connect.js only exists in the
 * browser). `generation` changes when the instance is replaced, to remount components on it.
 */
export function useConnectInstance(): {
  instance: StripeConnectInstance | null;
  generation: number;
  reset: () => void;
} {
  const context = useContext(ConnectContext);
  if (!context) throw new Error("Embedded Connect components must be inside <ConnectProvider>.");
  const isClient = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  if (!isClient || !context.scriptReady) return { instance: null, generation: 0, reset: context.reset };
  const current = instanceFor(context.publishableKey, context.userId);
  return { instance: current.instance, generation: current.generation, reset: context.reset };
}
