"use client";

import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";

const ACCEPT = "application/pdf,image/jpeg,image/png";

/**
 * Add a note, an evidence file, or both to a dispute (the admin's page and the seller's order use the
 * same form with their own action). Submitted by hand so React never resets it: after an error the
 * note and the chosen file are still there; after a success both are cleared.
 */
export function NoteForm({
  disputeId,
  action,
  maxChars,
  maxBytes,
  hint,
}: {
  disputeId: string;
  action: Action<ActionState>;
  maxChars: number;
  maxBytes: number;
  hint: string;
}) {
  const [state, formAction, pending] = useActionState<ActionState | undefined, FormData>(action, undefined);
  const [, startTransition] = useTransition();
  const [body, setBody] = useState("");
  const [tooBig, setTooBig] = useState<string | null>(null);
  const [seen, setSeen] = useState(state);
  const form = useRef<HTMLFormElement>(null);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setBody("");
  }
  // The chosen file cannot be held in state: clear the input itself once the note is added.
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);

  const id = `note-${disputeId}`;
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const fileErrors = tooBig ? [tooBig] : errors?.file;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    // The server checks again; this only spares uploading a file Stripe would refuse anyway.
    if (file instanceof File && file.size > maxBytes) {
      setTooBig(
        `This file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, Stripe's limit for evidence.`,
      );
      return;
    }
    setTooBig(null);
    startTransition(() => formAction(data));
  };

  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-3" data-testid="note-form" noValidate>
      <input type="hidden" name="disputeId" value={disputeId} />
      <fieldset disabled={pending} className="space-y-3">
        <div className="space-y-1">
          <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-700">
            Note
          </label>
          <textarea
            id={`${id}-body`}
            name="body"
            rows={3}
            maxLength={maxChars}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            aria-invalid={errors?.body ? true : undefined}
            aria-describedby={errors?.body ? `${id}-body-error` : `${id}-hint`}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
          {errors?.body ? (
            <p id={`${id}-body-error`} className="text-sm text-red-600">
              {errors.body.join(" ")}
            </p>
          ) : null}
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-700">
            File <span className="font-normal text-slate-500">(PDF, JPEG or PNG, at most 5 MB)</span>
          </label>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            accept={ACCEPT}
            onChange={() => setTooBig(null)}
            aria-invalid={fileErrors ? true : undefined}
            aria-describedby={fileErrors ? `${id}-file-error` : undefined}
            className="block w-full max-w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
          />
          {fileErrors ? (
            <p id={`${id}-file-error`} className="text-sm text-red-600">
              {fileErrors.join(" ")}
            </p>
          ) : null}
        </div>
      </fieldset>
      <Button type="submit" variant="secondary" pending={pending}>
        {pending ? "Adding…" : "Add to the dispute"}
      </Button>
      <div aria-live="polite">
        {state?.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      </div>
    </form>
  );
}
