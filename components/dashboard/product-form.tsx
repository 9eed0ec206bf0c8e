"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { CAPTURE_LATER_HINT } from "@/components/capture/copy";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Action as ServerAction, ActionState } from "@/lib/actions";

type Action = ServerAction<ActionState>;

export interface ProductFormValues {
  productId?: string;
  name: string;
  description: string;
  price: string;
  currency: string;
  captureLater: boolean;
}

const CURRENCIES = [
  ["usd", "USD — US dollar"],
  ["eur", "EUR — Euro"],
  ["gbp", "GBP — British pound"],
  ["cad", "CAD — Canadian dollar"],
  ["aud", "AUD — Australian dollar"],
] as const;

/**
 * Create and edit form. Submitted through onSubmit so React does not reset the fields when the server
 * refuses them; a successful create clears the form for the next product.
 */
export function ProductForm({
  action,
  initial,
  submitLabel,
}: {
  action: Action;
  initial: ProductFormValues;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState<ActionState | undefined, FormData>(action, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state?.fieldErrors ?? {};
  useEffect(() => {
    if (state?.ok && !initial.productId) formRef.current?.reset();
  }, [state, initial.productId]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      {state?.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      {initial.productId ? <input type="hidden" name="productId" value={initial.productId} /> : null}
      <Field
        label="Name"
        name="name"
        required
        maxLength={120}
        defaultValue={initial.name}
        errors={errors.name}
      />
      <div className="space-y-1">
        <label htmlFor="field-description" className="block text-sm font-medium text-slate-700">
          Description
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={initial.description}
          aria-invalid={errors.description?.length ? true : undefined}
          aria-describedby={errors.description?.length ? "field-description-error" : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
        />
        {errors.description?.length ? (
          <p id="field-description-error" className="text-sm text-red-600">
            {errors.description.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Price"
          name="price"
          inputMode="decimal"
          required
          defaultValue={initial.price}
          errors={errors.price}
          hint="The amount a buyer pays, e.g. 12.50. The platform fee is taken from it."
        />
        <div className="space-y-1">
          <label htmlFor="field-currency" className="block text-sm font-medium text-slate-700">
            Currency
          </label>
          <select
            id="field-currency"
            name="currency"
            defaultValue={initial.currency}
            aria-invalid={errors.currency?.length ? true : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {CURRENCIES.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
          {errors.currency?.length ? (
            <p className="text-sm text-red-600">{errors.currency.join(" ")}</p>
          ) : null}
        </div>
      </div>
      <div className="flex items-start gap-3">
        {/* An unticked box sends nothing: this says "off", and the box's "on" comes after it and wins. */}
        <input type="hidden" name="captureLater" value="off" />
        <input
          id="field-captureLater"
          type="checkbox"
          name="captureLater"
          value="on"
          defaultChecked={initial.captureLater}
          aria-describedby="field-captureLater-hint"
          className="mt-1 size-4 shrink-0 rounded border-slate-300 text-brand-600"
        />
        <div className="space-y-1">
          <label htmlFor="field-captureLater" className="block text-sm font-medium text-slate-700">
            Charge when I ship
          </label>
          <p id="field-captureLater-hint" className="text-xs text-slate-500">
            {CAPTURE_LATER_HINT}
          </p>
          {errors.captureLater?.length ? (
            <p className="text-sm text-red-600">{errors.captureLater.join(" ")}</p>
          ) : null}
        </div>
      </div>
      <Button type="submit" pending={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}
