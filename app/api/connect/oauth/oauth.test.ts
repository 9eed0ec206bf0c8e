import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { canSellerCharge } from "@/db/queries/connected-accounts";
import type { User } from "@/db/schema";
import { disconnectStandardAccount } from "@/lib/connect/oauth";
import { OAUTH_STATE_COOKIE } from "@/lib/connect/oauth-state";
import { AppError } from "@/lib/errors";
import { call, rowFor, sellerWithExpressAccount } from "@/test/helpers/connect";
import { control, emulatorUrl, testStripe } from "@/test/helpers/emulator";
import { createCallers, createTestUser } from "@/test/helpers/users";
import { POST as accountSession } from "../account-session/route";
import { POST as loginLink } from "../login-link/route";
import { GET as callback } from "./callback/route";
import { GET as start, POST as startPost } from "./start/route";

/*
 * "Connect an existing Stripe account" end to end against the emulator: our start route, the
 * emulator's authorize page decision, our callback — with the state cookie the browser would carry.
 */

const CALLBACK = "/api/connect/oauth/callback";

interface Started {
  authorize: URL;
  cookie: string;
}

async function startFlow(seller: User): Promise<Started> {
  const res = await call(start, seller, "/api/connect/oauth/start");
  expect(res.status).toBe(303);
  const setCookie = res.headers.get("set-cookie") ?? "";
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  const value = /connect_oauth_state=([^;]+)/.exec(setCookie)?.[1] ?? "";
  return { authorize: new URL(res.headers.get("location") ?? ""), cookie: `${OAUTH_STATE_COOKIE}=${value}` };
}

/** What the seller does on Stripe's authorize page; returns the callback query Stripe redirects to. */
async function decide(started: Started, decision: "connect" | "deny"): Promise<URLSearchParams> {
  const q = started.authorize.searchParams;
  const res = await fetch(`${emulatorUrl()}/oauth/authorize/decision`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      decision,
      client_id: q.get("client_id") ?? "",
      scope: q.get("scope") ?? "",
      redirect_uri: q.get("redirect_uri") ?? "",
      state: q.get("state") ?? "",
      email: q.get("stripe_user[email]") ?? "",
      business_name: "Existing Co",
    }).toString(),
  });
  const location = new URL(res.headers.get("location") ?? "");
  expect(location.pathname).toBe(CALLBACK);
  return location.searchParams;
}

async function finish(seller: User | null, query: URLSearchParams, cookie?: string) {
  const res = await call(callback, seller, `${CALLBACK}?${query.toString()}`, { cookie });
  return { ...res, outcome: new URL(res.headers.get("location") ?? "http://x/").searchParams.get("connect") };
}

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});

describe("OAuth start", () => {
  it("401 anonymous, 403 buyer/admin, and a redirect to Stripe's authorize page for sellers", async () => {
    expect((await call(start, null, "/api/connect/oauth/start")).status).toBe(401);
    expect((await call(start, callers.buyer, "/api/connect/oauth/start")).status).toBe(403);
    expect((await call(start, callers.admin, "/api/connect/oauth/start")).status).toBe(403);
    const { authorize } = await startFlow(callers.sellerA);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${emulatorUrl()}/oauth/authorize`);
    expect(authorize.searchParams.get("client_id")).toBe("ca_emulator");
    expect(authorize.searchParams.get("scope")).toBe("read_write");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`http://localhost:3000${CALLBACK}`);
    expect(authorize.searchParams.get("stripe_user[email]")).toBe(callers.sellerA.email);
    expect(startPost().status).toBe(405);
  });

  it("409 for a seller whose Express account is already onboarded", async () => {
    const seller = await createTestUser("seller");
    await sellerWithExpressAccount(seller, { onboarded: true });
    expect((await call(start, seller, "/api/connect/oauth/start")).status).toBe(409);
  });
});

