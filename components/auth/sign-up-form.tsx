"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Action, ActionState } from "@/lib/actions";

/** What the form shows again after a refusal (never the password). */
export type SignUpValues = Partial<Record<"name" | "email" | "businessName" | "country", string>>;
export type SignUpState = ActionState & { values?: SignUpValues };

export function SignUpForm({
  initialRole,
  signUpAction,
}: {
  initialRole: "buyer" | "seller";
  /** The page's action (app/(auth)/sign-up/actions.ts). */
  signUpAction: Action<SignUpState>;
}) {
  const [state, action, pending] = useActionState<SignUpState | undefined, FormData>(signUpAction, undefined);
  const [role, setRole] = useState(initialRole);
  const errors = state?.fieldErrors ?? {};
  // React resets a form after its action: a refusal puts back what was typed (never the password).
  const values = state?.values ?? {};
  const k = (name: keyof typeof values) => `${name}:${values[name] ?? ""}`;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state?.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">I want to…</legend>
        <div className="flex gap-3">
          {(["buyer", "seller"] as const).map((value) => (
            <label
              key={value}
              className="flex flex-1 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:ring-1 has-[:checked]:ring-brand-600"
            >
              <input
                type="radio"
                name="role"
                value={value}
                checked={role === value}
                onChange={() => setRole(value)}
              />
              {value === "buyer" ? "I want to buy" : "I want to sell"}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        key={k("name")}
        label="Name"
        name="name"
        autoComplete="name"
        required
        defaultValue={values.name}
        errors={errors.name}
      />
      <Field
        key={k("email")}
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values.email}
        errors={errors.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        errors={errors.password}
        hint="At least 10 characters."
      />
      {role === "seller" ? (
        <>
          <Field
            key={k("businessName")}
            label="Shop name"
            name="businessName"
            required
            defaultValue={values.businessName}
            errors={errors.businessName}
          />
          <div className="space-y-1">
            <label htmlFor="field-country" className="block text-sm font-medium text-slate-700">
              Country
            </label>
            <select
              key={k("country")}
              id="field-country"
              name="country"
              defaultValue={values.country ?? "US"}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            >
              <option value="US">United States</option>
              <option value="GB">United Kingdom</option>
              <option value="FR">France</option>
              <option value="DE">Germany</option>
              <option value="CA">Canada</option>
              <option value="AU">Australia</option>
            </select>
          </div>
        </>
      ) : null}
      <Button type="submit" pending={pending} className="w-full">
        Create account
      </Button>
    </form>
  );
}
