"use client";

import { useActionState, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";
import {
  EVIDENCE_FILE_FIELDS,
  EVIDENCE_TEXT_FIELDS,
  type Evidence,
  type EvidenceKey,
} from "@/lib/disputes/evidence";

const INPUT =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-500";

/**
 * The dispute's evidence, pre-filled with the draft saved at Stripe: "Save draft" sends it with
 * `submit: false`, "Submit evidence" with `submit: true` (once, final). The fields are controlled and the
 * form is submitted by hand, so after any error every field is as the admin left it.
 */
export function EvidenceForm({
  disputeId,
  initial,
  files,
  action,
}: {
  disputeId: string;
  initial: Evidence;
  /** The files uploaded to this dispute (the only ones Stripe's evidence may name here). */
  files: readonly { id: string; label: string }[];
  action: Action<ActionState>;
}) {
  const [state, formAction, pending] = useActionState<ActionState | undefined, FormData>(action, undefined);
  const [, startTransition] = useTransition();
  const [fields, setFields] = useState<Evidence>(initial);
  const [intent, setIntent] = useState<"draft" | "submit">("draft");
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const set = (key: EvidenceKey) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [key]: event.target.value });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const chosen = submitter?.getAttribute("value") === "submit" ? "submit" : "draft";
    setIntent(chosen);
    const data = new FormData();
    data.set("disputeId", disputeId);
    data.set("intent", chosen);
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    startTransition(() => formAction(data));
  };
  const errorOf = (key: string) =>
    errors?.[key] ? (
      <p id={`evidence-${key}-error`} className="text-sm text-red-600">
        {errors[key].join(" ")}
      </p>
    ) : null;
  const aria = (key: string) => ({
    "aria-invalid": errors?.[key] ? true : undefined,
    "aria-describedby": errors?.[key] ? `evidence-${key}-error` : undefined,
  });

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="evidence-form" noValidate>
      <fieldset disabled={pending} className="space-y-4">
        <legend className="sr-only">Evidence</legend>
        {EVIDENCE_TEXT_FIELDS.map((f) => (
          <div key={f.key} className="space-y-1">
            <label htmlFor={`evidence-${f.key}`} className="block text-sm font-medium text-slate-700">
              {f.label}
            </label>
            {f.long ? (
              <textarea
                id={`evidence-${f.key}`}
                name={f.key}
                rows={3}
                value={fields[f.key]}
                onChange={set(f.key)}
                className={INPUT}
                {...aria(f.key)}
              />
            ) : (
              <input
                id={`evidence-${f.key}`}
                name={f.key}
                value={fields[f.key]}
                onChange={set(f.key)}
                className={INPUT}
                {...aria(f.key)}
              />
            )}
            {errorOf(f.key)}
          </div>
        ))}
        <div className="grid gap-4 sm:grid-cols-2">
          {EVIDENCE_FILE_FIELDS.map((f) => {
            const value = fields[f.key];
            const unknown = value !== "" && !files.some((file) => file.id === value);
            return (
              <div key={f.key} className="min-w-0 space-y-1">
                <label htmlFor={`evidence-${f.key}`} className="block text-sm font-medium text-slate-700">
                  {f.label}
                </label>
                <select
                  id={`evidence-${f.key}`}
                  name={f.key}
                  value={value}
                  onChange={set(f.key)}
                  className={INPUT}
                  {...aria(f.key)}
                >
                  <option value="">—</option>
                  {files.map((file) => (
                    <option key={file.id} value={file.id}>
                      {file.label}
                    </option>
                  ))}
                  {unknown ? <option value={value}>{value} (not a file of this dispute)</option> : null}
                </select>
                {errorOf(f.key)}
              </div>
            );
          })}
        </div>
        {files.length === 0 ? (
          <p className="text-xs text-slate-500">Upload files with the note form to choose them here.</p>
        ) : null}
      </fieldset>
      <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        Stripe accepts <strong>one</strong> submission and it is final: the evidence goes to the bank and
        cannot be changed or added to afterwards. Save a draft until everything is in place.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          name="intent"
          value="draft"
          variant="secondary"
          disabled={pending}
          pending={pending && intent === "draft"}
        >
          Save draft
        </Button>
        <Button
          type="submit"
          name="intent"
          value="submit"
          disabled={pending}
          pending={pending && intent === "submit"}
        >
          Submit evidence
        </Button>
      </div>
      <div aria-live="polite">
        {state?.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      </div>
    </form>
  );
}
