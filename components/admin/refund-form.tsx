"use client";

import { useActionState } from "react";
import { refundOrderAction } from "@/app/admin/orders/[id]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions";

const REASONS = [
  { value: "requested_by_customer", label: "Requested by the customer" },
  { value: "duplicate", label: "Duplicate payment" },
  { value: "fraudulent", label: "Fraudulent payment" },
] as const;

/**
 * Refund all or part of an order. The admin types a decimal amount in the order's currency ("12.50");
 * the server converts it to minor units and checks it against what is left under a row lock.
 */
export function RefundForm({
  orderId,
  currency,
  refundable,
  refundableLabel,
}: {
  orderId: string;
  currency: string;
  /** What is left, as the decimal the input shows ("50.00"). */
  refundable: string;
  refundableLabel: string;
}) {
  const [state, action, pending] = useActionState<ActionState | undefined, FormData>(refundOrderAction, undefined);
  return (
    <form action={action} className="space-y-4" aria-describedby="refund-status">
      <input type="hidden" name="orderId" value={orderId} />
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <Field
            label={`Amount (${currency.toUpperCase()})`}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            placeholder={refundable}
            required
            errors={state?.fieldErrors?.amount}
            hint={`Up to ${refundableLabel}. Type an amount like 12.50.`}
          />
        </div>
        <Button
          type="button"
          variant="secondary"
          className="mb-6"
          onClick={(event) => {
            const input = event.currentTarget.form?.elements.namedItem("amount");
            if (input instanceof HTMLInputElement) {
              input.value = refundable;
              input.focus();
            }
          }}
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
          defaultValue="requested_by_customer"
          aria-invalid={state?.fieldErrors?.reason ? true : undefined}
          aria-describedby={state?.fieldErrors?.reason ? "refund-reason-error" : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {REASONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        {state?.fieldErrors?.reason ? (
          <p id="refund-reason-error" className="text-sm text-red-600">
            {state.fieldErrors.reason.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="flex items-start gap-2">
        <input id="refund-fee" type="checkbox" name="refundApplicationFee" className="mt-1" aria-describedby="refund-fee-hint" />
        <div>
          <label htmlFor="refund-fee" className="text-sm font-medium text-slate-700">
            Return the platform fee
          </label>
          <p id="refund-fee-hint" className="text-xs text-slate-500">
            Gives the seller back the platform&apos;s application fee in proportion to the refund.
          </p>
        </div>
      </div>
      <Button type="submit" variant="danger" pending={pending}>
        {pending ? "Refunding…" : "Refund"}
      </Button>
      <div id="refund-status">
        {state?.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      </div>
    </form>
  );
}
