import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { currentUser, requireRole } from "@/lib/auth";
import type { User, UserRole } from "@/db/schema";
import { fieldErrorsOf, isAppError, publicMessage } from "@/lib/errors";

/** What every server action returns to `useActionState`. */
export interface ActionState<T = undefined> {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  data?: T;
}

export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue; // Next's own bookkeeping fields
    out[key] = typeof value === "string" ? value : value.name;
  }
  return out;
}

/**
 * The one wrapper for server actions: reads the user from the session (database-backed), checks the
 * role, validates input with zod, and turns errors into a typed state instead of throwing at the form.
 * `roles: null` allows anonymous callers (e.g. guest checkout), `user` is then null.
 */
export function validatedAction<S extends z.ZodType, T>(
  options: { schema: S; roles: UserRole[] | null; surface: string },
  run: (input: z.infer<S>, user: User | null) => Promise<ActionState<T>>,
) {
  return async (
    _prev: ActionState<T> | undefined,
    formData: FormData | Record<string, unknown>,
  ): Promise<ActionState<T>> => {
    try {
      const user = await currentUser();
      if (options.roles) requireRole(user, options.roles, options.surface);
      const raw = formData instanceof FormData ? formDataToObject(formData) : formData;
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) {
        return {
          ok: false,
          fieldErrors: fieldErrorsOf(parsed.error),
          message: "Please correct the highlighted fields.",
        };
      }
      return await run(parsed.data, user);
    } catch (error) {
      unstable_rethrow(error); // redirect()/notFound() are control flow, not failures
      if (!isAppError(error)) console.error(`[action ${options.surface}]`, error);
      return {
        ok: false,
        message: publicMessage(error),
        fieldErrors: isAppError(error) ? error.fieldErrors : undefined,
      };
    }
  };
}
