"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";

/** Retries one failed or dead webhook event now; the result is announced in a live region next to the button. */
export function ReapplyEventButton({
  eventId,
  reapplyAction,
}: {
  eventId: string;
  /** The page's action (app/admin/events/actions.ts). */
  reapplyAction: Action<ActionState>;
}) {
  const [state, action, pending] = useActionState<ActionState | undefined, FormData>(
    reapplyAction,
    undefined,
  );
  const statusId = `reapply-${eventId}`;
  return (
    <form action={action} className="space-y-1" aria-describedby={statusId}>
      <input type="hidden" name="eventId" value={eventId} />
      <Button type="submit" variant="secondary" pending={pending} className="px-3 py-1 text-xs">
        {pending ? "Retrying…" : "Retry now"}
      </Button>
      <p
        id={statusId}
        role="status"
        aria-live="polite"
        className={`text-xs ${state?.ok === false ? "text-red-700" : "text-green-800"}`}
      >
        {state?.message ?? ""}
      </p>
    </form>
  );
}
