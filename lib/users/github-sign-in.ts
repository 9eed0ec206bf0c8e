import { z } from "zod";
import { getUserByEmail, insertUser } from "@/db/queries/users";
import type { User } from "@/db/schema";

/*
 * GitHub sign-in. Our users table has no record of which GitHub account owns a row, so the email is the
 * only link — and an email is only proof of identity when GitHub says it verified it. Even then, a
 * GitHub login never takes over an account that was set up another way: a row with a password, or any
 * seller/admin row, belongs to whoever set it up (the admin row of `npm run admin:create` in particular).
 * The only row a GitHub login may reuse is a password-less buyer: the one an earlier GitHub sign-in made.
 */

/** What we take from GitHub: its primary address and whether GitHub verified it. */
export interface GitHubIdentity {
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export type GitHubRefusal = "github_unverified_email" | "github_account_exists";

type LinkableRow = Pick<User, "id" | "role" | "passwordHash">;

export type GitHubDecision<U extends LinkableRow = LinkableRow> =
  | { action: "create"; email: string }
  | { action: "sign_in"; user: U }
  | { action: "refuse"; reason: GitHubRefusal };

/** Pure: what a GitHub sign-in with this identity may do, given the row that already has that email. */
export function decideGitHubSignIn<U extends LinkableRow>(
  identity: Pick<GitHubIdentity, "email" | "emailVerified">,
  existing: U | undefined,
): GitHubDecision<U> {
  if (!identity.email || !identity.emailVerified)
    return { action: "refuse", reason: "github_unverified_email" };
  if (!existing) return { action: "create", email: identity.email };
  if (existing.passwordHash !== null || existing.role !== "buyer") {
    return { action: "refuse", reason: "github_account_exists" };
  }
  return { action: "sign_in", user: existing };
}

const gitHubEmailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }).loose(),
);

/**
 * Pure: the verified primary address from GitHub's `GET /user/emails` answer, or null. The public
 * `email` of `GET /user` says nothing about verification, so it is never used on its own.
 */
export function verifiedPrimaryEmail(emails: unknown): string | null {
  const parsed = gitHubEmailsSchema.safeParse(emails);
  if (!parsed.success) return null;
  const primary = parsed.data.find((e) => e.primary);
  return primary?.verified ? (z.email().safeParse(primary.email).data ?? null) : null;
}

/** Reads the identity our GitHub userinfo request (lib/auth.ts) put on the OAuth profile. */
export function gitHubIdentityFromProfile(profile: unknown): GitHubIdentity {
  const p = (profile ?? {}) as { email?: unknown; email_verified?: unknown; name?: unknown; login?: unknown };
  const email = typeof p.email === "string" && p.email.length > 0 ? p.email : null;
  const name = typeof p.name === "string" && p.name ? p.name : typeof p.login === "string" ? p.login : null;
  return { email, emailVerified: p.email_verified === true, name };
}

export type GitHubSignInResult = { ok: true; user: User } | { ok: false; reason: GitHubRefusal };

/**
 * Finds or creates the user for a GitHub sign-in. New users are always buyers: a role never comes from
 * the provider. Safe to call twice for one sign-in (the second call finds the buyer the first made).
 */
export async function signInWithGitHub(identity: GitHubIdentity): Promise<GitHubSignInResult> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = identity.email ? await getUserByEmail({ email: identity.email }) : undefined;
    const decision = decideGitHubSignIn(identity, existing);
    if (decision.action === "refuse") return { ok: false, reason: decision.reason };
    if (decision.action === "sign_in") return { ok: true, user: decision.user };
    const created = await insertUser({
      email: decision.email,
      name: identity.name ?? decision.email,
      passwordHash: null,
      role: "buyer",
    });
    if (created) return { ok: true, user: created };
    // Someone registered the email between our read and our insert: decide again against that row.
  }
  return { ok: false, reason: "github_account_exists" };
}

/** Messages for the sign-in page (`/sign-in?error=<code>`); unknown codes show nothing. */
export const GITHUB_REFUSAL_MESSAGES: Record<GitHubRefusal, string> = {
  github_unverified_email:
    "GitHub did not confirm a verified primary email for your account. Verify it on GitHub, then try again.",
  github_account_exists:
    "An account with this email already exists. Sign in with your email and password instead.",
};
