import type { InputHTMLAttributes } from "react";
import { Field } from "@/components/ui/field";

/**
 * Where the receipt goes, on every way to pay: the buyer's known email, or (a guest) an Email field.
 * The field's other attributes (value and onChange, required) are the form's own.
 */
export function ReceiptEmail({
  email,
  errors,
  ...input
}: { email: string | null; errors?: string[] } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "name" | "type" | "children"
>) {
  if (email)
    return (
      <p className="text-sm text-slate-600">
        Receipt will be sent to <span className="font-medium text-slate-900">{email}</span>.
      </p>
    );
  return (
    <Field
      label="Email"
      name="email"
      type="email"
      autoComplete="email"
      errors={errors}
      hint="We send your receipt here."
      {...input}
    />
  );
}
