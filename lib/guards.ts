import type { User, UserRole } from "@/db/schema";
import { AppError } from "@/lib/errors";

/*
 * Role checks without next-auth: lib/auth re-exports them for the app, and code that also runs in plain
 * Node (the seed creates seller accounts through lib/connect) imports them from here.
 */

/** Throws 401 for anonymous callers and 403 for the wrong role. `surface` names the feature in the code. */
export function requireRole(user: User | null, roles: UserRole | UserRole[], surface = "action"): User {
  if (!user) throw new AppError(`unauthorized:${surface}`, "Please sign in first.");
  const allowed = Array.isArray(roles) ? roles : [roles];
  if (!allowed.includes(user.role)) {
    throw new AppError(`forbidden:${surface}`, "Your account is not allowed to do this.");
  }
  return user;
}

export function requireUser(user: User | null, surface = "action"): User {
  if (!user) throw new AppError(`unauthorized:${surface}`, "Please sign in first.");
  return user;
}
