"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";

/** `disconnectAction`: the page's action (app/dashboard/settings/actions.ts). */
export function DisconnectForm({ disconnectAction }: { disconnectAction: Action<ActionState> }) {
  const [state, action, pending] = useActionState<ActionState | undefined, FormData>(
    disconnectAction,
    undefined,
  );
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="confirm" value="yes" />
      {state?.message ? <Alert tone="error">{state.message}</Alert> : null}
      <Button type="submit" variant="danger" pending={pending}>
        Disconnect my Stripe account
      </Button>
    </form>
  );
}
