import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { getUserByEmail, insertUser } from "@/db/queries/users";
import { users, type UserRole } from "@/db/schema";
import { authOptions } from "@/lib/auth";
import { hashPassword } from "@/lib/password";
import { addToCart, viewCart } from "@/lib/cart/cart";
import { Browser, inBrowser } from "@/tests/helpers/browser-jar";
import { shopWithProduct } from "@/tests/helpers/checkout";
import { createTestUser } from "@/tests/helpers/users";
import {
  decideGitHubSignIn,
  gitHubIdentityFromProfile,
  signInWithGitHub,
  verifiedPrimaryEmail,
} from "@/lib/users/github-sign-in";

// The cart's guest cookie is read through next/headers: one browser's cookie jar (tests/helpers/browser-jar.ts).
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-jar")).browserHeadersMock());

const address = () => `gh-${randomUUID().slice(0, 8)}@test.example`;
const verified = (email: string) => ({ email, emailVerified: true, name: "Octo Cat" });

async function userWith(role: UserRole, password: string | null) {
  const user = await insertUser({
    email: address(),
    name: "Owner",
    passwordHash: password ? await hashPassword(password) : null,
    role,
  });
  if (!user) throw new Error("no user");
  return user;
}

describe("decideGitHubSignIn (pure)", () => {
  const row = (role: UserRole, passwordHash: string | null) => ({ id: "u1", role, passwordHash });

  it("refuses an address GitHub has not verified, or none at all", () => {
    expect(decideGitHubSignIn({ email: "a@b.example", emailVerified: false }, undefined)).toEqual({
      action: "refuse",
      reason: "github_unverified_email",
    });
    expect(decideGitHubSignIn({ email: null, emailVerified: true }, undefined)).toEqual({
      action: "refuse",
      reason: "github_unverified_email",
    });
    // Even a password-less buyer is not handed over on an unverified address.
    expect(
      decideGitHubSignIn({ email: "a@b.example", emailVerified: false }, row("buyer", null)),
    ).toMatchObject({ action: "refuse" });
  });

  it("creates a new user when nobody has the verified address", () => {
    expect(decideGitHubSignIn({ email: "a@b.example", emailVerified: true }, undefined)).toEqual({
      action: "create",
      email: "a@b.example",
    });
  });

  it.each([
    ["an admin", row("admin", null)],
    ["a seller", row("seller", null)],
    ["a buyer with a password", row("buyer", "$2b$hash")],
    ["an admin with a password", row("admin", "$2b$hash")],
  ])("never links to %s", (_label, existing) => {
    expect(decideGitHubSignIn({ email: "a@b.example", emailVerified: true }, existing)).toEqual({
      action: "refuse",
      reason: "github_account_exists",
    });
  });

  it("reuses only a password-less buyer (the one an earlier GitHub sign-in made)", () => {
    const existing = row("buyer", null);
    expect(decideGitHubSignIn({ email: "a@b.example", emailVerified: true }, existing)).toEqual({
      action: "sign_in",
      user: existing,
    });
  });
});

describe("GitHub profile parsing (pure)", () => {
  it("takes the primary address only when GitHub verified it", () => {
    expect(
      verifiedPrimaryEmail([
        { email: "x@y.example", primary: false, verified: true },
        { email: "p@y.example", primary: true, verified: true },
      ]),
    ).toBe("p@y.example");
    expect(
      verifiedPrimaryEmail([
        { email: "p@y.example", primary: true, verified: false },
        { email: "x@y.example", primary: false, verified: true },
      ]),
    ).toBeNull();
    expect(verifiedPrimaryEmail({ message: "Bad credentials" })).toBeNull();
    expect(verifiedPrimaryEmail([{ email: "not an email", primary: true, verified: true }])).toBeNull();
  });

  it("reads verification only from an explicit email_verified: true", () => {
    expect(gitHubIdentityFromProfile({ email: "a@b.example", login: "octo" })).toEqual({
      email: "a@b.example",
      emailVerified: false,
      name: "octo",
    });
    expect(gitHubIdentityFromProfile({ email: "a@b.example", email_verified: "true" }).emailVerified).toBe(
      false,
    );
    expect(gitHubIdentityFromProfile({ email: "a@b.example", email_verified: true, name: "Octo" })).toEqual({
      email: "a@b.example",
      emailVerified: true,
      name: "Octo",
    });
    expect(gitHubIdentityFromProfile(undefined)).toEqual({ email: null, emailVerified: false, name: null });
  });
});

