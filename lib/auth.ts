import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { getToken, type JWT } from "next-auth/jwt";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { z } from "zod";
import {
  bumpSessionVersion,
  getSessionVersion,
  getUserByEmail,
  getUserById,
  normalizeEmail,
  recordLoginAttempt,
} from "@/db/queries/users";
import type { User, UserRole } from "@/db/schema";
import { authConfig } from "@/lib/auth.config";
import { requireRole, type UserWithRole } from "@/lib/guards";
import { isKnownDevice, knownDevicesFromCookieHeader, reserveSignInAttempt } from "@/lib/auth-throttle";
import { clientIp, UNKNOWN_IP } from "@/lib/security/throttle";
import { env } from "@/lib/env";
import { secureCookieFor } from "@/lib/http";
import { adoptCartOnSignIn, rememberDevice } from "@/lib/sign-in-effects";
import { verifyPassword } from "@/lib/password";
import {
  gitHubIdentityFromProfile,
  signInWithGitHub,
  verifiedPrimaryEmail,
} from "@/lib/users/github-sign-in";

class InvalidLogin extends CredentialsSignin {
  code = "invalid_credentials";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

/**
 * A bcrypt hash of a random password nobody knows, with the cost of lib/password.ts (10): an email with
 * no password (unknown, or a GitHub-only buyer) is checked against it, so a refusal takes as long as for
 * a real account and the timing does not tell which emails exist.
 */
export const DUMMY_PASSWORD_HASH = "$2b$10$WS7yOsu0NnPVyckru2tMGu0LsFIzznJjevnJs9dGm8RFS9f6k7776";

/** Where a sign-in comes from: the client address and the known-device marks its browser holds. */
export interface SignInContext {
  ip: string;
  knownDevices: string[];
}

export function signInContext(requestHeaders: Headers): SignInContext {
  return {
    ip: clientIp(requestHeaders),
    knownDevices: knownDevicesFromCookieHeader(requestHeaders.get("cookie")),
  };
}

/**
 * Checks an email + password. Before the password is checked, the attempt is counted against the
 * per-address, per-(email, address) and per-email limits (lib/auth-throttle.ts) in the database;
 * over a limit it is refused with RateLimited (how long to wait) without looking at the password.
 * Every attempt that gets through runs exactly one bcrypt comparison, against a dummy hash when the
 * email has no password, and is recorded in login_attempts.
 */
export async function authorizeCredentials(
  input: unknown,
  context: SignInContext = { ip: UNKNOWN_IP, knownDevices: [] },
): Promise<User> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new InvalidLogin();
  const { password } = parsed.data;
  const email = normalizeEmail(parsed.data.email);
  const reservation = await reserveSignInAttempt({
    email,
    ip: context.ip,
    knownDevice: isKnownDevice(context.knownDevices, email),
  });
  if (!reservation.ok) throw new RateLimited(reservation.retryAfterSeconds);
  const user = await getUserByEmail({ email });
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  const ok = matches && Boolean(user?.passwordHash);
  await recordLoginAttempt({ email, succeeded: ok, ip: context.ip });
  await reservation.settle?.(ok);
  if (!user || !ok) throw new InvalidLogin();
  return user;
}

const credentialsProvider = Credentials({
  credentials: { email: { type: "email" }, password: { type: "password" } },
  async authorize(credentials, request) {
    const user = await authorizeCredentials(credentials, signInContext(request.headers));
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      sessionVersion: user.sessionVersion,
    };
  },
});

const GITHUB_API = "https://api.github.com";

/**
 * GitHub's `/user` carries a public email with no word on verification, so the profile is completed
 * from `/user/emails` (the provider's default `user:email` scope): `email` becomes the primary address
 * only when GitHub verified it, and `email_verified` says so.
 */
async function gitHubProfile({ tokens }: { tokens: { access_token?: string } }) {
  const headers = {
    Authorization: `Bearer ${tokens.access_token ?? ""}`,
    Accept: "application/vnd.github+json",
    "User-Agent": "marketplace",
  };
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
  const github =
    clientId && clientSecret
      ? [GitHub({ clientId, clientSecret, userinfo: { request: gitHubProfile } })]
      : [];
  return [credentialsProvider, ...github];
}

