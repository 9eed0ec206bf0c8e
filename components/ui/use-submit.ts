"use client";

import { useState } from "react";

/*
 * A payment form's submit: one at a time (a second click while busy does nothing), the last error shown
 * until the next attempt, and an unexpected failure logged under `tag` and shown as `fallback` instead of
 * leaving the button spinning. `work` returns the error to show, or nothing.
 */
export function useSubmit(tag: string, fallback: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(work: () => Promise<string | null | void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setError((await work()) ?? null);
    } catch (caught) {
      console.error(`[${tag}] failed`, caught);
      setError(fallback);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
