import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as accountSession } from "@/app/api/connect/account-session/route";
import { GET as authGET } from "@/app/api/auth/[...nextauth]/route";
import { signInAction } from "@/app/(auth)/sign-in/actions";
import { changePasswordAction } from "@/app/account/actions";
import { getUserById, setUserPassword, setUserRole } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { currentUser, signOut } from "@/lib/auth";
import { hashPassword, verifyPassword } from "@/lib/password";
import { sellerWithExpressAccount } from "@/tests/helpers/connect";
import { sessionCookie } from "@/tests/helpers/session";
import { browser, newBrowser, randomIp } from "@/tests/helpers/browser-request";
import { createTestUser } from "@/tests/helpers/users";

/*
 * Sessions end on the server. Each test signs in through the real sign-in form action (next-auth's
 * credentials provider, the real cookie it issues), keeps a copy of that cookie, ends the session
 * (sign-out, password change, role change) and then presents the copy again: to a real route handler
 * (POST /api/connect/account-session: 200 for a seller with an account, 401 for nobody, 403 for a
 * buyer), to the page-level currentUser() and to next-auth's own GET /api/auth/session.
 *
 * `next/headers` is one browser's request (tests/helpers/browser-request.ts): its cookies and address.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-request")).nextHeadersMock());

const SESSION = "authjs.session-token";
const PASSWORD = "the right password 1";
const URL = "http://localhost:3000/api/connect/account-session";

beforeAll(() => {
  // next-auth logs refused sign-ins and dropped sessions; the assertions say what matters.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

/** Signs in through the form action in a fresh browser; returns the session cookie next-auth issued ("name=value"). */
async function signInForm(email: string, password = PASSWORD): Promise<string> {
  newBrowser(browser.ip);
  const form = new FormData();
  form.set("email", email);
  form.set("password", password);
  form.set("callbackUrl", "/dashboard");
  const outcome = await signInAction(undefined, form).catch((error: unknown) => {
    if (String((error as { digest?: unknown }).digest).startsWith("NEXT_REDIRECT")) return "redirected";
    throw error;
  });
  expect(outcome, "sign-in").toBe("redirected");
  const token = browser.jar.get(SESSION);
  expect(token, "session cookie issued").toBeTruthy();
  return `${SESSION}=${token}`;
}

/** The site header's sign-out, from a browser holding `cookie`. */
async function signOutWith(cookie: string) {
  newBrowser(browser.ip);
  browser.jar.set(SESSION, cookie.slice(SESSION.length + 1));
  await signOut({ redirect: false });
  expect(browser.jar.get(SESSION), "sign-out clears the cookie").toBe("");
  browser.jar.clear();
}

/** Status of POST /api/connect/account-session with this cookie. */
async function routeStatus(cookie: string): Promise<number> {
  const res = await accountSession(new Request(URL, { method: "POST", headers: { cookie } }), undefined);
  return res.status;
}

async function pageUserWith(cookie: string): Promise<User | null> {
  newBrowser(browser.ip);
  browser.jar.set(SESSION, cookie.slice(SESSION.length + 1));
  try {
    return await currentUser();
  } finally {
    browser.jar.clear();
  }
}

async function authSessionWith(cookie: string): Promise<unknown> {
  const res = await authGET(
    new NextRequest("http://localhost:3000/api/auth/session", { headers: { cookie } }),
  );
  return res.json();
}

/** A seller with an Express account and a password, signed in from their own address. */
async function sellerWithPassword(): Promise<User> {
  const seller = await createTestUser("seller");
  await sellerWithExpressAccount(seller);
  await setUserPassword({ id: seller.id, passwordHash: await hashPassword(PASSWORD) });
  newBrowser(randomIp());
  return (await getUserById({ id: seller.id }))!;
}

async function expectSignedIn(cookie: string, user: User, status = 200) {
  expect(await routeStatus(cookie)).toBe(status);
  expect((await pageUserWith(cookie))?.id).toBe(user.id);
  expect(await authSessionWith(cookie)).toMatchObject({ user: { id: user.id } });
}

