"use client";

import { useActionState, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";
import { CHOSEN_RELEASE_REASONS, type ChosenReleaseReason } from "@/lib/capture/policy";

const REASONS = Object.entries(CHOSEN_RELEASE_REASONS) as [ChosenReleaseReason, string][];

/**
 * "Cancel order": releases the whole authorisation, with why. Needs the box ticked (the server checks it
 * too); controlled, so the reason and the box stay as they were after a refusal.
 */
export function CancelOrderForm({
  orderId,
  amountLabel,
  action,
  disabled = false,
}: {
  orderId: string;
  /** The authorised amount, in words ("$30.00"). */
  amountLabel: string;
  action: Action<ActionState>;
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState<ActionState | undefined, FormData>(action, undefined);
  const [, startTransition] = useTransition();
  const [reason, setReason] = useState<string>("");
  const [confirmed, setConfirmed] = useState(false);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(() => formAction(new FormData(event.currentTarget)));
  };
  const id = `cancel-${orderId}`;
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate data-testid="cancel-form">
      <input type="hidden" name="orderId" value={orderId} />
      <div className="space-y-1">
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-700">
          Why are you canceling?
        </label>
        <select
          id={`${id}-reason`}
          name="reason"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          disabled={disabled || pending}
          aria-invalid={errors?.reason?.length ? true : undefined}
          aria-describedby={errors?.reason?.length ? `${id}-reason-error` : undefined}
          className="block w-full max-w-sm rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value="">Choose a reason</option>
          {REASONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {errors?.reason?.length ? (
          <p id={`${id}-reason-error`} className="text-sm text-red-600">
            {errors.reason.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="flex items-start gap-2">
        <input
          id={`${id}-confirm`}
          type="checkbox"
          name="confirm"
          value="on"
          className="mt-1"
          checked={confirmed}
          disabled={disabled || pending}
          onChange={(event) => setConfirmed(event.target.checked)}
          aria-invalid={errors?.confirm?.length ? true : undefined}
          aria-describedby={errors?.confirm?.length ? `${id}-confirm-error` : undefined}
        />
        <label htmlFor={`${id}-confirm`} className="text-sm text-slate-700">
          Release the buyer&apos;s authorisation of {amountLabel}. They are not charged, and this order cannot
          be shipped afterwards.
        </label>
      </div>
      {errors?.confirm?.length ? (
        <p id={`${id}-confirm-error`} className="text-sm text-red-600">
          {errors.confirm.join(" ")}
        </p>
      ) : null}
      <Button type="submit" variant="danger" pending={pending} disabled={disabled || pending}>
        {pending ? "Canceling…" : "Cancel order"}
      </Button>
      <div aria-live="polite">
        {state?.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      </div>
    </form>
  );
}
