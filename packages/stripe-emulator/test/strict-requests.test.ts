import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { expressAccount, rejects, emulatorForFile, sellerForFile, postForm } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const on = seller.on;

async function customerCount(): Promise<number> {
  return (await t.stripe.customers.list({ limit: 100 }, on())).data.length;
}

/** A raw form POST, for values the SDK's types would not let through. */
async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await postForm(t, path, body, headers);
  const json = (await res.json()) as {
    id?: string;
    error?: { type: string; code?: string; param?: string; message: string; doc_url?: string };
  };
  return { status: res.status, headers: res.headers, ...json };
}

// Stripe docs, "Idempotent requests" (docs.stripe.com/api/idempotent_requests): results are only saved if
// an API endpoint began executing; a request that fails validation saves nothing and is safe to retry.
describe("idempotency: what is stored under a key", () => {
  it("a request refused by validation is not stored: the same key with corrected parameters succeeds", async () => {
    const key = { ...on(), idempotencyKey: "validation-1" };
    const missing = await rejects(
      t.stripe.paymentIntents.create({ amount: 1000 } as Stripe.PaymentIntentCreateParams, key),
    );
    expect(missing).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "currency" });
    const created = await t.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, key);
    expect(created.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    // From now on the key holds that success: it replays, and other parameters are a misuse.
    const replayed = await t.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, key);
    expect(replayed.id).toBe(created.id);
    expect(replayed.lastResponse.headers["idempotent-replayed"]).toBe("true");
    const misuse = await rejects(t.stripe.paymentIntents.create({ amount: 999, currency: "usd" }, key));
    expect(misuse).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("a malformed value (unknown parameter, bad integer) is not stored either", async () => {
    const headers = { "Idempotency-Key": "validation-2", "Stripe-Account": seller.id };
    const unknown = await post("/v1/customers", "name=A&nickname=x", headers);
    expect(unknown.error?.code).toBe("parameter_unknown");
    const ok = await post("/v1/customers", "name=A", headers);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("idempotent-replayed")).toBeNull();
    expect((await post("/v1/customers", "name=A", headers)).id).toBe(ok.id);
  });

  it("a 500 fault refused before any work stores nothing: the same key runs the request", async () => {
    await t.control("/_emulator/faults", { path: "^/v1/customers$", method: "POST", kind: "500", count: 1 });
    const before = await customerCount();
    const key = { ...on(), idempotencyKey: "refused-500" };
    expect((await rejects(t.stripe.customers.create({ name: "B" }, key))).statusCode).toBe(500);
    expect(await customerCount()).toBe(before);
    const created = await t.stripe.customers.create({ name: "B" }, key);
    expect(created.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(await customerCount()).toBe(before + 1);
  });

  it("a 500 from an endpoint that began executing (500_after) is stored and replayed for 24 h", async () => {
    await t.control("/_emulator/faults", {
      path: "^/v1/customers$",
      method: "POST",
      kind: "500_after",
      count: 1,
      account: seller.id,
    });
    const before = await customerCount();
    const key = { ...on(), idempotencyKey: "stored-500" };
    const first = await rejects(t.stripe.customers.create({ name: "C" }, key));
    expect(first).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(first.statusCode).toBe(500);
    // Stripe tells the SDK not to retry: the key's answer is settled.
    expect(first.headers?.["stripe-should-retry"]).toBe("false");
    expect(await customerCount()).toBe(before + 1); // it did run

    const replay = await rejects(t.stripe.customers.create({ name: "C" }, key));
    expect(replay.statusCode).toBe(500);
    expect(replay.headers?.["idempotent-replayed"]).toBe("true");
    await t.control("/_emulator/clock/advance", { seconds: 23 * 60 * 60 });
    expect((await rejects(t.stripe.customers.create({ name: "C" }, key))).statusCode).toBe(500);
    expect(await customerCount()).toBe(before + 1);

    // A new key makes progress; after 24 h the old key is forgotten and runs again.
    await expect(
      t.stripe.customers.create({ name: "C" }, { ...on(), idempotencyKey: "stored-500-b" }),
    ).resolves.toMatchObject({ object: "customer" });
    await t.control("/_emulator/clock/advance", { seconds: 2 * 60 * 60 });
    const later = await t.stripe.customers.create({ name: "C" }, key);
    expect(later.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(await customerCount()).toBe(before + 3);
  });

  it("a fault scoped to one account leaves other accounts' requests alone", async () => {
    const other = await expressAccount(t);
    await t.control("/_emulator/faults", {
      path: "^/v1/customers$",
      kind: "500",
      count: 1,
      account: seller.id,
    });
    await expect(t.stripe.customers.create({}, { stripeAccount: other.id })).resolves.toMatchObject({
      object: "customer",
    });
    expect((await rejects(t.stripe.customers.create({}, on()))).statusCode).toBe(500);
  });
});

// Stripe error codes (docs.stripe.com/error-codes): parameter errors carry `code`, `param` and a `doc_url`.
describe("parameter errors have Stripe's codes", () => {
  const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replaceAll("_", "-")}`;

  it.each([
    [
      "an unknown parameter",
      "name=A&colour=red",
      "parameter_unknown",
      "colour",
      "Received unknown parameter: colour",
    ],
    [
      "an unknown nested parameter",
      "address[planet]=Mars",
      "parameter_unknown",
      "address[planet]",
      "Received unknown parameter: address[planet]",
    ],
    [
      "a hash given as a string",
      "address=",
      "parameter_invalid_empty",
      "address",
      "You passed an empty string for 'address'",
    ],
  ])("customers: %s", async (_what, body, code, param, message) => {
    const res = await post("/v1/customers", body);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({ type: "invalid_request_error", code, param, doc_url: docUrl(code) });
    expect(res.error?.message).toContain(message);
  });

  it.each([
    [
      "a missing required parameter",
      "amount=1000",
      "parameter_missing",
      "currency",
      "Missing required param: currency.",
    ],
    [
      "a non-integer amount",
      "amount=ten&currency=usd",
      "parameter_invalid_integer",
      "amount",
      "Invalid integer: ten",
    ],
    [
      "an empty amount",
      "amount=&currency=usd",
      "parameter_invalid_empty",
      "amount",
      "You passed an empty string for 'amount'. We assume empty values are an attempt to unset a parameter; however 'amount' cannot be unset.",
    ],
  ])("payment_intents: %s", async (_what, body, code, param, message) => {
    const res = await post("/v1/payment_intents", body, { "Stripe-Account": seller.id });
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({ type: "invalid_request_error", code, param, doc_url: docUrl(code) });
    expect(res.error?.message).toContain(message);
  });

  it("a list limit out of range is parameter_invalid_integer", async () => {
    const res = await fetch(`${t.url}/v1/customers?limit=0`, {
      headers: { Authorization: "Bearer sk_test_emulator_platform" },
    });
    const body = (await res.json()) as { error?: Record<string, string> };
    expect(res.status).toBe(400);
    expect(body.error).toMatchObject({
      code: "parameter_invalid_integer",
      param: "limit",
      message: "This value must be greater than or equal to 1.",
      doc_url: docUrl("parameter_invalid_integer"),
    });
  });

  it("the SDK exposes them as StripeInvalidRequestError with code, param and doc_url", async () => {
    const err = await rejects(
      t.stripe.customers.create({ name: "A", nickname: "x" } as Stripe.CustomerCreateParams),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({
      code: "parameter_unknown",
      param: "nickname",
      doc_url: "https://stripe.com/docs/error-codes/parameter-unknown",
    });
  });
});
