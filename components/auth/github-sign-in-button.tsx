"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import type { Action, ActionState } from "@/lib/actions";

/** "Continue with GitHub": the action redirects to GitHub; only a failure to start comes back here. */
export function GitHubSignInButton({ signInAction }: { signInAction: Action<ActionState> }) {
  const [state, action, pending] = useActionState<ActionState | undefined, FormData>(signInAction, undefined);
  return (
    <form action={action} className="space-y-2">
      {state?.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm"
      >
        Continue with GitHub
      </button>
    </form>
  );
}
