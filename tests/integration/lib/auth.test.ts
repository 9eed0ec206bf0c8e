import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { insertUser } from "@/db/queries/users";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/password";
import { authOptions, authorizeCredentials, authProviders, requireRole } from "@/lib/auth";
import { createTestUser } from "@/tests/helpers/users";

async function userWithPassword(password: string) {
  const email = `auth-${randomUUID().slice(0, 8)}@test.example`;
  const user = await insertUser({
    email,
    name: "Auth Test",
    passwordHash: await hashPassword(password),
    role: "seller",
  });
  if (!user) throw new Error("no user");
  return user;
}

const codeOf = (e: unknown) => (e as { code?: string }).code;

describe("credentials sign-in", () => {
  it("accepts the right password (email in any case) and returns the database user with its role", async () => {
    const user = await userWithPassword("right password 1");
    const signedIn = await authorizeCredentials({
      email: user.email.toUpperCase(),
      password: "right password 1",
    });
    expect(signedIn).toMatchObject({ id: user.id, role: "seller" });
  });

  it("refuses a wrong password and an unknown email with the same error", async () => {
    const user = await userWithPassword("right password 1");
    const wrong = await authorizeCredentials({ email: user.email, password: "wrong password" }).catch(codeOf);
    const unknown = await authorizeCredentials({
      email: `nobody-${randomUUID()}@test.example`,
      password: "x",
    }).catch(codeOf);
    expect(wrong).toBe("invalid_credentials");
    expect(unknown).toBe("invalid_credentials");
  });

  // Throttling: lib/auth-throttle.test.ts (and the form: app/(auth)/sign-in/actions.test.ts).
});

describe("role guards", () => {
  it("answers 401 for anonymous and 403 for the wrong role", async () => {
    const buyer = await createTestUser("buyer");
    expect(() => requireRole(null, "seller", "dashboard")).toThrow(
      expect.objectContaining({ status: 401, code: "unauthorized:dashboard" }),
    );
    expect(() => requireRole(buyer, "seller", "dashboard")).toThrow(
      expect.objectContaining({ status: 403, code: "forbidden:dashboard" }),
    );
    expect(requireRole(buyer, ["buyer", "seller"])).toBe(buyer);
  });
});

describe("sign-in providers", () => {
  const ids = (providers: ReturnType<typeof authProviders>) => providers.map((p) => p.id);

  it("enables GitHub only when both AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are set", () => {
    expect(ids(authProviders({}))).toEqual(["credentials"]);
    expect(ids(authProviders({ AUTH_GITHUB_ID: "Iv1.abc" }))).toEqual(["credentials"]);
    expect(ids(authProviders({ AUTH_GITHUB_SECRET: "secret" }))).toEqual(["credentials"]);
    expect(ids(authProviders({ AUTH_GITHUB_ID: "", AUTH_GITHUB_SECRET: "secret" }))).toEqual(["credentials"]);
    expect(ids(authProviders({ AUTH_GITHUB_ID: "Iv1.abc", AUTH_GITHUB_SECRET: "secret" }))).toEqual([
      "credentials",
      "github",
    ]);
  });

  it("builds the app's configuration from the validated environment", () => {
    const configured = Boolean(process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET);
    expect(env.githubAuthEnabled).toBe(configured);
    expect(ids(authOptions.providers)).toEqual(configured ? ["credentials", "github"] : ["credentials"]);
  });
});
