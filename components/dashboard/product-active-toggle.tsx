"use client";

import { useActionState } from "react";
import { setProductActiveAction } from "@/app/dashboard/products/actions";
import { Button } from "@/components/ui/button";

/** Deactivate / activate one product; the row re-renders from the server after the action. */
export function ProductActiveToggle({
  productId,
  active,
  name,
}: {
  productId: string;
  active: boolean;
  name: string;
}) {
  const [state, action, pending] = useActionState(setProductActiveAction, undefined);
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
