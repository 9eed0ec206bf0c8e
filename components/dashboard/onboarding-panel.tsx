"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { EmbeddedOnboarding } from "@/components/connect/embedded";
import { Alert } from "@/components/ui/alert";
import type { Action, ActionState } from "@/lib/actions";
import type { Readiness } from "@/lib/connect/account-status";

/**
 * The embedded onboarding. When the seller leaves it (onExit: finished, or "Done"), we ask Stripe for
 * the account's status and move on: to the dashboard when it can charge, otherwise we say what is
 * still missing and keep the form here.
 */
export function OnboardingPanel({
  refreshStatusAction,
}: {
  /** The page's action (app/dashboard/onboarding/actions.ts): the account's status, read from Stripe. */
  refreshStatusAction: Action<ActionState<{ readiness: Readiness | "no_account" }>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "warning"; text: string } | null>(null);
  const onExit = () => {
    setMessage(null);
    startTransition(async () => {
      const result = await refreshStatusAction();
      if (!result.ok) {
        setMessage({
          tone: "error",
          text: result.message ?? "We could not check your account with Stripe. Please reload the page.",
        });
        return;
      }
      if (result.data?.readiness === "ready") {
        router.push("/dashboard?onboarded=1");
        return;
      }
      setMessage({
        tone: "warning",
        text:
          result.data?.readiness === "in_review"
            ? "Thanks! Stripe is reviewing your details; your products appear in the shop once charges are enabled."
            : "Stripe needs more information before you can accept payments. Continue below.",
      });
      router.refresh();
    });
  };
  return (
    <div className="space-y-4">
      <div aria-live="polite" role="status">
        {pending ? <p className="text-sm text-slate-600">Checking your account with Stripe…</p> : null}
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <EmbeddedOnboarding onExit={onExit} />
    </div>
  );
}
