"use client";

import { useEffect } from "react";
import "./globals.css";

/**
 * Shown when the root layout itself fails: it replaces the whole document, so it brings its own
 * <html> and <body> and nothing of the layout (no header) is assumed to work.
 */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <html lang="en">
      <body className="min-h-screen">
        <main className="mx-auto max-w-lg px-4 py-16 text-center" role="alert">
          <title>Something went wrong · Connect Market</title>
          <h1 className="text-2xl font-bold">Something went wrong</h1>
          <p className="mt-3 text-slate-600">The site could not be shown. Please try again in a moment.</p>
          {error.digest ? <p className="mt-2 text-xs text-slate-500">Reference: {error.digest}</p> : null}
          <div className="mt-6 flex flex-wrap justify-center gap-3">
            <button
              type="button"
              onClick={reset}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              Try again
            </button>
            {/* A full page load: the client router may be what broke. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              Go to the home page
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
