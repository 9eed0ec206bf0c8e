"use client";

import { useActionState, useId } from "react";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";

/** Runs one scheduled job now; what it did (or why it failed) is announced next to the button. */
export function RunJobButton({ name, runAction }: { name: string; runAction: Action<ActionState> }) {
  const [state, action, pending] = useActionState<ActionState | undefined, FormData>(runAction, undefined);
  // The jobs table renders each row twice (table and phone cards): ids must stay unique.
  const statusId = useId();
  return (
    <form action={action} className="space-y-1" aria-describedby={statusId}>
      <input type="hidden" name="name" value={name} />
      <Button
        type="submit"
        variant="secondary"
        pending={pending}
        className="whitespace-nowrap px-3 py-1 text-xs"
      >
        {pending ? "Running…" : "Run now"}
        <span className="sr-only"> {name}</span>
      </Button>
      <p
        id={statusId}
        role="status"
        aria-live="polite"
        className={`max-w-xs break-words text-xs ${state?.ok === false ? "text-red-700" : "text-green-800"}`}
      >
        {state?.message ?? ""}
      </p>
    </form>
  );
}
