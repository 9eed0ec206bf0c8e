import type { User, UserRole } from "@/db/schema";
import { AppError } from "@/lib/errors";

/*
 * Role checks without next-auth: lib/auth re-exports them for the app, and code that also runs in plain
 * Node (the seed creates seller accounts through lib/connect) imports them from here.
 *
 * A guard returns the user narrowed to the role it checked, so a lib/ function that takes an `Admin`
 * or a `Seller` needs no check of its own: the type proves the caller went through the guard.
 */

export type UserWithRole<R extends UserRole> = User & { role: R };
export type Admin = UserWithRole<"admin">;
export type Seller = UserWithRole<"seller">;

/** Throws 401 for anonymous callers and 403 for the wrong role. `surface` names the feature in the code. */
export function requireRole<const R extends UserRole>(
  user: User | null,
  roles: R | readonly R[],
  surface = "action",
): UserWithRole<R> {
  const signedIn = requireUser(user, surface);
  const allowed: readonly UserRole[] = typeof roles === "string" ? [roles] : roles;
  if (!allowed.includes(signedIn.role)) {
    throw new AppError(`forbidden:${surface}`, "Your account is not allowed to do this.");
  }
  return signedIn as UserWithRole<R>;
}

export function requireUser(user: User | null, surface = "action"): User {
  if (!user) throw new AppError(`unauthorized:${surface}`, "Please sign in first.");
  return user;
}
