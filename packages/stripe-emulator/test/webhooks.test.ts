import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorOptions } from "../src/server";
import type { Delivery } from "../src/state";
import { expressAccount, startTestEmulator, waitFor, webhookReceiver, type TestEmulator } from "./helpers";

const PLATFORM_SECRET = "whsec_test_platform";
const CONNECT_SECRET = "whsec_test_connect";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(
  status?: (n: number) => number | "hang",
  opts: EmulatorOptions = {},
): Promise<{ t: TestEmulator; hook: Awaited<ReturnType<typeof webhookReceiver>> }> {
  const hook = await webhookReceiver(status);
  const t = await startTestEmulator({
    webhookUrl: hook.url,
    platformWebhookSecret: PLATFORM_SECRET,
    connectWebhookSecret: CONNECT_SECRET,
    ...opts,
  });
  cleanups.push(
    () => hook.close(),
    () => t.close(),
  );
  return { t, hook };
}

function parse(t: TestEmulator, body: string, signature: string, secret: string): Stripe.Event {
  return t.stripe.webhooks.constructEvent(body, signature, secret);
}

describe("webhook delivery", () => {
  it("signs connected-account events with the Connect secret and platform events with the platform secret", async () => {
    const { t, hook } = await setup();
    const seller = await expressAccount(t);
    await t.stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        application_fee_amount: 100,
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      { stripeAccount: seller.id },
    );
    await waitFor(() => hook.received.some((r) => r.body.includes('"application_fee.created"')));
    await waitFor(() => hook.received.some((r) => r.body.includes('"payment_intent.succeeded"')));
    for (const r of hook.received) {
      const raw = JSON.parse(r.body) as Stripe.Event;
      const event = parse(t, r.body, r.signature, raw.account ? CONNECT_SECRET : PLATFORM_SECRET);
      expect(event.livemode).toBe(false);
      expect(event.api_version).toBe("2026-10-28.endive");
      if (event.type === "payment_intent.succeeded") expect(event.account).toBe(seller.id);
      if (event.type === "application_fee.created") expect(event.account).toBeUndefined();
    }
    const connectEvent = hook.received.find((r) => r.body.includes('"payment_intent.succeeded"'));
    expect(() => parse(t, connectEvent?.body ?? "", connectEvent?.signature ?? "", PLATFORM_SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it("a tampered payload is refused by constructEvent", async () => {
    const { t, hook } = await setup();
    await t.stripe.customers.create({ email: "buyer@example.com" });
    const r = await waitFor(() => hook.received[0]);
    expect(parse(t, r.body, r.signature, PLATFORM_SECRET).type).toBe("customer.created");
    const tampered = r.body.replace("buyer@example.com", "evil@example.com");
    expect(() => parse(t, tampered, r.signature, PLATFORM_SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it("redelivers after a 500 with backoff, and records every attempt", async () => {
    const { t, hook } = await setup((n) => (n === 0 ? 500 : 200));
    const customer = await t.stripe.customers.create({ email: "a@example.com" });
    await waitFor(() => hook.received.length >= 2);
    expect(hook.received[0]?.body).toBe(hook.received[1]?.body);
    const events = await t.control<{ data: Stripe.Event[] }>("/_emulator/events?type=customer.created");
    const event = events.data.find((e) => (e.data.object as Stripe.Customer).id === customer.id);
    const deliveries = await waitFor(async () => {
      const d = await t.control<{ data: Delivery[] }>(`/_emulator/events/${event?.id}/deliveries`);
      return d.data[0]?.status === "succeeded" ? d.data : undefined;
    });
    expect(deliveries[0]?.attempts.map((a) => a.status)).toEqual([500, 200]);
  });

  it("redelivers after the receiver times out (hangs past webhookTimeoutMs)", async () => {
    const { t, hook } = await setup((n) => (n === 0 ? "hang" : 200), { webhookTimeoutMs: 200 });
    await t.stripe.customers.create({ email: "slow@example.com" });
    const delivery = await waitFor(async () =>
      (await t.control<{ data: Delivery[] }>("/_emulator/deliveries")).data.find(
        (d) => d.status === "succeeded",
      ),
    );
    const [timedOut, ok] = delivery.attempts;
    expect(timedOut).toMatchObject({ status: null, error: "timeout after 200ms" });
    expect(timedOut?.duration_ms).toBeGreaterThanOrEqual(190);
    expect(ok?.status).toBe(200);
    expect(delivery.attempts).toHaveLength(2);
    // The receiver got the same signed event twice: it must dedupe by event id.
    expect(hook.received).toHaveLength(2);
    const ids = hook.received.map((r) => parse(t, r.body, r.signature, PLATFORM_SECRET).id);
    expect(ids[0]).toBe(ids[1]);
  });

  it("retries on the configured schedule: each wait is the next (growing) delay", async () => {
    const schedule = [100, 400, 900];
    const { t, hook } = await setup(() => 503, { retrySchedule: schedule });
    await t.stripe.customers.create({});
    const failed = await waitFor(
      async () =>
        (await t.control<{ data: Delivery[] }>("/_emulator/deliveries")).data.find(
          (d) => d.status === "failed",
        ),
      5000,
    );
    expect(failed.attempts).toHaveLength(schedule.length + 1);
    expect(hook.received).toHaveLength(schedule.length + 1);
    const waits = failed.attempts
      .slice(1)
      .map((a, i) => a.at - ((failed.attempts[i]?.at ?? 0) + (failed.attempts[i]?.duration_ms ?? 0)));
    waits.forEach((wait, i) => {
      const delay = schedule[i] ?? 0;
      expect(wait, `wait before retry ${i + 1}`).toBeGreaterThanOrEqual(delay - 5);
      expect(wait, `wait before retry ${i + 1}`).toBeLessThan(delay + 200); // timers on a busy machine
    });
    expect([...waits].sort((a, b) => a - b)).toEqual(waits);
  });

  it("gives up after the retry schedule when the endpoint keeps failing", async () => {
    const { t, hook } = await setup(() => 503);
    await t.stripe.customers.create({});
    const failed = await waitFor(async () =>
      (await t.control<{ data: Delivery[] }>("/_emulator/deliveries")).data.find(
        (d) => d.status === "failed",
      ),
    );
    expect(failed.attempts).toHaveLength(3); // first try + the two retries of the test schedule
    expect(hook.received).toHaveLength(3);
  });

  it("resend, duplicates, pause/resume in reverse order, and signed payloads for the app's own tests", async () => {
    const { t, hook } = await setup();
    await t.control("/_emulator/delivery/pause", {});
    const a = await t.stripe.customers.create({ name: "first" });
    const b = await t.stripe.customers.create({ name: "second" });
    await new Promise((r) => setTimeout(r, 50));
    expect(hook.received).toHaveLength(0);
    await t.control("/_emulator/delivery/resume", { order: "reverse" });
    await waitFor(() => hook.received.length === 2);
    const order = hook.received.map(
      (r) => (JSON.parse(r.body) as Stripe.Event).data.object as Stripe.Customer,
    );
    expect(order.map((c) => c.id)).toEqual([b.id, a.id]);

    const eventId = (JSON.parse(hook.received[0]?.body ?? "{}") as Stripe.Event).id;
    await t.control(`/_emulator/events/${eventId}/duplicate`, { count: 2 });
    await t.control(`/_emulator/events/${eventId}/resend`, {});
    await waitFor(() => hook.received.length === 5);
    expect(hook.received.filter((r) => r.body.includes(eventId))).toHaveLength(4);

    const signed = await t.control<{ payload: string; header: string }>(
      `/_emulator/events/${eventId}/signed?secret=platform`,
    );
    expect(parse(t, signed.payload, signed.header, PLATFORM_SECRET).id).toBe(eventId);
  });

  it("extra endpoints can filter Connect events by account", async () => {
    const { t } = await setup();
    const extra = await webhookReceiver();
    cleanups.push(() => extra.close());
    const seller = await expressAccount(t);
    const other = await expressAccount(t);
    await t.control("/_emulator/webhook_endpoints", {
      url: extra.url,
      secret: "whsec_extra",
      connect: true,
      accounts: [seller.id],
    });
    await t.stripe.customers.create({ name: "s" }, { stripeAccount: seller.id });
    await t.stripe.customers.create({ name: "o" }, { stripeAccount: other.id });
    await waitFor(() => extra.received.length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(extra.received.every((r) => (JSON.parse(r.body) as Stripe.Event).account === seller.id)).toBe(
      true,
    );
    expect(
      parse(t, extra.received[0]?.body ?? "", extra.received[0]?.signature ?? "", "whsec_extra").account,
    ).toBe(seller.id);
  });
});
