"use client";

import { useActionState } from "react";
import { disconnectAccountAction } from "@/app/dashboard/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function DisconnectForm() {
  const [state, action, pending] = useActionState(disconnectAccountAction, undefined);
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
