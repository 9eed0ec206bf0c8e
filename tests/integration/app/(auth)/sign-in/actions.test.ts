import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/password";
import { browser, newBrowser, randomIp } from "@/tests/helpers/browser-request";
import { signInAction } from "@/app/(auth)/sign-in/actions";

/*
 * The sign-in form's server action, end to end through next-auth's credentials provider and the
 * throttle counters in the database. It runs outside Next's request scope here: `next/headers` is one
 * browser's request (tests/helpers/browser-request.ts), its client address in X-Forwarded-For as Next
 * sets it, and the cookies the action sets stay in that browser.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-request")).nextHeadersMock());

const PASSWORD = "right password 123";
const LIMIT = 10; // failures per account from one address in 15 minutes (lib/auth-throttle.ts SIGN_IN.perAccountIp)
const RATE_LIMITED = "Too many sign-in attempts. Try again in 15 minutes.";
const WRONG = "Wrong email or password.";

let hash: string;
beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
  // next-auth logs every refused credentials sign-in; the assertions below say what matters.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

async function account() {
  const user = await insertUser({
    email: `signin-${randomUUID().slice(0, 8)}@test.example`,
    name: "Sam",
    passwordHash: hash,
    role: "buyer",
  });
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
    if (String((error as { digest?: unknown }).digest).startsWith("NEXT_REDIRECT"))
      return "signed in" as const;
    throw error;
  }
}

describe("sign-in action throttling", () => {
  it(`after ${LIMIT} failures from one address refuses the next try there, saying how long to wait and keeping the email; elsewhere the owner gets in`, async () => {
    const user = await account();
    newBrowser(randomIp());
    for (let i = 0; i < LIMIT; i++) {
      expect(await attempt(user.email, `wrong password ${i}`)).toEqual({
        ok: false,
        email: user.email,
        message: WRONG,
      });
    }
    expect(await attempt(user.email, PASSWORD)).toEqual({
      ok: false,
      email: user.email,
      message: RATE_LIMITED,
    });
    // Any letter case of the address is the same address.
    const upper = user.email.toUpperCase();
    expect(await attempt(upper, PASSWORD)).toEqual({ ok: false, email: upper, message: RATE_LIMITED });

    // The owner, from their own address: not locked out by the guesses above.
    newBrowser(randomIp());
    expect(await attempt(user.email, PASSWORD)).toBe("signed in");
  });

  it("signs in with the right password one failure below the limit, and remembers the browser", async () => {
    const user = await account();
    newBrowser(randomIp());
    for (let i = 0; i < LIMIT - 1; i++) await attempt(user.email, "wrong password");
    expect(await attempt(user.email, PASSWORD)).toBe("signed in");
    expect(browser.jar.get("known-device")).toMatch(/^[\w-]{43}$/);
  });

  it("counts only failures inside the 15-minute window", async () => {
    const user = await account();
    const ip = randomIp();
    newBrowser(ip);
    for (let i = 0; i < LIMIT; i++) await attempt(user.email, "wrong password");
    expect(await attempt(user.email, PASSWORD)).toEqual({
      ok: false,
      email: user.email,
      message: RATE_LIMITED,
    });
    // Sixteen minutes later (the window moved back rather than the clock forward).
    await db.execute(
      sql`update auth_throttles set window_started_at = now() - interval '16 minutes' where key like ${`%${user.email}%`}`,
    );
    expect(await attempt(user.email, PASSWORD)).toBe("signed in");
  });

  it("rounds the wait up to whole minutes", async () => {
    const user = await account();
    newBrowser(randomIp());
    for (let i = 0; i < LIMIT; i++) await attempt(user.email, "wrong password");
    await db.execute(
      sql`update auth_throttles set window_started_at = now() - interval '14 minutes 30 seconds' where key like ${`%${user.email}%`}`,
    );
    expect(await attempt(user.email, PASSWORD)).toMatchObject({
      message: "Too many sign-in attempts. Try again in 1 minute.",
    });
  });

  it("keeps the typed email when the form is incomplete", async () => {
    newBrowser(randomIp());
    expect(await attempt("someone@test.example", "")).toMatchObject({
      ok: false,
      email: "someone@test.example",
    });
  });
});
