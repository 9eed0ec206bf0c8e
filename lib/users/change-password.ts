import "server-only";
import { z } from "zod";
import { setUserPassword } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hashPassword, newPasswordField, verifyPassword } from "@/lib/password";
import { countHit, waitText } from "@/lib/security/throttle";

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, "Enter your current password.")
      .max(200, "That is not your current password."),
    newPassword: newPasswordField,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ.",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from your current one.",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Wrong current passwords per user per 15 minutes: a borrowed session cannot guess its way to the password. */
export const PASSWORD_CHANGE_LIMIT = { windowMs: 15 * 60 * 1000, perUser: 10 } as const;

/**
 * Changes the signed-in user's password after checking the current one, and ends every session of the
 * user, this one included (the session version moves on): a thief holding an old session cookie is out.
 * The caller signs the user in again with the new password. Every attempt counts against the limit (a
 * success gives nothing back: ten changes in 15 minutes is plenty). `row` is the signed-in user as the
 * action's session check just read it from the database, so it is not read again here.
 */
export async function changePassword(row: User, input: ChangePasswordInput): Promise<{ email: string }> {
  if (!row.passwordHash) {
    throw new AppError(
      "conflict:password_change",
      "Your account signs in with GitHub: it has no password to change.",
    );
  }
  const verdict = await countHit(
    `password-change:${row.id}`,
    PASSWORD_CHANGE_LIMIT.windowMs,
    PASSWORD_CHANGE_LIMIT.perUser,
  );
  if (!verdict.ok) {
    throw new AppError(
      "rate_limited:password_change",
      `Too many attempts. Your password was not changed. Try again in ${waitText(verdict.retryAfterSeconds)}.`,
    );
  }
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new AppError(
      "bad_request:password_change",
      "Your password was not changed. Please correct the highlighted fields.",
      {
        fieldErrors: { currentPassword: ["That is not your current password."] },
      },
    );
  }
  await setUserPassword({ id: row.id, passwordHash: await hashPassword(input.newPassword) });
  return { email: row.email };
}
