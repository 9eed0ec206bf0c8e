"use server";

import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { reserveSignUpAttempt } from "@/lib/auth-throttle";
import { clientIp, waitText } from "@/lib/security/throttle";
import type { SignUpState, SignUpValues } from "@/components/auth/sign-up-form";
import { validatedAction } from "@/lib/actions";
import { signUpSchema, signUpUser } from "@/lib/users/sign-up";

function typedValues(raw: Record<string, unknown>): SignUpValues {
  const values: SignUpValues = {};
  for (const key of ["name", "email", "businessName", "country"] as const) {
    const value = raw[key];
    if (typeof value === "string") values[key] = value.slice(0, 254);
  }
  return values;
}

export const signUpAction = validatedAction(
  { schema: signUpSchema, roles: null, surface: "sign_up", refusal: (raw) => ({ values: typedValues(raw) }) },
  async (input): Promise<SignUpState> => {
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
