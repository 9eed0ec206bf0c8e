import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { loginAttempts } from "@/db/schema";
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from "@/lib/auth";
import { hashPassword } from "@/lib/password";
import { signInAction } from "./actions";

/*
 * The sign-in form's server action, end to end through next-auth's credentials provider and the
 * login_attempts table. It runs outside Next's request scope here, so `next/headers` answers with an
 * anonymous request and a cookie jar that drops what it is given.
 */
vi.mock("next/headers", () => ({
  headers: () => Promise.resolve(new Headers({ host: "localhost:3000" })),
  cookies: () => Promise.resolve({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
}));

const PASSWORD = "right password 123";
const RATE_LIMITED = "Too many failed sign-in attempts for this email. Try again in 15 minutes.";
const WRONG = "Wrong email or password.";

let hash: string;
beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
  // next-auth logs every refused credentials sign-in; the assertions below say what matters.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

async function account() {
  const user = await insertUser({ email: `signin-${randomUUID().slice(0, 8)}@test.example`, name: "Sam", passwordHash: hash, role: "buyer" });
  if (!user) throw new Error("no user");
  return user;
}

function form(email: string, password: string) {
  const data = new FormData();
  data.set("email", email);
  data.set("password", password);
  data.set("callbackUrl", "/shop");
  return data;
}

/** A successful sign-in ends in next-auth's redirect (thrown); a refusal returns the form state. */
async function attempt(email: string, password: string) {
  try {
    return await signInAction(undefined, form(email, password));
  } catch (error) {
    // redirect() throws an error whose digest starts with NEXT_REDIRECT.
    if (String((error as { digest?: unknown }).digest).startsWith("NEXT_REDIRECT")) return "signed in" as const;
    throw error;
  }
}

describe("sign-in action rate limit", () => {
  it(`after ${LOGIN_MAX_FAILURES} failures within 15 minutes refuses the next try, even with the right password, saying why`, async () => {
    const user = await account();
    expect(LOGIN_MAX_FAILURES).toBe(10);
    expect(LOGIN_WINDOW_MS).toBe(15 * 60 * 1000);
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      expect(await attempt(user.email, `wrong password ${i}`)).toEqual({ ok: false, message: WRONG });
    }
    expect(await attempt(user.email, PASSWORD)).toEqual({ ok: false, message: RATE_LIMITED });
    // Any letter case of the address is the same address.
    expect(await attempt(user.email.toUpperCase(), PASSWORD)).toEqual({ ok: false, message: RATE_LIMITED });
  });

  it("signs in with the right password one failure below the limit", async () => {
    const user = await account();
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) await attempt(user.email, "wrong password");
    expect(await attempt(user.email, PASSWORD)).toBe("signed in");
  });

  it("counts only failures inside the 15-minute window", async () => {
    const user = await account();
    const old = new Date(Date.now() - LOGIN_WINDOW_MS - 60_000);
    await db.insert(loginAttempts).values(Array.from({ length: LOGIN_MAX_FAILURES }, () => ({ email: user.email, succeeded: false, createdAt: old })));
    expect(await attempt(user.email, PASSWORD)).toBe("signed in");
  });
});
