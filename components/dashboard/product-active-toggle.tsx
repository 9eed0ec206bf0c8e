"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";

/** Deactivate / activate one product; the row re-renders from the server after the action. */
export function ProductActiveToggle({
  productId,
  active,
  name,
  setActiveAction,
}: {
  productId: string;
  active: boolean;
  name: string;
  /** The page's action (app/dashboard/products/actions.ts). */
  setActiveAction: Action<ActionState>;
}) {
  const [state, action, pending] = useActionState<ActionState | undefined, FormData>(
    setActiveAction,
    undefined,
  );
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <Button
        type="submit"
        variant={active ? "ghost" : "secondary"}
        pending={pending}
        aria-label={`${active ? "Deactivate" : "Activate"} ${name}`}
      >
        {active ? "Deactivate" : "Activate"}
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-red-600">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
