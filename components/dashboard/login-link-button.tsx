"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { postConnect } from "./api-client";

/** Opens the seller's Express dashboard with a fresh single-use login link (made on click, never stored). */
export function ExpressDashboardButton() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const open = () => {
    setError(null);
    startTransition(async () => {
      try {
        const { url } = await postConnect<{ url: string }>("/api/connect/login-link");
        window.location.assign(url);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    });
  };
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" onClick={open} pending={pending}>
        Open Express dashboard
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
