import { beforeAll, describe, expect, it } from "vitest";
import type { ConnectedAccount } from "@/db/schema";
import { call, sellerWithExpressAccount } from "@/tests/helpers/connect";
import { emulatorUrl } from "@/tests/helpers/emulator";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { GET, POST } from "@/app/api/connect/login-link/route";

const URL = "/api/connect/login-link";
let callers: Awaited<ReturnType<typeof createCallers>>;
let accountB: ConnectedAccount;

beforeAll(async () => {
  callers = await createCallers();
  await sellerWithExpressAccount(callers.sellerA, { onboarded: true });
  accountB = await sellerWithExpressAccount(callers.sellerB, { onboarded: true });
});

describe("POST /api/connect/login-link", () => {
  it("401 anonymous (a JSON error), 403 buyer and admin", async () => {
    const anon = await call(POST, null, URL, { method: "POST" });
    expect(anon.status).toBe(401);
    expect(anon.body).toEqual({
      error: { code: "unauthorized:login_link", message: expect.any(String) as string },
    });
    expect((await call(POST, callers.buyer, URL, { method: "POST" })).status).toBe(403);
    expect((await call(POST, callers.admin, URL, { method: "POST" })).status).toBe(403);
  });

  it("gives each seller a link into their own Express dashboard", async () => {
    for (const [seller, other] of [
      [callers.sellerA, callers.sellerB],
      [callers.sellerB, callers.sellerA],
    ] as const) {
      const res = await call(POST, seller, URL, { method: "POST" });
      expect(res.status).toBe(200);
      const url = res.body.url as string;
      expect(url.startsWith(`${emulatorUrl()}/_emulator/hosted/express/`)).toBe(true);
      const page = await (await fetch(url)).text();
      expect(page).toContain("Express dashboard");
      // The emulator's Express dashboard is headed with the account's business name (our shop name).
      expect(page).toContain(String(seller.businessName));
      expect(page).not.toContain(String(other.businessName));
    }
  });

  it("refuses a body naming another seller's account", async () => {
    const res = await call(POST, callers.sellerA, URL, {
      method: "POST",
      json: { account: accountB.stripeAccountId },
    });
    expect(res.status).toBe(422);
    expect(res.body.url).toBeUndefined();
  });

  it("409 before onboarding is finished, and for sellers without an account", async () => {
    const notYet = await createTestUser("seller");
    await sellerWithExpressAccount(notYet);
    const res = await call(POST, notYet, URL, { method: "POST" });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/finish onboarding/i);
    expect((await call(POST, await createTestUser("seller"), URL, { method: "POST" })).status).toBe(409);
  });

  it("malformed JSON, wrong content types and oversized bodies get a 4xx JSON error and no link", async () => {
    const malformed = await call(POST, callers.sellerA, URL, {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: "bad_request:malformed_json" } } });
    const wrongType = await call(POST, callers.sellerA, URL, {
      method: "POST",
      body: `account=${accountB.stripeAccountId}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(wrongType).toMatchObject({
      status: 415,
      body: { error: { code: "unsupported_media_type:body" } },
    });
    const big = await call(POST, callers.sellerA, URL, { method: "POST", json: { pad: "x".repeat(70_000) } });
    expect(big).toMatchObject({ status: 413, body: { error: { code: "payload_too_large:body" } } });
    for (const res of [malformed, wrongType, big]) {
      expect(res.body.error?.message).toEqual(expect.any(String));
      expect(res.body.url).toBeUndefined();
    }
    expect(GET().status).toBe(405);
  });
});
