"use client";

import { useActionState, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Action } from "@/lib/actions";
import { defaultReturnsFee, type FeeReturnPolicy } from "@/lib/refunds/fee-return";
import type { RefundFormState, RefundFormValues } from "@/lib/refunds/refund-form";

const REASONS = [
  { value: "requested_by_customer", label: "Requested by the customer" },
  { value: "duplicate", label: "Duplicate payment" },
  { value: "fraudulent", label: "Fraudulent payment" },
] as const;

const EMPTY = { amount: "", reason: "requested_by_customer", note: "" };

/**
 * Refund all or part of an order, in two steps: "Preview refund" asks the server what the refund will do
 * (same code as the refund itself), "Confirm refund" makes it. The fields are controlled and the form is
 * submitted by hand, so React never resets them: after any error every field is as the admin left it.
 */
export function RefundForm({
  orderId,
  currency,
  refundable,
  refundableLabel,
  feePolicy,
  feePolicyLabel,
  refundAction,
}: {
  orderId: string;
  currency: string;
  /** What is left, as the decimal the input shows ("50.00"). */
  refundable: string;
  refundableLabel: string;
  feePolicy: FeeReturnPolicy;
  feePolicyLabel: string;
  /** The page's refund action (app/admin/orders/[id]/actions.ts). */
  refundAction: Action<RefundFormState>;
}) {
  const [state, action, pending] = useActionState<RefundFormState | undefined, FormData>(
    refundAction,
    undefined,
  );
  const [, startTransition] = useTransition();
  const [fields, setFields] = useState(EMPTY);
  const [feeChoice, setFeeChoice] = useState<boolean | null>(null); // null: the platform default
  const [dismissed, setDismissed] = useState<RefundFormState | undefined>(undefined);
  const [seen, setSeen] = useState<RefundFormState | undefined>(undefined);
  if (state !== seen) {
    setSeen(state);
    if (state?.status === "done") {
      setFields(EMPTY);
      setFeeChoice(null);
    }
  }
  const full = fields.amount.trim() !== "" && Number(fields.amount.replace(/,/g, "")) === Number(refundable);
  const returnFee = feeChoice ?? defaultReturnsFee(feePolicy, full);
  const previewing = state?.status === "preview" && dismissed !== state ? state.preview : undefined;
  const errors = state?.status === "error" ? state.fieldErrors : undefined;

  function submit(intent: "preview" | "confirm") {
    const values: RefundFormValues = { ...fields, refundApplicationFee: returnFee };
    const data = new FormData();
    data.set("orderId", orderId);
    data.set("intent", intent);
    for (const [key, value] of Object.entries(values)) data.set(key, String(value));
    if (intent === "confirm" && previewing) data.set("token", previewing.token);
    startTransition(() => action(data));
  }
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit(previewing ? "confirm" : "preview");
  };
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [key]: event.target.value });

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-describedby="refund-status" noValidate>
      <fieldset disabled={Boolean(previewing) || pending} className="space-y-4">
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-40 flex-1">
            <Field
              label={`Amount (${currency.toUpperCase()})`}
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              placeholder={refundable}
              value={fields.amount}
              onChange={set("amount")}
              errors={errors?.amount}
              hint={`Up to ${refundableLabel}. Type an amount like 12.50.`}
            />
          </div>
          <Button
            type="button"
            variant="secondary"
            className="mb-6"
            onClick={() => setFields({ ...fields, amount: refundable })}
          >
            Refund all
          </Button>
        </div>
        <div className="space-y-1">
          <label htmlFor="refund-reason" className="block text-sm font-medium text-slate-700">
            Reason
          </label>
          <select
            id="refund-reason"
            name="reason"
            value={fields.reason}
            onChange={set("reason")}
            aria-invalid={errors?.reason ? true : undefined}
            aria-describedby={errors?.reason ? "refund-reason-error" : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          {errors?.reason ? (
            <p id="refund-reason-error" className="text-sm text-red-600">
              {errors.reason.join(" ")}
            </p>
          ) : null}
        </div>
        <div className="flex items-start gap-2">
          <input
            id="refund-fee"
            type="checkbox"
            name="refundApplicationFee"
            className="mt-1"
            checked={returnFee}
            onChange={(event) => setFeeChoice(event.target.checked)}
            aria-describedby="refund-fee-hint"
          />
          <div>
            <label htmlFor="refund-fee" className="text-sm font-medium text-slate-700">
              Return the platform fee
            </label>
            <p id="refund-fee-hint" className="text-xs text-slate-500">
              Gives the seller back the platform&apos;s application fee in proportion to the refund. Platform
              setting: the fee is {feePolicyLabel}.
            </p>
          </div>
        </div>
        <div className="space-y-1">
          <label htmlFor="refund-note" className="block text-sm font-medium text-slate-700">
            Note <span className="font-normal text-slate-500">(optional, kept in the audit log)</span>
          </label>
          <textarea
            id="refund-note"
            name="note"
            rows={2}
            maxLength={500}
            value={fields.note}
            onChange={set("note")}
            aria-invalid={errors?.note ? true : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
          {errors?.note ? <p className="text-sm text-red-600">{errors.note.join(" ")}</p> : null}
        </div>
      </fieldset>
      {previewing ? (
        <div className="space-y-3" data-testid="refund-preview">
          {state?.message ? <Alert tone="warning">{state.message}</Alert> : null}
          <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            {previewing.text}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" pending={pending}>
              {pending ? "Refunding…" : "Confirm refund"}
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setDismissed(state)}>
              Back to edit
            </Button>
          </div>
        </div>
      ) : (
        <Button type="submit" variant="danger" pending={pending}>
          Preview refund
        </Button>
      )}
      <div id="refund-status">
        {state?.status !== "preview" && state?.message ? (
          <Alert tone={state.status === "done" ? "success" : "error"}>{state.message}</Alert>
        ) : null}
      </div>
    </form>
  );
}
