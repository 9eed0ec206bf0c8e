"use client";

import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";
import { MAX_QUANTITY, MIN_QUANTITY } from "@/lib/payments/quantity";

/** A cart line's quantity (Update) and Remove. The quantity stays as typed when it is refused. */
export function CartLineForm({
  productId,
  name,
  quantity,
  update,
  remove,
}: {
  productId: string;
  name: string;
  quantity: number;
  update: Action<ActionState>;
  remove: Action<ActionState>;
}) {
  const [typed, setTyped] = useState(String(quantity));
  const withProduct = (action: Action<ActionState>) => (prev: ActionState | undefined, form: FormData) => {
    form.set("productId", productId);
    return action(prev, form);
  };
  const [updated, runUpdate, updating] = useActionState(withProduct(update), undefined);
  const [removed, runRemove, removing] = useActionState(withProduct(remove), undefined);
  const id = useId();
  const refusal = [updated, removed].find((s) => s?.ok === false);
  return (
    <form action={runUpdate} className="space-y-1" noValidate>
      <div className="flex flex-wrap items-end gap-2">
        <label htmlFor={`${id}-q`} className="sr-only">
          Quantity of {name}
        </label>
        <input
          id={`${id}-q`}
          name="quantity"
          type="number"
          min={MIN_QUANTITY}
          max={MAX_QUANTITY}
          step={1}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-invalid={updated?.fieldErrors?.quantity ? true : undefined}
          aria-describedby={`${id}-status`}
          className="block w-20 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm"
        />
        <Button type="submit" variant="secondary" className="px-3 py-1.5" pending={updating}>
          Update<span className="sr-only"> {name}</span>
        </Button>
        <Button
          type="submit"
          variant="ghost"
          className="px-3 py-1.5"
          formAction={runRemove}
          pending={removing}
        >
          Remove<span className="sr-only"> {name}</span>
        </Button>
      </div>
      <p id={`${id}-status`} role="status" aria-live="polite" className="text-xs text-red-700">
        {refusal ? (refusal.fieldErrors?.quantity?.join(" ") ?? refusal.message) : ""}
      </p>
    </form>
  );
}
