import { expect } from "vitest";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { EMULATOR_DEFAULTS, type Delivery } from "@marketplace/stripe-emulator";
import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db } from "@/db/client";
import { setOrderPaymentIntent } from "@/db/queries/orders";
import { getEventById } from "@/db/queries/stripe-events";
import { stripeEvents, type ConnectedAccount, type Order, type Product, type User } from "@/db/schema";
import { env } from "@/lib/env";
import { drainInbox } from "@/lib/webhooks/inbox";
import { subscribedEvents } from "@/lib/webhooks/subscriptions";
import type { HandlerResult, WebhookHandler } from "@/lib/webhooks/types";
import { insertGuestOrder } from "./orders";
import { emulator, testStripe } from "./emulator";

/*
 * Webhook test helpers: real events from the emulator, signed like Stripe signs them, posted to the
 * route's real POST handler (directly or through the emulator's own delivery).
 */

export const PLATFORM_SECRET = env.stripeWebhookSecret ?? EMULATOR_DEFAULTS.platformWebhookSecret;
export const CONNECT_SECRET = env.stripeConnectWebhookSecret ?? EMULATOR_DEFAULTS.connectWebhookSecret;

/** Events the emulator created, newest first (`account` = a connected account id, or the platform's). */
export async function emulatorEvents(
  filter: { account?: string; type?: string } = {},
): Promise<Stripe.Event[]> {
  return emulator().events(filter);
}

