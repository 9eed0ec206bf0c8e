"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Action, ActionState } from "@/lib/actions";

/** The form's state: `email` is what was typed, so a refused sign-in keeps it in the field. */
export type SignInState = ActionState & { email?: string };

export function SignInForm({
  callbackUrl,
  signInAction,
}: {
  callbackUrl?: string;
  /** The page's action (app/(auth)/sign-in/actions.ts). */
  signInAction: Action<SignInState>;
}) {
  const [state, action, pending] = useActionState<SignInState | undefined, FormData>(signInAction, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state?.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      {/* Keyed by what was typed: React resets a form after its action, and a refusal keeps the email. */}
      <Field
        key={state?.email ?? ""}
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state?.email}
        errors={state?.fieldErrors?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state?.fieldErrors?.password}
      />
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