/* ---------- Sessions that end: users.session_version, carried by every token as `sv`. ---------- */

/** The session version a token was issued under (tokens from before versions existed count as 0), or null if malformed. */
export function sessionVersionOf(token: JWT): number | null {
  if (token.sv === undefined) return 0;
  return Number.isInteger(token.sv) ? token.sv : null;
}

/**
 * The user a session token stands for, or null: no token, no such user, or a token issued under an
 * older session version (the user signed out, changed password or role since). This is the one check
 * every page, server action and route handler goes through (currentUser / requestUser), and it costs
 * nothing extra: it compares a column of the row those already read by primary key.
 */
export async function userForToken(token: JWT | null): Promise<User | null> {
  const id = typeof token?.id === "string" ? token.id : undefined;
  if (!token || !id) return null;
  const user = await getUserById({ id });
  return user && user.sessionVersion === sessionVersionOf(token) ? user : null;
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
        // What a guest put in the cart joins the account, as at a password sign-in (events.signIn).
        await adoptCartOnSignIn(result.user.id);
        token.id = result.user.id;
        token.sub = result.user.id;
        token.role = result.user.role;
        token.sv = result.user.sessionVersion;
        return token;
      }
      if (user) return authConfig.callbacks.jwt({ token, user });
      // A later read of the session through Auth.js (GET /api/auth/session, auth()): a token of an
      // ended session is dropped, and Auth.js clears its cookie. One primary-key read.
      const id = typeof token.id === "string" ? token.id : undefined;
      const current = id ? await getSessionVersion({ id }) : undefined;
      return current !== undefined && current === sessionVersionOf(token) ? token : null;
    },
  },
  events: {
    async signIn({ user, account }) {
      if (account?.provider === "credentials" && user.email) await rememberDevice(user.email);
      // What a guest put in the cart before signing in joins the user's cart (GitHub: in jwt, where our
      // user id is known; Auth.js's `user` here is GitHub's).
      if (account?.provider === "credentials" && user.id) await adoptCartOnSignIn(user.id);
    },
    // Sign-out ends the session on the server: the version moves on, so every copy of this token (and
    // every other session of the user) is refused from now on. A token that is already dead moves nothing.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      const id = typeof token?.id === "string" ? token.id : undefined;
      const from = token ? sessionVersionOf(token) : null;
      if (id && from !== null) await bumpSessionVersion({ id, from });
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authOptions);

/* ---------- Server-side guards: the database, not the token, decides the role. ---------- */

/**
 * The signed-in user of the current page or server action, read fresh from the database. It reads the
 * session cookie itself rather than through auth(), whose callbacks would cost a second read of the
 * same row; the cookie is chosen and decoded exactly as auth() does.
 */
export async function currentUser(): Promise<User | null> {
  const requestHeaders = await headers();
  const token = await getToken({
    req: { headers: new Headers({ cookie: requestHeaders.get("cookie") ?? "" }) },
    secret: env.authSecret,
    secureCookie: secureCookieFor(requestHeaders),
  });
  return userForToken(token);
}

/** The signed-in user of a route handler's request (reads the session cookie of that request). */
export async function requestUser(req: Request): Promise<User | null> {
  const secureCookie = new URL(req.url).protocol === "https:";
  return userForToken(await getToken({ req, secret: env.authSecret, secureCookie }));
}

export { requireRole } from "@/lib/guards";

/**
 * For route handlers: the request's user, checked once against `roles` (401 anonymous, 403 wrong role,
 * as AppErrors the route answers with) and typed by them, e.g. a `Seller` for lib/connect.
 */
export async function routeUser<const R extends UserRole>(
  req: Request,
  roles: R | readonly R[],
  surface: string,
): Promise<UserWithRole<R>> {
  return requireRole(await requestUser(req), roles, surface);
}

/** For pages: anonymous → sign-in (coming back here), wrong role → the 403 page. */
export async function pageUser<const R extends UserRole = UserRole>(
  roles?: R | readonly R[],
  callbackUrl = "/",
): Promise<UserWithRole<R>> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (roles) {
    const allowed: readonly UserRole[] = typeof roles === "string" ? [roles] : roles;
    if (!allowed.includes(user.role)) forbidden();
  }
  return user as UserWithRole<R>;
}
