"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Action, ActionState } from "@/lib/actions";

type LinkState = ActionState & { values?: { dashboardUserId: string } };

/** Links a Stripe Dashboard user (usr_…) to the signed-in admin; what was typed stays after a refusal. */
export function LinkDashboardUserForm({ linkAction }: { linkAction: Action<LinkState> }) {
  const [state, action, pending] = useActionState<LinkState | undefined, FormData>(linkAction, undefined);
  return (
    <form action={action} className="max-w-md space-y-3">
      <Field
        label="Your Stripe Dashboard user id"
        name="dashboardUserId"
        placeholder="usr_…"
        autoComplete="off"
        required
        defaultValue={state?.ok === false ? (state.values?.dashboardUserId ?? "") : ""}
        key={state?.ok === false ? `refused-${state.values?.dashboardUserId ?? ""}` : "fresh"}
        errors={state?.fieldErrors?.dashboardUserId}
        hint="Open the app in the Stripe Dashboard: until you are linked, it shows your user id."
      />
      <Button type="submit" pending={pending}>
        {pending ? "Linking…" : "Link to my admin account"}
      </Button>
      {state?.message ? <Alert tone={state.ok === false ? "error" : "success"}>{state.message}</Alert> : null}
    </form>
  );
}

/** Removes one link: that Dashboard user's requests are refused from then on. */
export function UnlinkButton({
  dashboardUserId,
  unlinkAction,
}: {
  dashboardUserId: string;
  unlinkAction: Action<ActionState>;
}) {
  const [state, action, pending] = useActionState<ActionState | undefined, FormData>(unlinkAction, undefined);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="dashboardUserId" value={dashboardUserId} />
      <Button type="submit" variant="secondary" pending={pending} className="px-3 py-1 text-xs">
        Unlink<span className="sr-only"> {dashboardUserId}</span>
      </Button>
      {state?.ok === false ? (
        <p role="status" className="text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
