import { beforeAll, describe, expect, it } from "vitest";
import { markAccountDisconnected } from "@/db/queries/connected-accounts";
import { accountCreateIdempotencyKey } from "@/lib/connect/accounts";
import { call, emulatorAccountsFor, rowFor } from "@/tests/helpers/connect";
import { testStripe } from "@/tests/helpers/emulator";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { GET, POST } from "@/app/api/connect/accounts/route";

const URL = "/api/connect/accounts";
let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

describe("POST /api/connect/accounts", () => {
  it("refuses anonymous (401), buyers and admins (403) and creates nothing", async () => {
    const anon = await call(POST, null, URL, { method: "POST" });
    expect(anon.status).toBe(401);
    expect(anon.body).toEqual({
      error: { code: "unauthorized:connect_account", message: expect.any(String) as string },
    });
    for (const user of [callers.buyer, callers.admin]) {
      const res = await call(POST, user, URL, { method: "POST" });
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe("forbidden:connect_account");
      expect(await rowFor(user)).toBeUndefined();
      expect(await emulatorAccountsFor(user.id)).toHaveLength(0);
    }
  });

  it("creates an Express account with controller properties, prefilled from sign-up, and stores it", async () => {
    const seller = await createTestUser("seller", { country: "GB", businessName: "Prefill Pottery" });
    const res = await call(POST, seller, URL, { method: "POST" });
    expect(res.status).toBe(201);
    const [atStripe, ...others] = await emulatorAccountsFor(seller.id);
    expect(others).toHaveLength(0);
    expect(atStripe).toMatchObject({
      email: seller.email,
      country: "GB",
      business_profile: { name: "Prefill Pottery" },
      controller: {
        fees: { payer: "application_express" },
        losses: { payments: "application" },
        stripe_dashboard: { type: "express" },
      },
    });
    expect(res.body.account).toMatchObject({
      id: atStripe?.id,
      type: "express",
      chargesEnabled: false,
      detailsSubmitted: false,
    });
    expect(await rowFor(seller)).toMatchObject({
      stripeAccountId: atStripe?.id,
      type: "express",
      country: "GB",
      chargesEnabled: false,
    });
  });

  it("gives seller A and seller B their own accounts; a second call returns the same one", async () => {
    const a = await call(POST, callers.sellerA, URL, { method: "POST" });
    const b = await call(POST, callers.sellerB, URL, { method: "POST" });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    const idA = (a.body.account as { id: string }).id;
    expect(idA).not.toBe((b.body.account as { id: string }).id);
    const again = await call(POST, callers.sellerA, URL, { method: "POST" });
    expect(again.status).toBe(200);
    expect((again.body.account as { id: string }).id).toBe(idA);
    expect(await emulatorAccountsFor(callers.sellerA.id)).toHaveLength(1);
  });

  it("two (or five) concurrent calls create exactly one Stripe account and one row", async () => {
    const seller = await createTestUser("seller");
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call(POST, seller, URL, { method: "POST" })),
    );
    expect(results.map((r) => r.status).every((s) => s === 200 || s === 201)).toBe(true);
    const ids = new Set(results.map((r) => (r.body.account as { id: string }).id));
    expect(ids.size).toBe(1);
    const atStripe = await emulatorAccountsFor(seller.id);
    expect(atStripe.map((a) => a.id)).toEqual([...ids]);
    expect((await rowFor(seller))?.stripeAccountId).toBe([...ids][0]);
  });

  it("ignores nothing silently: a body naming another seller's account is refused and changes nothing", async () => {
    const seller = await createTestUser("seller");
    const res = await call(POST, seller, URL, {
      method: "POST",
      json: { account: "acct_someone_else", userId: callers.sellerB.id },
    });
    expect(res.status).toBe(422);
    expect(await rowFor(seller)).toBeUndefined();
    expect(await emulatorAccountsFor(seller.id)).toHaveLength(0);
  });

  it("answers malformed JSON, wrong content types, oversized bodies and other methods with 4xx JSON", async () => {
    const seller = callers.sellerB;
    const malformed = await call(POST, seller, URL, {
      method: "POST",
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: "bad_request:malformed_json" } } });
    const text = await call(POST, seller, URL, {
      method: "POST",
      body: "account=acct_x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(text).toMatchObject({ status: 415, body: { error: { code: "unsupported_media_type:body" } } });
    const big = await call(POST, seller, URL, { method: "POST", json: { pad: "x".repeat(70_000) } });
    expect(big).toMatchObject({ status: 413, body: { error: { code: "payload_too_large:body" } } });
    const get = GET();
    expect(get.status).toBe(405);
  });

  it("turns a Stripe refusal into a readable error and writes no row", async () => {
    const seller = await createTestUser("seller");
    // Stripe already holds this seller's idempotency key with other parameters: it refuses the create.
    await testStripe().customers.create(
      { email: "squatter@test.example" },
      { idempotencyKey: accountCreateIdempotencyKey(seller.id) },
    );
    const res = await call(POST, seller, URL, { method: "POST" });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/please reload the page and try again/i);
    expect(res.body.error?.message).not.toMatch(/idempotent|Keys for/i);
    expect(await rowFor(seller)).toBeUndefined();
  });

  it("a seller whose account was disconnected gets a new Express account in the same row", async () => {
    const seller = await createTestUser("seller");
    const first = await call(POST, seller, URL, { method: "POST" });
    const oldId = (first.body.account as { id: string }).id;
    await markAccountDisconnected({ stripeAccountId: oldId, at: new Date() });
    const second = await call(POST, seller, URL, { method: "POST" });
    expect(second.status).toBe(201);
    const newId = (second.body.account as { id: string }).id;
    expect(newId).not.toBe(oldId);
    expect(await rowFor(seller)).toMatchObject({ stripeAccountId: newId, disconnectedAt: null });
  });
});
