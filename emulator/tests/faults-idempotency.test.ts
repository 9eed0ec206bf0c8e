import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expressAccount, startTestEmulator, type TestEmulator } from "./helpers";

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
};

async function rejects(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (err) {
    return err as Stripe.errors.StripeError;
  }
  throw new Error("expected the call to fail");
}

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

  it("faults can be listed and cleared", async () => {
    await t.control("/_emulator/faults", { path: "/v1/charges", count: 5, kind: "500" });
    expect((await t.control<{ data: unknown[] }>("/_emulator/faults")).data).toHaveLength(1);
    await t.control("/_emulator/faults", undefined, "DELETE");
    await expect(t.stripe.charges.list({}, on())).resolves.toMatchObject({ object: "list" });
  });
});
