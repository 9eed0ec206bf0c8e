import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseForm } from "../src/form";
import { EMULATOR_DEFAULTS, EmulatorClient } from "../src/index";
import { startTestEmulator, type TestEmulator, rejects, emulatorForFile, postForm } from "./helpers";

const t = emulatorForFile();

type ErrorBody = { error: { type: string; param?: string; message: string; code?: string } };

const post = (path: string, body: string, headers?: Record<string, string>) =>
  postForm(t, path, body, headers);

describe("form decoding", () => {
  it("decodes nested brackets, indexed arrays and expand[] as the SDK sends them", () => {
    const params = parseForm(
      "a[b][c]=1&list[1]=y&list[0]=x&expand[]=latest_charge&expand[]=customer&metadata[k]=v%20w&empty=",
    );
    expect(params).toEqual({
      a: { b: { c: "1" } },
      list: ["x", "y"],
      expand: ["latest_charge", "customer"],
      metadata: { k: "v w" },
      empty: "",
    });
  });

  it("refuses prototype keys and value/hash conflicts with a 400, not a crash", () => {
    expect(() => parseForm("__proto__[x]=1")).toThrow(/unknown parameter/);
    expect(() => parseForm("a=1&a[b]=2")).toThrow(/both a value and a hash/);
  });
});

describe("bad input", () => {
  it("unknown parameters name the parameter, nested ones in bracket notation", async () => {
    const top = await rejects(t.stripe.customers.create({ nickname: "x" } as Stripe.CustomerCreateParams));
    expect(top).toMatchObject({
      type: "StripeInvalidRequestError",
      param: "nickname",
      message: "Received unknown parameter: nickname",
    });
    const nested = await rejects(
      t.stripe.accounts.create({
        type: "express",
        business_profile: { colour: "red" },
      } as Stripe.AccountCreateParams),
    );
    expect(nested.param).toBe("business_profile[colour]");
  });

  it("wrong types and missing required parameters", async () => {
    const wrong = (await (await post("/v1/payment_intents", "amount=ten&currency=usd")).json()) as ErrorBody;
    expect(wrong.error).toMatchObject({
      type: "invalid_request_error",
      param: "amount",
      message: "Invalid integer: ten",
    });
    const bool = (await (
      await post("/v1/payment_intents", "amount=100&currency=usd&confirm=maybe")
    ).json()) as ErrorBody;
    expect(bool.error.param).toBe("confirm");
    const missing = await rejects(
      t.stripe.paymentIntents.create({ amount: 1000 } as Stripe.PaymentIntentCreateParams),
    );
    expect(missing).toMatchObject({ param: "currency", code: "parameter_missing" });
  });

  it("malformed bodies get a 400", async () => {
    const brackets = await post("/v1/customers", "name]=x&[[=1");
    expect(brackets.status).toBe(400);
    const json = await post("/v1/customers", "{not json", { "Content-Type": "application/json" });
    expect(json.status).toBe(400);
    expect(((await json.json()) as ErrorBody).error.type).toBe("invalid_request_error");
    expect(
      (
        await fetch(`${t.url}/_emulator/browser/account_sessions/claim`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: "[1,2",
        })
      ).status,
    ).toBe(400);
  });

  it("a missing, malformed or live key gets 401", async () => {
    expect((await fetch(`${t.url}/v1/customers`)).status).toBe(401);
    expect((await fetch(`${t.url}/v1/customers`, { headers: { Authorization: "Bearer nope" } })).status).toBe(
      401,
    );
    const live = new Stripe("sk_live_123", {
      host: "127.0.0.1",
      port: t.emu.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    const err = await rejects(live.customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it("unknown URLs are Stripe's 404 with a Request-Id; CORS only for the app's origin, never `*`", async () => {
    const app = "http://localhost:3000";
    const res = await fetch(`${t.url}/v1/nothing`, {
      headers: { Authorization: "Bearer sk_test_x", Origin: app },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("request-id")).toMatch(/^req_/);
    expect(res.headers.get("access-control-allow-origin")).toBe(app);
    expect(res.headers.get("vary")).toContain("Origin");
    const preflight = await fetch(`${t.url}/v1/payment_intents/pi_1/confirm`, {
      method: "OPTIONS",
      headers: { Origin: "http://127.0.0.1:3000", "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Stripe-Account");
    // Any other site gets no CORS grant: its page cannot read the answer.
    const foreign = await fetch(`${t.url}/v1/nothing`, { headers: { Origin: "https://evil.example" } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the control API needs the emulator's key and answers no CORS", () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.close());

  const paths: [string, string][] = [
    ["GET", "/_emulator/state"],
    ["GET", "/_emulator/events"],
    ["POST", "/_emulator/reset"],
    ["POST", "/_emulator/clock/advance"],
    ["POST", "/_emulator/faults"],
    ["POST", "/_emulator/webhook_endpoints"],
    ["GET", "/_emulator/events/evt_1/signed"],
  ];

  it.each(paths)("%s %s without the key is 401 and changes nothing", async (method, path) => {
    const before = await new EmulatorClient({ url: t.url }).state();
    for (const authorization of [
      undefined,
      "Bearer sk_test_someone_else",
      `Bearer ${EMULATOR_DEFAULTS.publishableKey}`,
    ]) {
      const res = await fetch(`${t.url}${path}`, {
        method,
        headers: {
          Origin: "https://evil.example",
          "content-type": "application/json",
          ...(authorization ? { authorization } : {}),
        },
        ...(method === "POST"
          ? {
              body: JSON.stringify({
                seconds: 99999,
                url: "http://x.example",
                secret: "whsec_x",
                path: "/v1",
                kind: "500",
              }),
            }
          : {}),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(((await res.json()) as { error: { type: string } }).error.type).toBe("authentication_error");
    }
    const after = await new EmulatorClient({ url: t.url }).state();
    expect(after.clock_offset).toBe(before.clock_offset);
    expect(after.faults).toEqual(before.faults);
    expect(after.webhook_endpoints).toEqual(before.webhook_endpoints);
  });

  it("even from the app's own origin, the control API grants no CORS", async () => {
    const res = await fetch(`${t.url}/_emulator/state`, {
      headers: { Origin: "http://localhost:3000", authorization: `Bearer ${EMULATOR_DEFAULTS.secretKey}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("the typed client carries the key; a client with another key is refused", async () => {
    const client = new EmulatorClient({ url: t.url });
    await expect(client.advanceClock(60)).resolves.toMatchObject({ offset: 60 });
    const stranger = new EmulatorClient({ url: t.url, secretKey: "sk_test_not_the_emulators" });
    await expect(stranger.reset()).rejects.toMatchObject({ status: 401 });
    expect((await client.state()).clock_offset).toBe(60);
  });
});
