import { beforeAll, describe, expect, it } from "vitest";
import type { ConnectedAccount } from "@/db/schema";
import { env } from "@/lib/env";
import { call, sellerWithExpressAccount } from "@/tests/helpers/connect";
import { control, emulatorUrl } from "@/tests/helpers/emulator";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { GET, POST } from "@/app/api/connect/account-link/route";

const URL = "/api/connect/account-link";
let callers: Awaited<ReturnType<typeof createCallers>>;
let accountA: ConnectedAccount;
let accountB: ConnectedAccount;

beforeAll(async () => {
  callers = await createCallers();
  accountA = await sellerWithExpressAccount(callers.sellerA);
  accountB = await sellerWithExpressAccount(callers.sellerB);
});

/** Opens a hosted onboarding link like a browser that does not follow redirects. */
function open(url: string) {
  return fetch(url, { redirect: "manual" });
}

describe("GET /api/connect/account-link (hosted onboarding fallback)", () => {
  it("sends anonymous visitors to sign in and back; buyers and admins get 403", async () => {
    const anon = await call(GET, null, URL);
    expect(anon.status).toBe(303);
    const location = new globalThis.URL(anon.headers.get("location") ?? "");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe(URL);
    expect((await call(GET, callers.buyer, URL)).status).toBe(403);
    expect((await call(GET, callers.admin, URL)).status).toBe(403);
  });

  it("redirects each seller (303, no-store) to a fresh link for their own account, whatever the query says", async () => {
    for (const [seller, own, other] of [
      [callers.sellerA, accountA, accountB],
      [callers.sellerB, accountB, accountA],
    ] as const) {
      const res = await call(GET, seller, `${URL}?account=${other.stripeAccountId}`);
      expect(res.status).toBe(303);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const link = res.headers.get("location") ?? "";
      expect(link.startsWith(`${emulatorUrl()}/_emulator/hosted/onboarding/`)).toBe(true);
      const page = await (await open(link)).text();
      expect(page).toContain(own.stripeAccountId);
      expect(page).not.toContain(other.stripeAccountId);
    }
  });

  it("a spent link goes back to this route (refresh_url), and finishing goes to the return page", async () => {
    const first = (await call(GET, callers.sellerA, URL)).headers.get("location") ?? "";
    expect((await open(first)).status).toBe(200);
    const spent = await open(first);
    expect(spent.status).toBe(303);
    expect(spent.headers.get("location")).toBe(`${env.APP_URL}${URL}`);
    // The refresh makes a new, working link.
    const fresh = (await call(GET, callers.sellerA, URL)).headers.get("location") ?? "";
    expect(fresh).not.toBe(first);
    expect((await open(fresh)).status).toBe(200);
    const token = fresh.split("/").pop();
    const submitted = await fetch(`${emulatorUrl()}/_emulator/hosted/onboarding/${token}/submit`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "business_name=Hosted+Shop",
    });
    expect(submitted.headers.get("location")).toBe(`${env.APP_URL}/dashboard/onboarding/return`);
  });

  it("409 for a seller who has no account yet", async () => {
    const res = await call(GET, await createTestUser("seller"), URL);
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/start onboarding/i);
  });

  it("a Stripe outage is a readable 502, and other methods 405", async () => {
    await control("/faults", { path: "^/v1/account_links$", method: "POST", count: 3, kind: "500" });
    const res = await call(GET, callers.sellerB, URL);
    expect(res.status).toBe(502);
    expect(res.body.error?.message).toMatch(/could not reach Stripe/i);
    expect(POST().status).toBe(405);
  });
});
