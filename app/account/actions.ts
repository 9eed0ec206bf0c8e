"use server";

import { validatedAction, type ActionState } from "@/lib/actions";
import { signIn } from "@/lib/auth";
import { changePassword, changePasswordSchema } from "@/lib/users/change-password";

/** The password form on /account. Passwords are never sent back to the form. */
export const changePasswordAction = validatedAction(
  { schema: changePasswordSchema, roles: ["buyer", "seller", "admin"], surface: "password_change" },
  async (input, user): Promise<ActionState> => {
    const { email } = await changePassword(user, input);
    // Every session ended with the change, this one too: sign in again with the new password here.
    await signIn("credentials", { email, password: input.newPassword, redirectTo: "/account?changed=1" });
    return { ok: true };
  },
);
