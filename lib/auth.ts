import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { getToken } from "next-auth/jwt";
import { forbidden, redirect } from "next/navigation";
import { z } from "zod";
import { countRecentFailedLogins, getUserByEmail, getUserById, recordLoginAttempt } from "@/db/queries/users";
import type { User, UserRole } from "@/db/schema";
import { authConfig } from "@/lib/auth.config";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/password";
import { gitHubIdentityFromProfile, signInWithGitHub, verifiedPrimaryEmail } from "@/lib/users/github-sign-in";

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

const credentialsProvider = Credentials({
  credentials: { email: { type: "email" }, password: { type: "password" } },
  async authorize(credentials) {
    const user = await authorizeCredentials(credentials);
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  },
});

const GITHUB_API = "https://api.github.com";

/**
 * GitHub's `/user` carries a public email with no word on verification, so the profile is completed
 * from `/user/emails` (the provider's default `user:email` scope): `email` becomes the primary address
 * only when GitHub verified it, and `email_verified` says so.
 */
async function gitHubProfile({ tokens }: { tokens: { access_token?: string } }) {
  const headers = { Authorization: `Bearer ${tokens.access_token ?? ""}`, Accept: "application/vnd.github+json", "User-Agent": "marketplace" };
  const [userRes, emailsRes] = await Promise.all([
    fetch(`${GITHUB_API}/user`, { headers }),
    fetch(`${GITHUB_API}/user/emails`, { headers }),
  ]);
  if (!userRes.ok) throw new Error(`GitHub /user answered ${userRes.status}`);
  const profile = (await userRes.json()) as Record<string, unknown>;
  const email = emailsRes.ok ? verifiedPrimaryEmail(await emailsRes.json()) : null;
  return { ...profile, email, email_verified: email !== null };
}

/** The sign-in providers for a configuration: GitHub only when both of its variables are set. */
export function authProviders(vars: { AUTH_GITHUB_ID?: string; AUTH_GITHUB_SECRET?: string }) {
  const { AUTH_GITHUB_ID: clientId, AUTH_GITHUB_SECRET: clientSecret } = vars;
  const github = clientId && clientSecret ? [GitHub({ clientId, clientSecret, userinfo: { request: gitHubProfile } })] : [];
  return [credentialsProvider, ...github];
}

export const authOptions = {
  ...authConfig,
  secret: env.authSecret,
  providers: authProviders(env),
  callbacks: {
    ...authConfig.callbacks,
    // A GitHub login may create a buyer or reuse the buyer an earlier GitHub login made, nothing else
    // (see lib/users/github-sign-in.ts); refusals go back to the sign-in page with a reason.
    async signIn({ account, profile }) {
      if (account?.provider !== "github") return true;
      const result = await signInWithGitHub(gitHubIdentityFromProfile(profile));
      return result.ok ? true : `/sign-in?error=${result.reason}`;
    },
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "github") {
        // The role comes from our row, never from the provider.
        const result = await signInWithGitHub(gitHubIdentityFromProfile(profile));
        if (!result.ok) return null;
        token.id = result.user.id;
        token.sub = result.user.id;
        token.role = result.user.role;
        return token;
      }
      return authConfig.callbacks.jwt({ token, user });
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authOptions);

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
