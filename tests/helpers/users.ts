import { randomUUID } from "node:crypto";
import { insertUser } from "@/db/queries/users";
import type { User, UserRole } from "@/db/schema";
import type { UserWithRole } from "@/lib/guards";

/**
 * Creates a user with a unique email. Tests never assume an empty database: the PostgreSQL server run
 * shares one database between test files running in parallel.
 */
export async function createTestUser<const R extends UserRole>(
  role: R,
  overrides: Partial<User> = {},
): Promise<UserWithRole<R>> {
  const tag = randomUUID().slice(0, 8);
  const user = await insertUser({
    email: overrides.email ?? `${role}-${tag}@test.example`,
    name: overrides.name ?? `${role} ${tag}`,
    // Not a real hash: these users sign in through sessionCookie(), never with a password.
    passwordHash: null,
    role,
    country: overrides.country ?? "US",
    businessName: role === "seller" ? (overrides.businessName ?? `Shop ${tag}`) : null,
  });
  if (!user) throw new Error("test user not created");
  return user as UserWithRole<R>;
}

/** The five callers every protected route and action is tested against. */
export async function createCallers() {
  return {
    anonymous: null,
    buyer: await createTestUser("buyer"),
    sellerA: await createTestUser("seller"),
    sellerB: await createTestUser("seller"),
    admin: await createTestUser("admin"),
  };
}
