"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const INTERVAL_MS = 2_000;
const MAX_REFRESHES = 30; // about a minute

/**
 * Re-renders the order page from the server while the order is not final: the Stripe webhook moves
 * its state in our database, usually within seconds of the redirect. Gives up after about a minute.
 */
export function OrderAutoRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  const [refreshes, setRefreshes] = useState(0);
  const running = active && refreshes < MAX_REFRESHES;

  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => {
      router.refresh();
      setRefreshes((n) => n + 1);
    }, INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [running, refreshes, router]);

  if (!active) return null;
  return (
    <p className="text-xs text-slate-500" aria-live="polite">
      {running
        ? "Checking for updates…"
        : "Still waiting for confirmation. Reload the page later to see the latest status."}
    </p>
  );
}
