import { beforeAll, describe, expect, it } from "vitest";
import { canSellerCharge } from "@/db/queries/connected-accounts";
import { disconnectStandardAccount } from "@/lib/connect/oauth";
import { AppError } from "@/lib/errors";
import {
  call,
  deauthorizationsOf,
  decideOnStripe,
  finishOAuth,
  OAUTH_CALLBACK,
  rowFor,
  sellerWithExpressAccount,
  startOAuthFlow,
} from "@/tests/helpers/connect";
import { emulatorUrl, testStripe } from "@/tests/helpers/emulator";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { POST as accountSession } from "@/app/api/connect/account-session/route";
import { POST as loginLink } from "@/app/api/connect/login-link/route";
import { GET as start, POST as startPost } from "@/app/api/connect/oauth/start/route";

/*
 * "Connect an existing Stripe account" end to end against the emulator: our start route, the
 * emulator's authorize page decision, our callback — with the state cookie the browser would carry.
 * More outcomes: callback-outcomes.test.ts; disconnecting: disconnect.test.ts.
 */

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});

describe("OAuth start", () => {
  it("401 anonymous, 403 buyer/admin, and a redirect to Stripe's authorize page for sellers", async () => {
    expect((await call(start, null, "/api/connect/oauth/start")).status).toBe(401);
    expect((await call(start, callers.buyer, "/api/connect/oauth/start")).status).toBe(403);
    expect((await call(start, callers.admin, "/api/connect/oauth/start")).status).toBe(403);
    const a = await startOAuthFlow(callers.sellerA);
    const b = await startOAuthFlow(callers.sellerB);
    for (const [started, seller] of [
      [a, callers.sellerA],
      [b, callers.sellerB],
    ] as const) {
      const { authorize, setCookie } = started;
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      expect(setCookie).toMatch(/Path=\/api\/connect\/oauth/);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${emulatorUrl()}/oauth/authorize`);
      expect(authorize.searchParams.get("client_id")).toBe("ca_emulator");
      expect(authorize.searchParams.get("scope")).toBe("read_write");
      expect(authorize.searchParams.get("redirect_uri")).toBe(`http://localhost:3000${OAUTH_CALLBACK}`);
      // Stripe's form is prefilled with the session user's details, never another seller's.
      expect(authorize.searchParams.get("stripe_user[email]")).toBe(seller.email);
      expect(authorize.searchParams.get("stripe_user[business_name]")).toBe(seller.businessName);
    }
    // Each start has its own state and cookie; starting stores nothing.
    expect(b.authorize.searchParams.get("state")).not.toBe(a.authorize.searchParams.get("state"));
    expect(b.cookie).not.toBe(a.cookie);
    expect(await rowFor(callers.sellerA)).toBeUndefined();
    expect(await rowFor(callers.sellerB)).toBeUndefined();
    expect(startPost().status).toBe(405);
  });

  it("anonymous 401 is a JSON error and sets no state cookie", async () => {
    const res = await call(start, null, "/api/connect/oauth/start");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: { code: "unauthorized:oauth", message: expect.any(String) as string },
    });
    expect(res.headers.get("set-cookie")).toBeNull();
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
    const started = await startOAuthFlow(seller);
    const res = await finishOAuth(seller, await decideOnStripe(started, "connect"), started.cookie);
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
    const started = await startOAuthFlow(seller);
    const query = await decideOnStripe(started, "deny");
    expect(query.get("error")).toBe("access_denied");
    expect((await finishOAuth(seller, query, started.cookie)).outcome).toBe("denied");
    expect(await rowFor(seller)).toBeUndefined();
  });

  it("a bad or missing state stores nothing and never spends the code", async () => {
    const seller = await createTestUser("seller");
    const started = await startOAuthFlow(seller);
    const query = await decideOnStripe(started, "connect");
    const forged = new URLSearchParams(query);
    forged.set("state", "attacker-state");
    expect((await finishOAuth(seller, forged, started.cookie)).outcome).toBe("bad_state");
    expect((await finishOAuth(seller, query)).outcome).toBe("bad_state"); // no cookie
    expect(await rowFor(seller)).toBeUndefined();
    // The code is still unused: we never exchanged it.
    const token = await testStripe().oauth.token({
      grant_type: "authorization_code",
      code: query.get("code") ?? "",
    });
    expect(token.stripe_user_id).toMatch(/^acct_/);
  });

  it("seller B cannot complete seller A's flow (A's cookie and code in B's session)", async () => {
    const started = await startOAuthFlow(callers.sellerA);
    const query = await decideOnStripe(started, "connect");
    expect((await finishOAuth(callers.sellerB, query, started.cookie)).outcome).toBe("bad_state");
    expect(await rowFor(callers.sellerB)).toBeUndefined();
    expect(await rowFor(callers.sellerA)).toBeUndefined();
  });

  it("anonymous 401; buyers and admins 403, nothing stored", async () => {
    const started = await startOAuthFlow(callers.sellerA);
    const query = await decideOnStripe(started, "connect");
    expect((await finishOAuth(null, query, started.cookie)).status).toBe(401);
    expect((await finishOAuth(callers.buyer, query, started.cookie)).status).toBe(403);
    expect((await finishOAuth(callers.admin, query, started.cookie)).status).toBe(403);
    expect(await rowFor(callers.buyer)).toBeUndefined();
  });

  it("an Express account that never finished onboarding is replaced (and deleted at Stripe)", async () => {
    const seller = await createTestUser("seller");
    const express = await sellerWithExpressAccount(seller);
    const started = await startOAuthFlow(seller);
    expect(
      (await finishOAuth(seller, await decideOnStripe(started, "connect"), started.cookie)).outcome,
    ).toBe("connected");
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
    const started = await startOAuthFlow(seller);
    await finishOAuth(seller, await decideOnStripe(started, "connect"), started.cookie);
    const before = await rowFor(seller);
    const after = await disconnectStandardAccount(seller);
    expect(after.disconnectedAt).not.toBeNull();
    expect(await canSellerCharge({ userId: seller.id })).toBe(false);
    expect(await deauthorizationsOf(before?.stripeAccountId ?? "")).toHaveLength(1);

    const again = await startOAuthFlow(seller);
    expect((await finishOAuth(seller, await decideOnStripe(again, "connect"), again.cookie)).outcome).toBe(
      "connected",
    );
    const row = await rowFor(seller);
    expect(row?.disconnectedAt).toBeNull();
    expect(row?.stripeAccountId).not.toBe(before?.stripeAccountId);
  });

  // Anonymous, buyers and admins are refused by the disconnect action's roles
  // (tests/integration/app/dashboard/settings/actions.test.ts).
  it("is refused for Express sellers and sellers without an account", async () => {
    const express = await createTestUser("seller");
    await sellerWithExpressAccount(express, { onboarded: true });
    for (const [user, code] of [
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