describe("OAuth callback", () => {
  it("connects: exchanges the code, stores stripe_user_id as a Standard account for the session user, clears the cookie", async () => {
    const seller = await createTestUser("seller");
    const started = await startFlow(seller);
    const res = await finish(seller, await decide(started, "connect"), started.cookie);
    expect(res.status).toBe(303);
    expect(res.outcome).toBe("connected");
    expect(res.headers.get("set-cookie")).toMatch(/connect_oauth_state=;.*Max-Age=0/);
    const row = await rowFor(seller);
    expect(row).toMatchObject({
      type: "standard",
      chargesEnabled: true,
      detailsSubmitted: true,
      disconnectedAt: null,
    });
    const account = await testStripe().accounts.retrieve(row?.stripeAccountId ?? "");
    expect(account.controller?.stripe_dashboard?.type).toBe("full");
    expect(await canSellerCharge({ userId: seller.id })).toBe(true);

    // Standard accounts live in their own Stripe Dashboard: no embedded session, no Express login link.
    expect(
      (await call(accountSession, seller, "/api/connect/account-session", { method: "POST" })).status,
    ).toBe(409);
    expect((await call(loginLink, seller, "/api/connect/login-link", { method: "POST" })).status).toBe(409);
    // A second connection attempt is refused up front.
    expect((await call(start, seller, "/api/connect/oauth/start")).status).toBe(409);
  });

  it("access_denied shows a clear outcome and stores nothing", async () => {
    const seller = await createTestUser("seller");
    const started = await startFlow(seller);
    const query = await decide(started, "deny");
    expect(query.get("error")).toBe("access_denied");
    expect((await finish(seller, query, started.cookie)).outcome).toBe("denied");
    expect(await rowFor(seller)).toBeUndefined();
  });

  it("a bad or missing state stores nothing and never spends the code", async () => {
    const seller = await createTestUser("seller");
    const started = await startFlow(seller);
    const query = await decide(started, "connect");
    const forged = new URLSearchParams(query);
    forged.set("state", "attacker-state");
    expect((await finish(seller, forged, started.cookie)).outcome).toBe("bad_state");
    expect((await finish(seller, query)).outcome).toBe("bad_state"); // no cookie
    expect(await rowFor(seller)).toBeUndefined();
    // The code is still unused: we never exchanged it.
    const token = await testStripe().oauth.token({
      grant_type: "authorization_code",
      code: query.get("code") ?? "",
    });
    expect(token.stripe_user_id).toMatch(/^acct_/);
  });

  it("seller B cannot complete seller A's flow (A's cookie and code in B's session)", async () => {
    const started = await startFlow(callers.sellerA);
    const query = await decide(started, "connect");
    expect((await finish(callers.sellerB, query, started.cookie)).outcome).toBe("bad_state");
    expect(await rowFor(callers.sellerB)).toBeUndefined();
    expect(await rowFor(callers.sellerA)).toBeUndefined();
  });

  it("anonymous 401; buyers and admins 403, nothing stored", async () => {
    const started = await startFlow(callers.sellerA);
    const query = await decide(started, "connect");
    expect((await finish(null, query, started.cookie)).status).toBe(401);
    expect((await finish(callers.buyer, query, started.cookie)).status).toBe(403);
    expect((await finish(callers.admin, query, started.cookie)).status).toBe(403);
    expect(await rowFor(callers.buyer)).toBeUndefined();
  });

  it("an Express account that never finished onboarding is replaced (and deleted at Stripe)", async () => {
    const seller = await createTestUser("seller");
    const express = await sellerWithExpressAccount(seller);
    const started = await startFlow(seller);
    expect((await finish(seller, await decide(started, "connect"), started.cookie)).outcome).toBe(
      "connected",
    );
    const row = await rowFor(seller);
    expect(row?.type).toBe("standard");
    expect(row?.stripeAccountId).not.toBe(express.stripeAccountId);
    await expect(testStripe().accounts.retrieve(express.stripeAccountId)).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});

describe("disconnect (deauthorize) and reconnect", () => {
  it("deauthorizes at Stripe, hides the shop, and lets the seller connect again", async () => {
    const seller = await createTestUser("seller");
    const started = await startFlow(seller);
    await finish(seller, await decide(started, "connect"), started.cookie);
    const before = await rowFor(seller);
    const after = await disconnectStandardAccount(seller);
    expect(after.disconnectedAt).not.toBeNull();
    expect(await canSellerCharge({ userId: seller.id })).toBe(false);
    const events = await control<{ data: Stripe.Event[] }>(
      `/events?account=${before?.stripeAccountId}&type=account.application.deauthorized`,
    );
    expect(events.data).toHaveLength(1);

    const again = await startFlow(seller);
    expect((await finish(seller, await decide(again, "connect"), again.cookie)).outcome).toBe("connected");
    const row = await rowFor(seller);
    expect(row?.disconnectedAt).toBeNull();
    expect(row?.stripeAccountId).not.toBe(before?.stripeAccountId);
  });

  it("is refused for anonymous, buyers, admins, Express sellers and sellers without an account", async () => {
    const express = await createTestUser("seller");
    await sellerWithExpressAccount(express, { onboarded: true });
    for (const [user, code] of [
      [null, "unauthorized:oauth_disconnect"],
      [callers.buyer, "forbidden:oauth_disconnect"],
      [callers.admin, "forbidden:oauth_disconnect"],
      [express, "conflict:oauth_disconnect"],
      [await createTestUser("seller"), "conflict:oauth_disconnect"],
    ] as const) {
      const error = await disconnectStandardAccount(user).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
    }
    expect((await rowFor(express))?.disconnectedAt).toBeNull();
  });
});
