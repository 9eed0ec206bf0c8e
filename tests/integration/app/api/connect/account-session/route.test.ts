import { beforeAll, describe, expect, it } from "vitest";
import { markAccountDisconnected } from "@/db/queries/connected-accounts";
import type { ConnectedAccount } from "@/db/schema";
import { call, sellerWithExpressAccount } from "@/tests/helpers/connect";
import { control, emulatorUrl } from "@/tests/helpers/emulator";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { GET, POST } from "@/app/api/connect/account-session/route";

const URL = "/api/connect/account-session";
let callers: Awaited<ReturnType<typeof createCallers>>;
let accountA: ConnectedAccount;
let accountB: ConnectedAccount;

/** What the browser's Connect.js does with the secret: claim it, and learn whose account it opens. */
async function claim(clientSecret: string) {
  const res = await fetch(`${emulatorUrl()}/_emulator/browser/account_sessions/claim`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer pk_test_emulator_platform" },
    body: JSON.stringify({ client_secret: clientSecret }),
  });
  return (await res.json()) as {
    account: { id: string };
    components: Record<string, { enabled: boolean; features: Record<string, boolean> }>;
  };
}

beforeAll(async () => {
  callers = await createCallers();
  accountA = await sellerWithExpressAccount(callers.sellerA);
  accountB = await sellerWithExpressAccount(callers.sellerB, { onboarded: true });
});

describe("POST /api/connect/account-session", () => {
  it("401 for anonymous (a JSON error), 403 for buyers and admins", async () => {
    const anon = await call(POST, null, URL, { method: "POST" });
    expect(anon.status).toBe(401);
    expect(anon.body).toEqual({
      error: { code: "unauthorized:account_session", message: expect.any(String) as string },
    });
    expect((await call(POST, callers.buyer, URL, { method: "POST" })).status).toBe(403);
    expect((await call(POST, callers.admin, URL, { method: "POST" })).status).toBe(403);
  });

  it("returns only a client secret, for the session user's own account, with the Express feature set", async () => {
    for (const [seller, account] of [
      [callers.sellerA, accountA],
      [callers.sellerB, accountB],
    ] as const) {
      const res = await call(POST, seller, URL, { method: "POST" });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(["clientSecret"]);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const session = await claim(res.body.clientSecret as string);
      expect(session.account.id).toBe(account.stripeAccountId);
      const c = session.components;
      for (const name of [
        "account_onboarding",
        "payouts",
        "payments",
        "balances",
        "account_management",
        "notification_banner",
        "documents",
      ]) {
        expect(c[name]?.enabled, name).toBe(true);
      }
      expect(c.payments?.features).toMatchObject({ refund_management: false, dispute_management: false });
      expect(c.payouts?.features).toMatchObject({
        standard_payouts: true,
        edit_payout_schedule: true,
        instant_payouts: false,
      });
    }
  });

  it("never opens the account named in the request: seller A asking for B's account is refused", async () => {
    const res = await call(POST, callers.sellerA, URL, {
      method: "POST",
      json: { account: accountB.stripeAccountId },
    });
    expect(res.status).toBe(422);
    expect(res.body.clientSecret).toBeUndefined();
    // A query string naming B changes nothing either: the session is still A's.
    const viaQuery = await call(POST, callers.sellerA, `${URL}?account=${accountB.stripeAccountId}`, {
      method: "POST",
    });
    expect((await claim(viaQuery.body.clientSecret as string)).account.id).toBe(accountA.stripeAccountId);
  });

  it("409 telling a seller without an account (or a disconnected one) to start onboarding", async () => {
    const fresh = await createTestUser("seller");
    const res = await call(POST, fresh, URL, { method: "POST" });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/start onboarding/i);

    const gone = await createTestUser("seller");
    const account = await sellerWithExpressAccount(gone);
    await markAccountDisconnected({ stripeAccountId: account.stripeAccountId, at: new Date() });
    expect((await call(POST, gone, URL, { method: "POST" })).status).toBe(409);
  });

  it("bad input is a 4xx JSON error; other methods 405", async () => {
    const bad = await call(POST, callers.sellerA, URL, {
      method: "POST",
      body: "[",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    const wrongType = await call(POST, callers.sellerA, URL, {
      method: "POST",
      body: "x",
      headers: { "content-type": "text/plain" },
    });
    expect(wrongType.status).toBe(415);
    const big = await call(POST, callers.sellerA, URL, { method: "POST", json: { a: "y".repeat(100_000) } });
    expect(big.status).toBe(413);
    expect(GET().status).toBe(405);
  });

  it("a Stripe outage reaches the seller as a readable 502", async () => {
    // Three failures: the request and both SDK retries (so the fault is used up, nothing lingers).
    await control("/faults", { path: "^/v1/account_sessions$", method: "POST", count: 3, kind: "500" });
    const res = await call(POST, callers.sellerA, URL, { method: "POST" });
    expect(res.status).toBe(502);
    expect(res.body.error?.message).toMatch(/could not reach Stripe/i);
  });
});
