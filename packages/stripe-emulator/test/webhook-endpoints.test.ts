/**
 * Webhook endpoints as Stripe's API reference defines them (docs.stripe.com/api/webhook_endpoints):
 * `enabled_events` decides which event types an endpoint receives (`*` = all), `api_version` ("Events sent
 * to this endpoint will be generated with this Stripe Version instead of your account's default") is
 * stamped on what it receives and cannot be changed after creation, `connect` picks connected-account or
 * platform events, and the `secret` is returned only at creation.
 */
import type Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorOptions } from "../src/server";
import {
  expressAccount,
  rejects,
  startTestEmulator,
  waitFor,
  webhookReceiver,
  type TestEmulator,
} from "./helpers";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(opts: EmulatorOptions = {}) {
  const hook = await webhookReceiver();
  const t = await startTestEmulator(opts);
  cleanups.push(
    () => hook.close(),
    () => t.close(),
  );
  return { t, hook };
}

const types = (hook: { received: Array<{ body: string }> }): string[] =>
  hook.received.map((r) => (JSON.parse(r.body) as Stripe.Event).type);

/** Waits until every delivery the emulator made has settled, so "not delivered" is a fact, not a race. */
async function settled(t: TestEmulator): Promise<void> {
  await waitFor(async () => {
    const { data } = await t.control<{ data: Array<{ status: string }> }>("/_emulator/deliveries");
    return data.every((d) => d.status === "succeeded" || d.status === "failed");
  });
}

