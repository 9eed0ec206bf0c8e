"use client";

import Link from "next/link";
import { useEffect } from "react";
import { buttonClass } from "./button";

/** What a segment's loading.tsx shows while its page renders on the server. */
export function LoadingState({ label }: { label: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="mx-auto max-w-2xl space-y-4 py-6"
      data-testid="route-loading"
    >
      <p className="text-sm text-slate-600">{label}</p>
      <div aria-hidden="true" className="space-y-3">
        <div className="h-6 w-2/3 animate-pulse rounded bg-slate-200" />
        <div className="h-4 w-full animate-pulse rounded bg-slate-200" />
        <div className="h-4 w-5/6 animate-pulse rounded bg-slate-200" />
        <div className="h-32 w-full animate-pulse rounded-lg bg-slate-200" />
      </div>
    </div>
  );
}

export interface RouteErrorProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/**
 * What a segment's error.tsx shows when its page throws: what happened in plain words, a way to try
 * again and a way out. The message of a server error is never shown (production hides it anyway);
 * its digest is, so a report can be matched with the server's log.
 */
export function ErrorState({
  error,
  reset,
  title,
  detail,
  home,
}: RouteErrorProps & { title: string; detail: string; home: { href: string; label: string } }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-lg space-y-4 py-12 text-center" data-testid="route-error">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="text-slate-600">{detail}</p>
      {error.digest ? <p className="text-xs text-slate-500">Reference: {error.digest}</p> : null}
      <div className="flex flex-wrap justify-center gap-3">
        <button type="button" onClick={reset} className={buttonClass("primary")}>
          Try again
        </button>
        <Link href={home.href} className={buttonClass("secondary")}>
          {home.label}
        </Link>
      </div>
    </div>
  );
}
