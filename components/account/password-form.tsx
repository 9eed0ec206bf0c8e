"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Action as ServerAction, ActionState } from "@/lib/actions";

type Action = ServerAction<ActionState>;

export function PasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState<ActionState | undefined, FormData>(action, undefined);
  const errors = state?.fieldErrors;
  return (
    <form action={formAction} className="max-w-md space-y-4" noValidate>
      {state?.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={errors?.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        errors={errors?.newPassword}
        hint="At least 10 characters."
      />
      <Field
        label="New password again"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
      <Button type="submit" pending={pending}>
        Change password
      </Button>
    </form>
  );
}
