import { and, count, eq, gte } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { loginAttempts, users, type User, type UserRole } from "@/db/schema";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserById({ id }: { id: string }, ex: Executor = db): Promise<User | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function getUserByEmail({ email }: { email: string }, ex: Executor = db): Promise<User | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.email, normalizeEmail(email))).limit(1);
  return row;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string | null;
  role: UserRole;
  country?: string;
  businessName?: string | null;
}

/** Inserts a user; returns undefined when the email is taken (unique constraint, race-safe). */
export async function insertUser(input: NewUser, ex: Executor = db): Promise<User | undefined> {
  const [row] = await ex
    .insert(users)
    .values({ ...input, email: normalizeEmail(input.email) })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row;
}

export async function setUserRole({ id, role }: { id: string; role: UserRole }, ex: Executor = db): Promise<void> {
  await ex.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, id));
}

export async function setUserPassword({ id, passwordHash }: { id: string; passwordHash: string }): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id));
}

export async function recordLoginAttempt({ email, succeeded }: { email: string; succeeded: boolean }) {
  await db.insert(loginAttempts).values({ email: normalizeEmail(email), succeeded });
}

export async function countRecentFailedLogins({ email, since }: { email: string; since: Date }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, normalizeEmail(email)),
        eq(loginAttempts.succeeded, false),
        gte(loginAttempts.createdAt, since),
      ),
    );
  return row?.n ?? 0;
}

export async function countUsers(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}
