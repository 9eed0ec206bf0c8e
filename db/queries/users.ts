import { and, count, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { loginAttempts, users, type User, type UserRole } from "@/db/schema";

/** A seller's shop name: their business name, else their own name (the one rule, in SQL). */
export const shopName = sql<string>`coalesce(${users.businessName}, ${users.name})`;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserById({ id }: { id: string }, ex: Executor = db): Promise<User | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function getUserByEmail(
  { email }: { email: string },
  ex: Executor = db,
): Promise<User | undefined> {
  const [row] = await ex
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row;
}

export type NewUser = Pick<
  typeof users.$inferInsert,
  "email" | "name" | "passwordHash" | "role" | "country" | "businessName"
>;

/** Inserts a user; returns undefined when the email is taken (unique constraint, race-safe). */
export async function insertUser(input: NewUser, ex: Executor = db): Promise<User | undefined> {
  const [row] = await ex
    .insert(users)
    .values({ ...input, email: normalizeEmail(input.email) })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row;
}

/** Changes a role. A real change ends the user's sessions (their tokens carry the old session version). */
export async function setUserRole(
  { id, role }: { id: string; role: UserRole },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(users)
    .set({
      role,
      // Both expressions read the row as it was before this update.
      sessionVersion: sql`case when ${users.role} <> ${role} then ${users.sessionVersion} + 1 else ${users.sessionVersion} end`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, id));
}

/** Sets a new password and ends every session of the user. */
export async function setUserPassword(
  { id, passwordHash }: { id: string; passwordHash: string },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, id));
}

/** The session version a token must carry to be accepted (one primary-key read), or undefined: no such user. */
export async function getSessionVersion(
  { id }: { id: string },
  ex: Executor = db,
): Promise<number | undefined> {
  const [row] = await ex.select({ v: users.sessionVersion }).from(users).where(eq(users.id, id)).limit(1);
  return row?.v;
}

/**
 * Ends every session of a user by moving their session version on, but only from `from` (the version of
 * the token asking): a token that is already dead cannot end the sessions that replaced it.
 * Returns the new version, or undefined when nothing changed.
 */
export async function bumpSessionVersion(
  { id, from }: { id: string; from: number },
  ex: Executor = db,
): Promise<number | undefined> {
  const [row] = await ex
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, id), eq(users.sessionVersion, from)))
    .returning({ v: users.sessionVersion });
  return row?.v;
}

/** The audit trail of sign-ins that reached the password check. */
export async function recordLoginAttempt({
  email,
  succeeded,
  ip = null,
}: {
  email: string;
  succeeded: boolean;
  ip?: string | null;
}) {
  await db.insert(loginAttempts).values({ email: normalizeEmail(email), succeeded, ip });
}

export async function countUsers(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}
