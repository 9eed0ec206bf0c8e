"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { postConnect } from "./api-client";

/**
 * Creates the seller's Express account (POST /api/connect/accounts: safe to click twice, the server
 * returns the same account) and takes them to the embedded onboarding.
 */
export function StartSellingButton({ label = "Start selling" }: { label?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const start = () => {
    setError(null);
    startTransition(async () => {
      try {
        await postConnect("/api/connect/accounts");
        router.push("/dashboard/onboarding");
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    });
  };
  return (
    <div className="space-y-3">
      <Button type="button" onClick={start} pending={pending}>
        {pending ? "Setting up your Stripe account…" : label}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
