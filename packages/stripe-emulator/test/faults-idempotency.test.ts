import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expressAccount, startTestEmulator, type TestEmulator, rejects } from "./helpers";

let t: TestEmulator;
let seller: Stripe.Account;
let impatient: Stripe;
beforeAll(async () => {
  t = await startTestEmulator({ faultTimeoutMs: 1000 });
  seller = await expressAccount(t);
  impatient = new Stripe("sk_test_emulator_platform", {
    host: "127.0.0.1",
    port: t.emu.port,
    protocol: "http",
    maxNetworkRetries: 0,
    timeout: 200,
  });
});
afterAll(() => t.close());

const on = () => ({ stripeAccount: seller.id });
const params: Stripe.PaymentIntentCreateParams = {
  amount: 1000,
  currency: "usd",
  application_fee_amount: 100,
  payment_method: "pm_card_visa",
  confirm: true,
  automatic_payment_methods: { enabled: true, allow_redirects: "never" },
};

async function intentCount(): Promise<number> {
  return (await t.stripe.paymentIntents.list({ limit: 100 }, on())).data.length;
}

describe("idempotency", () => {
  it("replays the first response for the same key and parameters", async () => {
    const first = await t.stripe.paymentIntents.create(params, { ...on(), idempotencyKey: "order-1" });
    const second = await t.stripe.paymentIntents.create(params, { ...on(), idempotencyKey: "order-1" });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
  });

  it("refuses the same key with different parameters (idempotency_error)", async () => {
    await t.stripe.paymentIntents.create(params, { ...on(), idempotencyKey: "order-2" });
    const err = await rejects(
      t.stripe.paymentIntents.create({ ...params, amount: 2000 }, { ...on(), idempotencyKey: "order-2" }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.statusCode).toBe(400);
    expect(err.type).toBe("StripeIdempotencyError");
  });

  it("scopes keys per account", async () => {
    const other = await expressAccount(t);
    const a = await t.stripe.paymentIntents.create(params, { ...on(), idempotencyKey: "order-3" });
    const b = await t.stripe.paymentIntents.create(params, {
      stripeAccount: other.id,
      idempotencyKey: "order-3",
    });
    expect(b.id).not.toBe(a.id);
  });

  it("scopes keys per secret key: an OAuth access token or a second platform key is another scope", async () => {
    const redirectUri = "http://localhost:3000/api/connect/oauth/callback";
    const decision = await fetch(`${t.url}/oauth/authorize/decision`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        decision: "connect",
        client_id: "ca_emulator",
        scope: "read_write",
        redirect_uri: redirectUri,
        state: "s",
      }).toString(),
    });
    const code = new URL(decision.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const token = await t.stripe.oauth.token({ grant_type: "authorization_code", code });
    const standard = token.stripe_user_id as string;
    const client = (key: string) =>
      new Stripe(key, { host: "127.0.0.1", port: t.emu.port, protocol: "http", maxNetworkRetries: 0 });
    const asStandard = client(token.access_token as string);
    const secondPlatformKey = client("sk_test_second_platform_key");
    const same = { name: "same params" };
    const key = { idempotencyKey: "scope-1" };

    // The platform key acting on the Standard account, then the account's own OAuth token: same account,
    // same key, same parameters — yet two requests, because the secret key differs.
    const viaPlatform = await t.stripe.customers.create(same, { ...key, stripeAccount: standard });
    const viaToken = await asStandard.customers.create(same, key);
    expect(viaToken.id).not.toBe(viaPlatform.id);
    expect(viaToken.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    const replayed = await asStandard.customers.create(same, key);
    expect(replayed.id).toBe(viaToken.id);
    expect(replayed.lastResponse.headers["idempotent-replayed"]).toBe("true");
    // Different parameters under the other scope's key are no idempotency_error either.
    await expect(
      asStandard.customers.create({ name: "other" }, { idempotencyKey: "order-1" }),
    ).resolves.toMatchObject({ object: "customer" });
    const customers = await t.stripe.customers.list({ limit: 100 }, { stripeAccount: standard });
    expect(customers.data).toHaveLength(3); // via the platform, via the token (replayed once), "other"
    expect(customers.data.map((c) => c.id)).toEqual(expect.arrayContaining([viaPlatform.id, viaToken.id]));

    // Two platform keys: both act as the platform, but each has its own keys.
    const first = await t.stripe.customers.create(same, { idempotencyKey: "scope-2" });
    const second = await secondPlatformKey.customers.create(same, { idempotencyKey: "scope-2" });
    expect(second.id).not.toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect((await t.stripe.customers.create(same, { idempotencyKey: "scope-2" })).id).toBe(first.id);
  });

  it("replays errors too: a declined card stays declined under its key", async () => {
    const decline = { ...params, payment_method: "pm_card_chargeDeclined" };
    const first = await rejects(
      t.stripe.paymentIntents.create(decline, { ...on(), idempotencyKey: "order-4" }),
    );
    const again = await rejects(
      t.stripe.paymentIntents.create(decline, { ...on(), idempotencyKey: "order-4" }),
    );
    expect(again.code).toBe(first.code);
    expect(again.payment_intent?.id).toBe(first.payment_intent?.id);
    expect(again.headers?.["idempotent-replayed"]).toBe("true");
  });
});

