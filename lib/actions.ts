import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { currentUser, requireRole } from "@/lib/auth";
import type { UserWithRole } from "@/lib/guards";
import type { User, UserRole } from "@/db/schema";
import { fieldErrorsOf, isAppError, publicMessage } from "@/lib/errors";

/** What every server action returns to `useActionState`. */
export interface ActionState<T = undefined> {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  data?: T;
}

/**
 * The form's fields by name. Files stay `File`s, for the schemas that accept one (`z.instanceof(File)`);
 * a file sent where a schema wants text fails that schema.
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue; // Next's own bookkeeping fields
    // An own property even for a field named `__proto__`: assigning it would swap the object's prototype.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The caller an action's `roles` let in: typed by those roles, or anyone (null when signed out). */
export type ActionUser<R extends readonly UserRole[] | null> = R extends readonly (infer Q extends UserRole)[]
  ? UserWithRole<Q>
  : User | null;

/** A server action as `useActionState` calls it; a button without a form may call it with nothing. */
export type Action<State> = (prev?: State, formData?: FormData | Record<string, unknown>) => Promise<State>;

const FIELDS_MESSAGE = "Please correct the highlighted fields.";

/**
 * The one way to build a server action: `export const xAction = validatedAction({...}, run)` in the
 * route's actions.ts. It reads the user from the session (database-backed) and checks the role once
 * (`run` gets the user typed by `roles`, e.g. an `Admin`), parses the input once with `schema`, and
 * turns every refusal into a typed state instead of throwing at the form. `roles: null` allows anonymous
 * callers (e.g. guest checkout), `user` is then null. revalidatePath/redirect() belong at the end of `run`
 * (redirect is control flow and passes through).
 *
 * - `refusal`: what a refusal hands back beyond ok/message/fieldErrors, from the submitted fields (the
 *   values as typed, so the form keeps them). It is laid under every refusal, the wrapper's and those
 *   `run` returns (`ok: false`), whose own fields win.
 * - `fieldsMessage`: the form-level line of every refusal that names fields (the reasons stand next to
 *   their fields); without it an error thrown with field errors keeps its own message.
 */
export function validatedAction<
  S extends z.ZodType,
  const R extends readonly UserRole[] | null,
  State extends ActionState<unknown> = ActionState,
>(
  options: {
    schema: S;
    roles: R;
    surface: string;
    refusal?: (raw: Record<string, unknown>) => Omit<State, keyof ActionState<unknown>>;
    fieldsMessage?: string;
  },
  run: (input: z.infer<S>, user: ActionUser<R>) => Promise<State>,
): Action<State> {
  return async (_prev, formData = {}) => {
    const raw = formData instanceof FormData ? formDataToObject(formData) : formData;
    // The one place a refusal is shaped; `refusal` supplies the state's own fields (see above).
    const refused = (message: string, fieldErrors?: ActionState["fieldErrors"]) =>
      ({ ...options.refusal?.(raw), ok: false, message, fieldErrors }) as State;
    try {
      const user = await currentUser();
      const caller = options.roles ? requireRole(user, options.roles, options.surface) : user;
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) {
        return refused(options.fieldsMessage ?? FIELDS_MESSAGE, fieldErrorsOf(parsed.error));
      }
      const state = await run(parsed.data, caller as ActionUser<R>);
      return state.ok === false && options.refusal ? { ...options.refusal(raw), ...state } : state;
    } catch (error) {
      unstable_rethrow(error); // redirect()/notFound() are control flow, not failures
      if (!isAppError(error)) console.error(`[action ${options.surface}]`, error);
      const fieldErrors = isAppError(error) ? error.fieldErrors : undefined;
      const message = fieldErrors && options.fieldsMessage ? options.fieldsMessage : publicMessage(error);
      return refused(message, fieldErrors);
    }
  };
}
