"use client";

import { useState } from "react";

/** Copies the page's address (a guest's order link, token included) to the clipboard. */
export function CopyLinkButton() {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <p className="mt-2 flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={copy}
        className="rounded-md border border-current px-3 py-1 text-xs font-medium hover:bg-white/60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        Copy link
      </button>
      <span aria-live="polite" className="text-xs">
        {state === "copied"
          ? "Link copied."
          : state === "failed"
            ? "Could not copy: copy the address from your browser's address bar."
            : ""}
      </span>
    </p>
  );
}