async function expectSignedOut(cookie: string) {
  expect(await routeStatus(cookie)).toBe(401);
  expect(await pageUserWith(cookie)).toBeNull();
  expect(await authSessionWith(cookie)).toBeNull();
}

describe("sessions end on the server", () => {
  it("a cookie copied before sign-out is refused after it; a fresh sign-in works", async () => {
    const seller = await sellerWithPassword();
    const copied = await signInForm(seller.email);
    await expectSignedIn(copied, seller);

    await signOutWith(copied);
    await expectSignedOut(copied);

    const fresh = await signInForm(seller.email);
    await expectSignedIn(fresh, seller);
    // The dead copy cannot sign the fresh session out (it moves nothing any more).
    await signOutWith(copied);
    await expectSignedIn(fresh, seller);
  });

  it("a password change ends the sessions issued before it", async () => {
    const seller = await sellerWithPassword();
    const copied = await signInForm(seller.email);
    await expectSignedIn(copied, seller);

    await setUserPassword({ id: seller.id, passwordHash: await hashPassword("a new password 22") });
    await expectSignedOut(copied);

    await expectSignedIn(await signInForm(seller.email, "a new password 22"), seller);
  });

  it("a role change ends the sessions issued before it; setting the same role again does not", async () => {
    const seller = await sellerWithPassword();
    const copied = await signInForm(seller.email);
    await expectSignedIn(copied, seller);

    await setUserRole({ id: seller.id, role: "seller" });
    await expectSignedIn(copied, seller);

    await setUserRole({ id: seller.id, role: "buyer" });
    await expectSignedOut(copied);

    // Signed in again, as what they are now: a buyer, refused by the seller route with 403, not 401.
    await expectSignedIn(await signInForm(seller.email), seller, 403);
  });

  it("a token without a session version (issued before versions existed) holds until the first change", async () => {
    const seller = await createTestUser("seller");
    await sellerWithExpressAccount(seller);
    const old = await sessionCookie(seller);
    expect(await routeStatus(old)).toBe(200);
    await setUserRole({ id: seller.id, role: "buyer" });
    expect(await routeStatus(old)).toBe(401);
    // A token for a user that does not exist is refused too.
    const forged = await sessionCookie({ ...seller, id: randomUUID() });
    expect(await routeStatus(forged)).toBe(401);
  });

  it("the account page's password change: a wrong current password or a mismatch changes nothing; a change ends the copied session and signs this browser in anew", async () => {
    const seller = await sellerWithPassword();
    const copied = await signInForm(seller.email);
    const submit = async (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return changePasswordAction(undefined, form).catch((error: unknown) => {
        const digest = String((error as { digest?: unknown }).digest);
        if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2];
        throw error;
      });
    };
    const NEW = "a brand new password 7";

    expect(
      await submit({ currentPassword: "not it at all", newPassword: NEW, confirmPassword: NEW }),
    ).toEqual({
      ok: false,
      message: "Your password was not changed. Please correct the highlighted fields.",
      fieldErrors: { currentPassword: ["That is not your current password."] },
    });
    expect(
      await submit({ currentPassword: PASSWORD, newPassword: NEW, confirmPassword: `${NEW}x` }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { confirmPassword: ["The two new passwords differ."] },
    });
    expect(
      await submit({ currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: ["Use at least 10 characters."] },
    });
    const unchanged = await getUserById({ id: seller.id });
    expect(await verifyPassword(PASSWORD, unchanged!.passwordHash!)).toBe(true);
    expect(unchanged!.sessionVersion).toBe(seller.sessionVersion); // refusals end no session
    await expectSignedIn(copied, seller);

    // The browser that changes it holds the copied session; afterwards it holds a new one.
    browser.jar.set(SESSION, copied.slice(SESSION.length + 1));
    expect(await submit({ currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW })).toBe(
      "http://localhost:3000/account?changed=1",
    );
    const renewed = `${SESSION}=${browser.jar.get(SESSION)}`;
    expect(renewed).not.toBe(copied);
    await expectSignedOut(copied);
    await expectSignedIn(renewed, seller);
    expect(await verifyPassword(NEW, (await getUserById({ id: seller.id }))!.passwordHash!)).toBe(true);
  });
});
