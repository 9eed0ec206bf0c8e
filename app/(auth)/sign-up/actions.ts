"use server";

import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { reserveSignUpAttempt } from "@/lib/auth-throttle";
import { clientIp, waitText } from "@/lib/security/throttle";
import { validatedAction, type ActionState } from "@/lib/actions";
import { signUpSchema, signUpUser } from "@/lib/users/sign-up";

const signUp = validatedAction(
  { schema: signUpSchema, roles: null, surface: "sign_up" },
  async (input): Promise<ActionState> => {
    // Every well-formed attempt counts, a taken email included (it tells whether an account exists).
    const verdict = await reserveSignUpAttempt({ ip: clientIp(await headers()) });
    if (!verdict.ok) {
      return {
        ok: false,
        message: `Too many sign-up attempts from your network. Try again in ${waitText(verdict.retryAfterSeconds)}.`,
      };
    }
    const user = await signUpUser(input);
    await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirectTo: user.role === "seller" ? "/dashboard" : "/shop",
    });
    return { ok: true };
  },
);

/** What the form shows again after a refusal (never the password). */
export type SignUpValues = Partial<Record<"name" | "email" | "businessName" | "country", string>>;
export type SignUpState = ActionState & { values?: SignUpValues };

export async function signUpAction(prev: SignUpState | undefined, formData: FormData): Promise<SignUpState> {
  const state = await signUp(prev, formData);
  const values: SignUpValues = {};
  for (const key of ["name", "email", "businessName", "country"] as const) {
    const value = formData.get(key);
    if (typeof value === "string") values[key] = value.slice(0, 254);
  }
  return { ...state, values };
}
