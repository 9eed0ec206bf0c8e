"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { postConnect } from "./api-client";

/**
 * Opens the seller's Express dashboard in a new tab, so the site stays open in this one. The tab is
 * opened at once on the click (later, browsers block it as a pop-up), cut off from this page
 * (`opener = null`, what rel="noopener" does for links), then sent to a fresh single-use login link
 * (made on click, never stored). If the browser blocks the tab, a link to open it is shown instead.
 */
export function ExpressDashboardButton() {
  const [error, setError] = useState<string | null>(null);
  const [fallback, setFallback] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const open = () => {
    setError(null);
    setFallback(null);
    const tab = window.open("", "_blank");
    if (tab) tab.opener = null;
    startTransition(async () => {
      try {
        const { url } = await postConnect<{ url: string }>("/api/connect/login-link");
        if (tab && !tab.closed) tab.location.href = url;
        else setFallback(url);
      } catch (e) {
        tab?.close();
        setError(e instanceof Error ? e.message : String(e));
      }
    });
  };
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" onClick={open} pending={pending}>
        Open Express dashboard
        <span className="sr-only"> (opens in a new tab)</span>
      </Button>
      {fallback ? (
        <p className="text-sm">
          <a
            href={fallback}
            target="_blank"
            rel="noopener noreferrer"
            className="font-medium text-brand-700 underline"
          >
            Open your Express dashboard in a new tab
          </a>
        </p>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