describe("signInWithGitHub (database)", () => {
  it("creates a buyer without a password for a new verified address, and reuses it next time", async () => {
    const email = address();
    const first = await signInWithGitHub(verified(email.toUpperCase()));
    expect(first).toMatchObject({ ok: true, user: { email, role: "buyer", passwordHash: null } });
    const again = await signInWithGitHub(verified(email));
    expect(again.ok && again.user.id).toBe(first.ok && first.user.id);
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it.each([
    ["an admin created by admin:create (with a password)", "admin", "admin password 123"],
    ["a password-less admin", "admin", null],
    ["a seller", "seller", null],
    ["a buyer with a password", "buyer", "buyer password 123"],
  ] as const)("does not take over %s and leaves the row untouched", async (_label, role, password) => {
    const owner = await userWith(role, password);
    const result = await signInWithGitHub(verified(owner.email));
    expect(result).toEqual({ ok: false, reason: "github_account_exists" });
    expect(await getUserByEmail({ email: owner.email })).toEqual(owner);
  });

  it("writes nothing for an unverified address", async () => {
    const email = address();
    expect(await signInWithGitHub({ email, emailVerified: false, name: null })).toEqual({
      ok: false,
      reason: "github_unverified_email",
    });
    expect(await getUserByEmail({ email })).toBeUndefined();
  });
});

describe("next-auth callbacks for GitHub", () => {
  const github = { provider: "github", type: "oauth" as const, providerAccountId: "42" };
  const signIn = (params: Parameters<typeof authOptions.callbacks.signIn>[0]) =>
    authOptions.callbacks.signIn(params);
  const jwt = (params: Parameters<typeof authOptions.callbacks.jwt>[0]) => authOptions.callbacks.jwt(params);

  it("refuses to sign an admin's email in and sends the reason to the sign-in page", async () => {
    const admin = await createTestUser("admin");
    const profile = { email: admin.email, email_verified: true, login: "attacker" };
    expect(await signIn({ user: { email: admin.email }, account: github, profile })).toBe(
      "/sign-in?error=github_account_exists",
    );
    expect(
      await jwt({ token: {}, user: { email: admin.email }, account: github, profile, trigger: "signIn" }),
    ).toBeNull();
  });

  it("refuses an unverified email, and gives a new user a buyer token whatever the provider says", async () => {
    const email = address();
    const unverified = { email, login: "octo" };
    expect(await signIn({ user: { email }, account: github, profile: unverified })).toBe(
      "/sign-in?error=github_unverified_email",
    );
    expect(await getUserByEmail({ email })).toBeUndefined();

    const profile = { email, email_verified: true, login: "octo", role: "admin" };
    expect(await signIn({ user: { email, role: "admin" } as never, account: github, profile })).toBe(true);
    const token = await jwt({
      token: { sub: "42" },
      user: { id: "42", email, role: "admin" } as never,
      account: github,
      profile,
      trigger: "signIn",
    });
    const row = await getUserByEmail({ email });
    expect(row).toMatchObject({ role: "buyer", passwordHash: null });
    expect(token).toMatchObject({ id: row?.id, sub: row?.id, role: "buyer" });
  });
});

describe("a guest's cart at GitHub sign-in", () => {
  it("joins the account, as at a password sign-in", async () => {
    const { product } = await shopWithProduct({ price: 1200 });
    const guest = new Browser();
    await inBrowser(guest, () => addToCart(null, { productId: product.id, quantity: 3 }));
    const email = address();
    const profile = { email, email_verified: true, login: "octo" };
    const github = { provider: "github", type: "oauth" as const, providerAccountId: "43" };
    await inBrowser(guest, () =>
      authOptions.callbacks.jwt({
        token: { sub: "43" },
        user: { id: "43", email },
        account: github,
        profile,
        trigger: "signIn",
      }),
    );
    const row = await getUserByEmail({ email });
    const cart = await inBrowser(guest, () => viewCart({ id: row!.id, role: "buyer" } as never));
    expect(cart).toMatchObject({ itemCount: 3, total: 3600 });
    // The guest cart is gone: signed out, this browser's cart is empty.
    expect(await inBrowser(guest, () => viewCart(null))).toMatchObject({ itemCount: 0 });
  });
});
