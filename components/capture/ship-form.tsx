"use client";

import { useActionState, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { OrderAuthorization } from "@/db/schema";
import type { Action, ActionState } from "@/lib/actions";
import { planCapture } from "@/lib/capture/policy";
import { formatMoney } from "@/lib/money";

export type AuthorizationTerms = Pick<
  OrderAuthorization,
  "orderId" | "quantity" | "amount" | "applicationFeeAmount" | "feeBps" | "feeFixed"
>;

/** What shipping `typed` units charges and releases, by the same rule the capture uses (planCapture). */
function Preview({ auth, typed, currency }: { auth: AuthorizationTerms; typed: string; currency: string }) {
  const plan = /^\d+$/.test(typed.trim()) ? planCapture(auth, Number(typed)) : null;
  if (!plan) return <>Enter a whole number from 1 to {auth.quantity}.</>;
  const money = (minor: number) => formatMoney(minor, currency);
  const released = auth.amount - plan.amount;
  return (
    <>
      The buyer is charged <strong>{money(plan.amount)}</strong> for {plan.quantity} of {auth.quantity}
      {released > 0 ? <>; {money(released)} is released</> : null}. Platform fee {money(plan.applicationFee)};
      you receive {money(plan.amount - plan.applicationFee)}.
    </>
  );
}

/**
 * "Ship and charge": the quantity shipped (all by default) and what it charges, live. Controlled and
 * submitted by hand, so the typed quantity stays after a refusal.
 */
export function ShipForm({
  auth,
  currency,
  action,
  disabled = false,
}: {
  auth: AuthorizationTerms;
  currency: string;
  action: Action<ActionState>;
  /** A settlement is in flight: nothing can be sent until it is answered. */
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState<ActionState | undefined, FormData>(action, undefined);
  const [, startTransition] = useTransition();
  const [quantity, setQuantity] = useState(String(auth.quantity));
  const errors = state?.ok ? undefined : state?.fieldErrors?.quantity;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(() => formAction(new FormData(event.currentTarget)));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate data-testid="ship-form">
      <input type="hidden" name="orderId" value={auth.orderId} />
      <div className="max-w-40">
        <Field
          label="Quantity shipped"
          name="quantity"
          type="number"
          inputMode="numeric"
          min={1}
          max={auth.quantity}
          step={1}
          value={quantity}
          onChange={(event) => setQuantity(event.target.value)}
          errors={errors}
          disabled={disabled || pending}
        />
      </div>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="ship-preview">
        <Preview auth={auth} typed={quantity} currency={currency} />
      </p>
      <Button type="submit" pending={pending} disabled={disabled || pending}>
        {pending ? "Charging…" : "Ship and charge"}
      </Button>
      <div aria-live="polite">
        {state?.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      </div>
    </form>
  );
}