/** The newest event of `type` for `account` that matches `where`; waits for it (some arrive after a delay). */
export async function emulatorEvent(
  account: string,
  type: string,
  where: (event: Stripe.Event) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Stripe.Event> {
  return waitFor(
    async () => (await emulatorEvents({ account, type })).find(where),
    timeoutMs,
    `${type} on ${account}`,
  );
}

/**
 * Another event Stripe could have sent: a new id, and the given type, created time and object fields.
 * Used for states the emulator does not produce on its own (processing, an older snapshot, ...).
 */
export function variantOf(
  event: Stripe.Event,
  changes: {
    type?: string;
    created?: number;
    livemode?: boolean;
    account?: string | null;
    object?: Record<string, unknown>;
  } = {},
): Stripe.Event {
  const copy = JSON.parse(JSON.stringify(event)) as Stripe.Event & { account?: string };
  copy.id = `evt_test_${randomBytes(8).toString("hex")}`;
  if (changes.type) (copy as { type: string }).type = changes.type;
  if (changes.created !== undefined) copy.created = changes.created;
  if (changes.livemode !== undefined) copy.livemode = changes.livemode;
  if (changes.account === null) delete copy.account;
  else if (changes.account) copy.account = changes.account;
  if (changes.object) Object.assign(copy.data.object, changes.object);
  return copy;
}

/** Stripe's pretty-printed body and a valid header, or a header made with another secret/time. */
export function signedRequest(
  payload: string,
  {
    secret = PLATFORM_SECRET,
    timestamp,
    header,
  }: { secret?: string; timestamp?: number; header?: string | null } = {},
): Request {
  const headers = new Headers({ "content-type": "application/json; charset=utf-8" });
  const signature =
    header === undefined
      ? testStripe().webhooks.generateTestHeaderString({ payload, secret, timestamp })
      : header;
  if (signature !== null) headers.set("stripe-signature", signature);
  return new Request("http://localhost:3000/api/webhooks/stripe", { method: "POST", headers, body: payload });
}

/**
 * Posts the event to the route as Stripe would (Connect events with the Connect secret), then waits
 * until the inbox applied what the route stored (in production that happens after the response).
 */
export async function postEvent(event: Stripe.Event, secret?: string): Promise<Response> {
  const payload = JSON.stringify(event, null, 2);
  const response = await POST(
    signedRequest(payload, { secret: secret ?? (event.account ? CONNECT_SECRET : PLATFORM_SECRET) }),
    undefined,
  );
  await drainInbox();
  return response;
}

/** Makes a failed event due now (as if its backoff had passed) and lets the inbox retry it. */
export async function retryNow(eventId: string): Promise<void> {
  await db
    .update(stripeEvents)
    .set({ nextAttemptAt: new Date(0) })
    .where(eq(stripeEvents.id, eventId));
  await drainInbox();
}

/** Runs one handler in a transaction, the way the ingest does (unit tests of each family). */
export async function applyWith(handler: WebhookHandler, event: Stripe.Event): Promise<HandlerResult> {
  return db.transaction((tx) => handler(event, tx));
}

export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 5000,
  what = "condition",
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Makes the database refuse one write to one order (a CHECK constraint naming only that order, so other
 * tests sharing a PostgreSQL database are not affected): a real failure inside a handler, no mocks.
 * Returns the function that lifts it.
 */
export async function refuseOrderWrite(orderId: string, condition: string): Promise<() => Promise<void>> {
  if (!/^[0-9a-f-]{36}$/.test(orderId)) throw new Error("not an order id");
  const name = `test_refuse_${orderId.replaceAll("-", "").slice(0, 16)}`;
  await db.execute(
    sql.raw(`ALTER TABLE orders ADD CONSTRAINT ${name} CHECK (id <> '${orderId}' OR ${condition}) NOT VALID`),
  );
  return async () => {
    await db.execute(sql.raw(`ALTER TABLE orders DROP CONSTRAINT IF EXISTS ${name}`));
  };
}

export interface PendingOrder {
  seller: User;
  account: ConnectedAccount;
  product: Product;
  order: Order;
  intent: Stripe.PaymentIntent;
}

/** An order as checkout leaves it: pending, with its (unconfirmed) PaymentIntent on a fresh seller's account. */
export async function createPendingOrder(amount = 5000, fee = 280): Promise<PendingOrder> {
  const { seller, account, product, order } = await insertGuestOrder(amount, fee);
  const intent = await testStripe().paymentIntents.create(
    { amount, currency: "usd", application_fee_amount: fee, metadata: { order_id: order.id } },
    { stripeAccount: account.stripeAccountId, idempotencyKey: `pi-create-${order.id}` },
  );
  await setOrderPaymentIntent({ id: order.id, paymentIntentId: intent.id });
  return { seller, account, product, order: { ...order, paymentIntentId: intent.id }, intent };
}

/** Confirms the order's PaymentIntent server-side with a test card (`pm_card_visa`, `pm_card_chargeDeclined`...). */
export async function payWith(pending: PendingOrder, paymentMethod: string): Promise<Stripe.PaymentIntent> {
  return testStripe().paymentIntents.confirm(
    pending.intent.id,
    { payment_method: paymentMethod, return_url: "https://shop.test/return" },
    { stripeAccount: pending.account.stripeAccountId },
  );
}

export interface Forwarder {
  url: string;
  /** Status the route answered, per forwarded delivery, in order. */
  statuses: number[];
  close(): Promise<void>;
}

/**
 * A tiny HTTP server standing in for the deployed app: it forwards what the emulator delivers to the
 * route's POST and answers with its status. `accept` drops other tests' events (answered 200 unseen);
 * `afterEach` runs after the route answered and before the emulator hears the answer.
 */
export async function startForwarder(
  options: {
    accept?: (body: string) => boolean;
    afterEach?: (status: number, body: string) => Promise<void>;
  } = {},
): Promise<Forwarder> {
  const statuses: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        if (options.accept && !options.accept(body)) {
          res.writeHead(200).end();
          return;
        }
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        const response = await POST(
          new Request("http://localhost:3000/api/webhooks/stripe", { method: "POST", headers, body }),
          undefined,
        );
        statuses.push(response.status);
        await drainInbox();
        await options.afterEach?.(response.status, body);
        res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
      })().catch((error: unknown) => {
        console.error("forwarder failed", error);
        res.writeHead(599).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/stripe`,
    statuses,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Adds an endpoint to the emulator, subscribed to the events our endpoint of that kind subscribes to
 * (as the Dashboard's would be); `remove` deletes it again (call it in a finally/afterEach).
 */
export async function registerEndpoint(spec: {
  url: string;
  secret: string;
  connect: boolean;
  accounts?: string[];
}) {
  const { id } = await emulator().addWebhookEndpoint({
    ...spec,
    enabled_events: subscribedEvents(spec.connect),
  });
  return { id, remove: () => emulator().removeWebhookEndpoint(id) };
}

export type EmulatorDelivery = Delivery;

/** The emulator's deliveries to these endpoints, oldest first. */
export async function deliveriesTo(endpointIds: string[]): Promise<EmulatorDelivery[]> {
  const all = await emulator().deliveries();
  return all.filter((d) => endpointIds.includes(d.endpoint)).reverse();
}

/**
 * A paid order whose payment_intent.succeeded failed on its first attempt (the database refused the
 * order's write once): the route acknowledged it, the event log holds it as failed (retried later) and
 * the order is still pending.
 */
export async function failedDelivery(
  amount?: number,
  fee?: number,
): Promise<{ pending: PendingOrder; event: Stripe.Event }> {
  const pending = await createPendingOrder(amount, fee);
  await payWith(pending, "pm_card_visa");
  const event = await emulatorEvent(pending.account.stripeAccountId, "payment_intent.succeeded");
  const lift = await refuseOrderWrite(pending.order.id, "status <> 'succeeded'");
  try {
    expect((await postEvent(event)).status).toBe(200);
    expect(await getEventById({ id: event.id })).toMatchObject({ status: "failed", attempts: 1 });
  } finally {
    await lift();
  }
  return { pending, event };
}
