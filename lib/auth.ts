import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { getToken } from "next-auth/jwt";
import { forbidden, redirect } from "next/navigation";
import { z } from "zod";
import {
  countRecentFailedLogins,
  getUserByEmail,
  getUserById,
  insertUser,
  recordLoginAttempt,
} from "@/db/queries/users";
import type { User, UserRole } from "@/db/schema";
import { authConfig } from "@/lib/auth.config";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/password";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_MAX_FAILURES = 10;

class InvalidLogin extends CredentialsSignin {
  code = "invalid_credentials";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

/**
 * Checks an email + password. Refuses (without even checking the password) once an email has
 * LOGIN_MAX_FAILURES failures inside LOGIN_WINDOW_MS, so guessing is slowed to a crawl.
 */
export async function authorizeCredentials(input: unknown): Promise<User> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new InvalidLogin();
  const { email, password } = parsed.data;
  const failures = await countRecentFailedLogins({ email, since: new Date(Date.now() - LOGIN_WINDOW_MS) });
  if (failures >= LOGIN_MAX_FAILURES) throw new RateLimited();
  const user = await getUserByEmail({ email });
  const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : false;
  await recordLoginAttempt({ email, succeeded: ok });
  if (!user || !ok) throw new InvalidLogin();
  return user;
}

const providers = [
  Credentials({
    credentials: { email: { type: "email" }, password: { type: "password" } },
    async authorize(credentials) {
      const user = await authorizeCredentials(credentials);
      return { id: user.id, email: user.email, name: user.name, role: user.role };
    },
  }),
  ...(env.githubAuthEnabled ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })] : []),
];

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: env.authSecret,
  providers,
  callbacks: {
    ...authConfig.callbacks,
    async jwt({ token, user, account }) {
      // OAuth sign-ins (GitHub) become buyers; a role is never taken from the provider.
      if (account?.provider === "github" && user?.email) {
        const existing =
          (await getUserByEmail({ email: user.email })) ??
          (await insertUser({ email: user.email, name: user.name ?? user.email, passwordHash: null, role: "buyer" }));
        if (existing) {
          token.id = existing.id;
          token.role = existing.role;
        }
        return token;
      }
      return authConfig.callbacks.jwt({ token, user });
    },
  },
});

/* ---------- Server-side guards: the database, not the token, decides the role. ---------- */

/** The signed-in user of the current page or server action, read fresh from the database. */
export async function currentUser(): Promise<User | null> {
  const session = await auth();
  const id = session?.user?.id;
  return id ? ((await getUserById({ id })) ?? null) : null;
}

/** The signed-in user of a route handler's request (reads the session cookie of that request). */
export async function requestUser(req: Request): Promise<User | null> {
  const secureCookie = new URL(req.url).protocol === "https:";
  const token = await getToken({ req, secret: env.authSecret, secureCookie });
  const id = typeof token?.id === "string" ? token.id : undefined;
  return id ? ((await getUserById({ id })) ?? null) : null;
}

export { requireRole, requireUser } from "@/lib/guards";

/** For pages: anonymous → sign-in (coming back here), wrong role → the 403 page. */
export async function pageUser(roles?: UserRole | UserRole[], callbackUrl = "/"): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (roles) {
    const allowed = Array.isArray(roles) ? roles : [roles];
    if (!allowed.includes(user.role)) forbidden();
  }
  return user;
}
