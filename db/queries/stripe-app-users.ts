import { asc, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { stripeAppUsers, users, type StripeAppUser, type User } from "@/db/schema";

/* Which Stripe Dashboard user acts as which marketplace user (lib/stripe-app). */

/** The marketplace user a Dashboard user is linked to (any role: the caller checks it is an admin). */
export async function findUserByDashboardUser(
  { dashboardUserId }: { dashboardUserId: string },
  ex: Executor = db,
): Promise<User | undefined> {
  const [row] = await ex
    .select({ user: users })
    .from(stripeAppUsers)
    .innerJoin(users, eq(users.id, stripeAppUsers.userId))
    .where(eq(stripeAppUsers.dashboardUserId, dashboardUserId))
    .limit(1);
  return row?.user;
}

/** Links a Dashboard user to `userId`; undefined when it is already linked (to anyone). */
export async function insertDashboardUser(
  { dashboardUserId, userId }: { dashboardUserId: string; userId: string },
  ex: Executor = db,
): Promise<StripeAppUser | undefined> {
  const [row] = await ex
    .insert(stripeAppUsers)
    .values({ dashboardUserId, userId })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** Removes the link; undefined when there was none. */
export async function deleteDashboardUser(
  { dashboardUserId }: { dashboardUserId: string },
  ex: Executor = db,
): Promise<StripeAppUser | undefined> {
  const [row] = await ex
    .delete(stripeAppUsers)
    .where(eq(stripeAppUsers.dashboardUserId, dashboardUserId))
    .returning();
  return row;
}

export interface DashboardUserLink extends StripeAppUser {
  email: string;
  role: User["role"];
}

export async function listDashboardUsers(ex: Executor = db): Promise<DashboardUserLink[]> {
  const rows = await ex
    .select({ link: stripeAppUsers, email: users.email, role: users.role })
    .from(stripeAppUsers)
    .innerJoin(users, eq(users.id, stripeAppUsers.userId))
    .orderBy(asc(users.email), asc(stripeAppUsers.dashboardUserId));
  return rows.map((r) => ({ ...r.link, email: r.email, role: r.role }));
}