describe("POST /v1/webhook_endpoints (Stripe API reference: Create a webhook endpoint)", () => {
  it("creates an endpoint with its secret once, and lists and retrieves it without the secret", async () => {
    const { t, hook } = await setup();
    const created = await t.stripe.webhookEndpoints.create({
      url: hook.url,
      enabled_events: ["payment_intent.succeeded", "charge.dispute.closed"],
      api_version: "2025-03-31.basil",
      connect: true,
      description: "Connect endpoint",
    });
    expect(created).toMatchObject({
      object: "webhook_endpoint",
      url: hook.url,
      enabled_events: ["payment_intent.succeeded", "charge.dispute.closed"],
      api_version: "2025-03-31.basil",
      status: "enabled",
      livemode: false,
      description: "Connect endpoint",
    });
    expect(created.id).toMatch(/^we_/);
    expect(created.secret).toMatch(/^whsec_/);
    const retrieved = await t.stripe.webhookEndpoints.retrieve(created.id);
    expect(retrieved.secret).toBeUndefined();
    expect(retrieved.enabled_events).toEqual(created.enabled_events);
    const list = await t.stripe.webhookEndpoints.list();
    expect(list.data.map((e) => e.id)).toEqual([created.id]);
  });

  it("delivers only the subscribed types, stamped with the endpoint's api_version and signed with its secret", async () => {
    const { t, hook } = await setup();
    const seller = await expressAccount(t);
    const endpoint = await t.stripe.webhookEndpoints.create({
      url: hook.url,
      enabled_events: ["customer.created"],
      api_version: "2025-03-31.basil",
      connect: true,
    });
    const customer = await t.stripe.customers.create({ name: "a" }, { stripeAccount: seller.id });
    await t.stripe.customers.update(customer.id, { name: "b" }, { stripeAccount: seller.id });
    await waitFor(() => hook.received.length >= 1);
    await settled(t);
    expect(types(hook)).toEqual(["customer.created"]);
    const first = hook.received[0];
    const event = t.stripe.webhooks.constructEvent(
      first?.body ?? "",
      first?.signature ?? "",
      endpoint.secret ?? "",
    );
    expect(event.api_version).toBe("2025-03-31.basil");
    // The event itself keeps the account's default version; only this endpoint's copy is re-rendered.
    expect((await t.stripe.events.retrieve(event.id, {}, { stripeAccount: seller.id })).api_version).toBe(
      "2026-10-28.endive",
    );
    // customer.updated exists, it is just not subscribed here.
    const updated = await t.stripe.events.list({ type: "customer.updated" }, { stripeAccount: seller.id });
    expect(updated.data).toHaveLength(1);
  });

  it("`*` subscribes to every type; a platform endpoint gets no connected-account events", async () => {
    const { t, hook } = await setup();
    const platformHook = await webhookReceiver();
    cleanups.push(() => platformHook.close());
    const seller = await expressAccount(t);
    await t.stripe.webhookEndpoints.create({ url: hook.url, enabled_events: ["*"], connect: true });
    await t.stripe.webhookEndpoints.create({ url: platformHook.url, enabled_events: ["*"] });
    const customer = await t.stripe.customers.create({ name: "a" }, { stripeAccount: seller.id });
    await t.stripe.customers.update(customer.id, { name: "b" }, { stripeAccount: seller.id });
    await t.stripe.customers.create({ name: "platform's own" });
    await waitFor(() => hook.received.length >= 2 && platformHook.received.length >= 1);
    await settled(t);
    expect(types(hook)).toEqual(["customer.created", "customer.updated"]);
    expect(types(platformHook)).toEqual(["customer.created"]);
    expect((JSON.parse(platformHook.received[0]?.body ?? "{}") as Stripe.Event).account).toBeUndefined();
  });

  it("update changes the subscription, `disabled` stops delivery and delete removes the endpoint", async () => {
    const { t, hook } = await setup();
    const endpoint = await t.stripe.webhookEndpoints.create({
      url: hook.url,
      enabled_events: ["customer.created"],
    });
    const narrowed = await t.stripe.webhookEndpoints.update(endpoint.id, {
      enabled_events: ["customer.updated"],
    });
    expect(narrowed.enabled_events).toEqual(["customer.updated"]);
    const customer = await t.stripe.customers.create({ name: "a" });
    await t.stripe.customers.update(customer.id, { name: "b" });
    await waitFor(() => hook.received.length >= 1);
    await t.stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
    expect((await t.stripe.webhookEndpoints.retrieve(endpoint.id)).status).toBe("disabled");
    await t.stripe.customers.update(customer.id, { name: "c" });
    await settled(t);
    expect(types(hook)).toEqual(["customer.updated"]);
    const deleted = await t.stripe.webhookEndpoints.del(endpoint.id);
    expect(deleted).toMatchObject({ id: endpoint.id, deleted: true });
    const missing = await rejects(t.stripe.webhookEndpoints.retrieve(endpoint.id));
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("refuses bad input with Stripe's error shape and creates nothing", async () => {
    const { t, hook } = await setup();
    const missing = await rejects(
      t.stripe.webhookEndpoints.create({ url: hook.url } as Stripe.WebhookEndpointCreateParams),
    );
    expect(missing).toMatchObject({
      type: "StripeInvalidRequestError",
      code: "parameter_missing",
      param: "enabled_events",
    });
    const badType = await rejects(
      t.stripe.webhookEndpoints.create({
        url: hook.url,
        enabled_events: [
          "payment intent succeeded",
        ] as unknown as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
      }),
    );
    expect(badType).toMatchObject({ statusCode: 400, param: "enabled_events[0]" });
    const badUrl = await rejects(
      t.stripe.webhookEndpoints.create({ url: "not a url", enabled_events: ["*"] }),
    );
    expect(badUrl).toMatchObject({ statusCode: 400, param: "url" });
    expect((await t.stripe.webhookEndpoints.list()).data).toHaveLength(0);

    // The version is fixed at creation ("You can't change this value after you create the endpoint").
    const endpoint = await t.stripe.webhookEndpoints.create({ url: hook.url, enabled_events: ["*"] });
    const versionChange = await rejects(
      t.stripe.webhookEndpoints.update(endpoint.id, {
        api_version: "2025-03-31.basil",
      } as Stripe.WebhookEndpointUpdateParams),
    );
    expect(versionChange).toMatchObject({ statusCode: 400, param: "api_version" });
    expect((await t.stripe.webhookEndpoints.retrieve(endpoint.id)).api_version).toBeNull();
  });
});

describe("the built-in platform and Connect endpoints", () => {
  it("subscribe to the events and version whoever started the emulator gave them, and nothing else", async () => {
    const hook = await webhookReceiver();
    const t = await startTestEmulator({
      webhookUrl: hook.url,
      platformEvents: ["application_fee.created"],
      connectEvents: ["payment_intent.succeeded"],
      webhookApiVersion: "2025-03-31.basil",
    });
    cleanups.push(
      () => hook.close(),
      () => t.close(),
    );
    const listed = await t.stripe.webhookEndpoints.list();
    expect(listed.data.map((e) => [e.id, e.enabled_events]).sort()).toEqual([
      ["we_connect", ["payment_intent.succeeded"]],
      ["we_platform", ["application_fee.created"]],
    ]);
    const seller = await expressAccount(t);
    await t.stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        application_fee_amount: 100,
        payment_method: "pm_card_visa",
        confirm: true,
        return_url: "https://shop.example/return",
      },
      { stripeAccount: seller.id },
    );
    await waitFor(() => hook.received.length >= 2);
    await settled(t);
    // charge.succeeded, payment_intent.created, account.updated... happened too, but were not subscribed.
    expect(types(hook).sort()).toEqual(["application_fee.created", "payment_intent.succeeded"]);
    expect(hook.received.map((r) => (JSON.parse(r.body) as Stripe.Event).api_version)).toEqual([
      "2025-03-31.basil",
      "2025-03-31.basil",
    ]);
  });

  it("subscribe to every type when nobody says otherwise", async () => {
    const hook = await webhookReceiver();
    const t = await startTestEmulator({ webhookUrl: hook.url });
    cleanups.push(
      () => hook.close(),
      () => t.close(),
    );
    const listed = await t.stripe.webhookEndpoints.list();
    expect(listed.data.map((e) => e.enabled_events)).toEqual([["*"], ["*"]]);
  });
});
