"use server";

import { signIn } from "@/lib/auth";
import { validatedAction } from "@/lib/actions";
import { signUpSchema, signUpUser } from "@/lib/users/sign-up";

export const signUpAction = validatedAction(
  { schema: signUpSchema, roles: null, surface: "sign_up" },
  async (input) => {
    const user = await signUpUser(input);
    await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirectTo: user.role === "seller" ? "/dashboard" : "/shop",
    });
    return { ok: true };
  },
);
