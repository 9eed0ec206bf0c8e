import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { newBrowser, randomIp } from "@/tests/helpers/browser-request";
import { createTestUser } from "@/tests/helpers/users";
import { signUpAction } from "@/app/(auth)/sign-up/actions";

/*
 * The sign-up form's server action, throttled per client address. `next/headers` is one browser's
 * request (tests/helpers/browser-request.ts) with its address in X-Forwarded-For, as Next sets it.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-request")).nextHeadersMock());

const LIMIT = 20; // well-formed sign-up attempts per address per hour (lib/auth-throttle.ts SIGN_UP.perIp)

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const newAccount = () => ({
  name: "Nora New",
  email: `new-${randomUUID().slice(0, 8)}@test.example`,
  password: "correct horse battery",
  role: "buyer",
});

/** A successful sign-up signs in and redirects (thrown); a refusal returns the form state. */
async function signUp(fields: Record<string, string>) {
  try {
    return await signUpAction(undefined, form(fields));
  } catch (error) {
    if (String((error as { digest?: unknown }).digest).startsWith("NEXT_REDIRECT"))
      return "signed up" as const;
    throw error;
  }
}

describe("sign-up action", () => {
  it("never lets sign-up create an admin", async () => {
    // Through the form's server action, as a browser would post it: the one parse refuses the role.
    newBrowser(randomIp());
    const fields = { ...newAccount(), role: "admin" };
    const state = await signUp(fields);
    expect(state).toMatchObject({ ok: false });
    expect(state !== "signed up" && state.fieldErrors?.role).toEqual([
      "Choose whether you want to buy or sell.",
    ]);
    expect(await db.select().from(users).where(eq(users.email, fields.email))).toHaveLength(0);
  });
});

describe("sign-up action throttling", () => {
  it(`refuses the attempt after ${LIMIT} from one address within the hour, creates nothing and keeps the form; another address signs up`, async () => {
    const taken = await createTestUser("buyer");
    newBrowser(randomIp());
    // Probing for taken emails counts: that is how accounts would be enumerated through this form.
    for (let i = 0; i < LIMIT; i++) {
      expect(await signUp({ ...newAccount(), email: taken.email })).toMatchObject({
        ok: false,
        message: "An account with this email already exists.",
      });
    }
    const fresh = newAccount();
    expect(await signUp(fresh)).toEqual({
      ok: false,
      message: "Too many sign-up attempts from your network. Try again in 60 minutes.",
      values: { name: fresh.name, email: fresh.email },
    });
    expect(await db.select().from(users).where(eq(users.email, fresh.email))).toHaveLength(0);

    newBrowser(randomIp());
    expect(await signUp(fresh)).toBe("signed up");
    expect(await db.select().from(users).where(eq(users.email, fresh.email))).toHaveLength(1);
  });

  it("does not count forms refused for their fields", async () => {
    newBrowser(randomIp());
    for (let i = 0; i < LIMIT + 5; i++) {
      expect(await signUp({ ...newAccount(), password: "short" })).toMatchObject({
        ok: false,
        fieldErrors: { password: ["Use at least 10 characters."] },
      });
    }
    expect(await signUp(newAccount())).toBe("signed up");
  });
});
