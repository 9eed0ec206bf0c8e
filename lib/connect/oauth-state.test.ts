import { describe, expect, it } from "vitest";
import { issueOAuthState, readCookie, stateCookieHeader, verifyOAuthState } from "./oauth-state";

const secret = "s".repeat(40);
const now = 1_800_000_000;

describe("OAuth state bound to the session", () => {
  const { state, cookieValue } = issueOAuthState({ userId: "user-a", secret, now });

  it("accepts the state it issued, for the same user, before it expires", () => {
    expect(verifyOAuthState({ cookieValue, state, userId: "user-a", secret, now: now + 60 })).toBe(true);
  });

  it.each([
    ["another user's session", { userId: "user-b" }],
    ["a different state", { state: `${state}x` }],
    ["no cookie", { cookieValue: undefined }],
    ["no state", { state: undefined }],
    ["an expired cookie", { now: now + 601 }],
    ["another secret (forged cookie)", { secret: "t".repeat(40) }],
    ["a tampered user id", { cookieValue: cookieValue.replace("user-a", "user-b"), userId: "user-b" }],
    ["garbage", { cookieValue: "a.b.c" }],
  ])("refuses %s", (_name, change) => {
    expect(verifyOAuthState({ cookieValue, state, userId: "user-a", secret, now, ...change })).toBe(false);
  });

  it("issues a new unguessable state each time", () => {
    expect(issueOAuthState({ userId: "user-a", secret, now }).state).not.toBe(state);
    expect(state.length).toBeGreaterThanOrEqual(32);
  });

  it("cookie helpers: httpOnly, lax, scoped to the OAuth routes, cleared with Max-Age=0", () => {
    expect(stateCookieHeader("v", true)).toBe(
      "connect_oauth_state=v; Path=/api/connect/oauth; HttpOnly; SameSite=Lax; Max-Age=600; Secure",
    );
    expect(stateCookieHeader(null, false)).toContain("Max-Age=0");
    expect(readCookie("a=1; connect_oauth_state=abc.def; b=2", "connect_oauth_state")).toBe("abc.def");
    expect(readCookie(null, "x")).toBeUndefined();
  });
});