describe("fault injection", () => {
  it("500: answered with api_error, the request is not applied", async () => {
    const before = await intentCount();
    await t.control("/_emulator/faults", {
      path: "^/v1/payment_intents$",
      method: "POST",
      count: 1,
      kind: "500",
    });
    const err = await rejects(t.stripe.paymentIntents.create(params, on()));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(err.statusCode).toBe(500);
    expect(await intentCount()).toBe(before);
    await expect(t.stripe.paymentIntents.create(params, on())).resolves.toMatchObject({
      status: "succeeded",
    });
  });

  it("429: rate limited", async () => {
    await t.control("/_emulator/faults", { path: "/v1/balance", count: 1, kind: "429" });
    const err = await rejects(t.stripe.balance.retrieve({}, on()));
    expect(err).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(err.statusCode).toBe(429);
  });

  it("timeout: the connection hangs and the SDK times out", async () => {
    const before = await intentCount();
    await t.control("/_emulator/faults", {
      path: "/v1/payment_intents",
      method: "POST",
      count: 1,
      kind: "timeout",
    });
    const err = await rejects(impatient.paymentIntents.create(params, on()));
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(await intentCount()).toBe(before);
  });

  it("drop: the connection is closed without an answer", async () => {
    // stripe-node 23 retries a closed connection once even with maxNetworkRetries 0 (under the automatic
    // idempotency key it puts on every POST), so one drop is absorbed and two reach the caller.
    const before = (await t.stripe.customers.list({ limit: 100 }, on())).data.length;
    await t.control("/_emulator/faults", { path: "/v1/customers", method: "POST", count: 1, kind: "drop" });
    await expect(t.stripe.customers.create({}, on())).resolves.toMatchObject({ object: "customer" });
    await t.control("/_emulator/faults", { path: "/v1/customers", method: "POST", count: 2, kind: "drop" });
    const err = await rejects(t.stripe.customers.create({}, on()));
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect((await t.stripe.customers.list({ limit: 100 }, on())).data.length).toBe(before + 1);
  });

  it("timeout_after: applied but the answer is lost; retrying with the same key gives the same object, no duplicate", async () => {
    const before = await intentCount();
    await t.control("/_emulator/faults", {
      path: "^/v1/payment_intents$",
      method: "POST",
      count: 1,
      kind: "timeout_after",
    });
    const err = await rejects(
      impatient.paymentIntents.create(params, { ...on(), idempotencyKey: "order-lost" }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(await intentCount()).toBe(before + 1);
    const retried = await t.stripe.paymentIntents.create(params, { ...on(), idempotencyKey: "order-lost" });
    expect(retried.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(await intentCount()).toBe(before + 1);
    const listed = await t.stripe.paymentIntents.list({ limit: 1 }, on());
    expect(listed.data[0]?.id).toBe(retried.id);
  });

  it("rate faults fail about that share of matching requests, repeatably (seeded), until cleared", async () => {
    const N = 300;
    const arm = async () => {
      const spec = { path: "^/v1/customers$", method: "POST", seed: 7 };
      await t.control("/_emulator/faults", { ...spec, kind: "500", rate: 0.2 });
      await t.control("/_emulator/faults", { ...spec, kind: "429", rate: 0.1 });
    };
    const run = async (n: number): Promise<string[]> => {
      const outcomes: string[] = [];
      for (let i = 0; i < n; i++) {
        try {
          await t.stripe.customers.create({}, on());
          outcomes.push("ok");
        } catch (err) {
          outcomes.push(String((err as Stripe.errors.StripeError).statusCode));
        }
      }
      return outcomes;
    };
    const customers = async () =>
      (await t.stripe.customers.list({ limit: 100 }, on()).autoPagingToArray({ limit: 10_000 })).length;
    /** Within four standard deviations of the target for this many draws. */
    const near = (count: number, rate: number) =>
      expect(Math.abs(count / N - rate)).toBeLessThan(4 * Math.sqrt((rate * (1 - rate)) / N));

    const before = await customers();
    await arm();
    const first = await run(N);
    const count = (code: string) => first.filter((o) => o === code).length;
    near(count("500"), 0.2);
    near(count("429"), 0.1);
    expect(await customers()).toBe(before + count("ok")); // failed requests were not applied
    const cleared = await t.control<{ data: Array<{ kind: string; seen: number; injected: number }> }>(
      "/_emulator/faults",
      undefined,
      "DELETE",
    );
    expect(cleared.data.map((f) => [f.kind, f.seen, f.injected])).toEqual([
      ["500", N, count("500")],
      ["429", N, count("429")],
    ]);

    await arm();
    expect(await run(N)).toEqual(first); // same seed, same requests failing
    await t.control("/_emulator/faults", undefined, "DELETE");
    expect(await run(20)).toEqual(Array(20).fill("ok"));
  });

  it("rate faults refuse a rate outside (0, 1] and count together with rate", async () => {
    for (const body of [
      { path: "/v1/charges", kind: "500", rate: 0 },
      { path: "/v1/charges", kind: "500", rate: 1.5 },
      { path: "/v1/charges", kind: "500", rate: 0.5, count: 2 },
      { path: "/v1/charges", kind: "500", count: 2, seed: 3 },
    ]) {
      const res = await t.control<{ error?: { param: string } }>("/_emulator/faults", body);
      expect(res.error?.param, JSON.stringify(body)).toMatch(/^(rate|seed)$/);
    }
    expect((await t.control<{ data: unknown[] }>("/_emulator/faults")).data).toHaveLength(0);
  });

  it("faults can be listed and cleared", async () => {
    await t.control("/_emulator/faults", { path: "/v1/charges", count: 5, kind: "500" });
    expect((await t.control<{ data: unknown[] }>("/_emulator/faults")).data).toHaveLength(1);
    await t.control("/_emulator/faults", undefined, "DELETE");
    await expect(t.stripe.charges.list({}, on())).resolves.toMatchObject({ object: "list" });
  });
});
