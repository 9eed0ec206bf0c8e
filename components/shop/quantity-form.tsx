"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";
import { MAX_QUANTITY, MIN_QUANTITY } from "@/lib/payments/quantity";

/**
 * Chooses the quantity, then "Buy now" (a GET to checkout: nothing is created until the buyer pays) or
 * "Add to cart" (a server action; the quantity stays as typed, and what happened is announced).
 */
export function QuantityForm({
  productId,
  addToCart,
}: {
  productId: string;
  addToCart: Action<ActionState<{ count: number }>>;
}) {
  const [quantity, setQuantity] = useState(String(MIN_QUANTITY));
  // The product goes with the action, not as a field: "Buy now"'s URL stays /checkout/<id>?quantity=N.
  const [state, add, pending] = useActionState<ActionState<{ count: number }> | undefined, FormData>(
    (prev, form) => {
      form.set("productId", productId);
      return addToCart(prev, form);
    },
    undefined,
  );
  const errors = state?.fieldErrors?.quantity;
  return (
    <form action={`/checkout/${productId}`} method="get" className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="quantity" className="block text-sm font-medium text-slate-700">
            Quantity
          </label>
          <input
            id="quantity"
            name="quantity"
            type="number"
            min={MIN_QUANTITY}
            max={MAX_QUANTITY}
            step={1}
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
            required
            aria-invalid={errors ? true : undefined}
            aria-describedby={errors ? "quantity-error" : undefined}
            className="block w-24 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
          />
        </div>
        <Button type="submit">Buy now</Button>
        <Button type="submit" variant="secondary" formAction={add} pending={pending}>
          {pending ? "Adding…" : "Add to cart"}
        </Button>
      </div>
      {errors ? (
        <p id="quantity-error" className="text-sm text-red-600">
          {errors.join(" ")}
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="text-sm">
        {state?.ok ? (
          <span className="text-green-800">
            {state.message}{" "}
            <Link href="/cart" className="font-medium text-brand-700 underline">
              View cart
            </Link>
          </span>
        ) : state?.ok === false && !errors ? (
          <span className="text-red-700">{state.message}</span>
        ) : null}
      </p>
    </form>
  );
}
