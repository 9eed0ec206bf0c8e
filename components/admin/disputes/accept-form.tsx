"use client";

import { useActionState, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";

/** "Accept the dispute": closes it as lost at once. Needs the box ticked (the server checks it too). */
export function AcceptDisputeForm({
  disputeId,
  amountLabel,
  action,
}: {
  disputeId: string;
  /** The disputed amount and the fee, in words ("$75.00 and Stripe's $15.00 dispute fee"). */
  amountLabel: string;
  action: Action<ActionState>;
}) {
  const [state, formAction, pending] = useActionState<ActionState | undefined, FormData>(action, undefined);
  const [, startTransition] = useTransition();
  const [confirmed, setConfirmed] = useState(false);
  const error = state?.ok ? undefined : state?.fieldErrors?.confirm;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(() => formAction(new FormData(event.currentTarget)));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="accept-form">
      <input type="hidden" name="disputeId" value={disputeId} />
      <p className="text-sm text-slate-700">
        Accepting tells the bank you will not contest it: Stripe closes the dispute as <strong>lost</strong>{" "}
        at once. {amountLabel} stay withdrawn from the seller&apos;s balance, and no evidence can be sent
        afterwards.
      </p>
      <div className="flex items-start gap-2">
        <input
          id={`accept-${disputeId}`}
          type="checkbox"
          name="confirm"
          required
          className="mt-1"
          checked={confirmed}
          disabled={pending}
          onChange={(event) => setConfirmed(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `accept-${disputeId}-error` : undefined}
        />
        <label htmlFor={`accept-${disputeId}`} className="text-sm text-slate-700">
          I understand that the dispute is lost at once and the money and fee stay withdrawn.
        </label>
      </div>
      {error ? (
        <p id={`accept-${disputeId}-error`} className="text-sm text-red-600">
          {error.join(" ")}
        </p>
      ) : null}
      <Button type="submit" variant="danger" pending={pending}>
        {pending ? "Accepting…" : "Accept the dispute"}
      </Button>
      <div aria-live="polite">
        {state?.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      </div>
    </form>
  );
}
