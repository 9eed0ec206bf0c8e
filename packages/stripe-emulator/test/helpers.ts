/**
 * Test helpers: an in-process emulator driven through the real `stripe` SDK, a local webhook receiver,
 * and small wrappers for the control API.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import { EMULATOR_DEFAULTS } from "../src/defaults";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../src/server";

export interface TestEmulator {
  emu: RunningEmulator;
  stripe: Stripe;
  url: string;
  /** JSON call to the control API (or any emulator path). */
  control<T = unknown>(path: string, body?: unknown, method?: string): Promise<T>;
  close(): Promise<void>;
}

export async function startTestEmulator(opts: EmulatorOptions = {}): Promise<TestEmulator> {
  const emu = await startEmulator({
    port: 0,
    webhookUrl: null,
    snapshotPath: null,
    retrySchedule: [50, 100],
    disputeDelayMs: 20,
    webhookTimeoutMs: 500,
    ...opts,
  });
  const stripe = new Stripe("sk_test_emulator_platform", {
    host: "127.0.0.1",
    port: emu.port,
    protocol: "http",
    maxNetworkRetries: 0,
  });
  return {
    emu,
    stripe,
    url: emu.url,
    async control<T>(path: string, body?: unknown, method = body === undefined ? "GET" : "POST"): Promise<T> {
      const res = await fetch(`${emu.url}${path}`, {
        method,
        // The control API needs the emulator's secret key; other paths ignore it.
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${EMULATOR_DEFAULTS.secretKey}`,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as T;
    },
    close: () => emu.close(),
  };
}

/**
 * One emulator for the test file: started before its first test, closed after its last. The object is
 * usable at module level; its members reach the running emulator, so read them inside tests and hooks.
 */
export function emulatorForFile(opts: EmulatorOptions = {}): TestEmulator {
  let running: TestEmulator | undefined;
  beforeAll(async () => {
    running = await startTestEmulator(opts);
  });
  afterAll(() => running?.close());
  const get = (): TestEmulator => {
    if (!running) throw new Error("the emulator starts in beforeAll: use it inside tests and hooks");
    return running;
  };
  return {
    get emu() {
      return get().emu;
    },
    get stripe() {
      return get().stripe;
    },
    get url() {
      return get().url;
    },
    control: (path, body, method) => get().control(path, body, method),
    close: () => get().close(),
  };
}

/** An onboarded Express seller on `t`, created before the file's tests; `on()` scopes a call to it. */
export function sellerForFile(t: TestEmulator): { readonly id: string; on: () => { stripeAccount: string } } {
  let account: Stripe.Account | undefined;
  beforeAll(async () => {
    account = await expressAccount(t);
  });
  const id = () => {
    if (!account) throw new Error("the seller is created in beforeAll: use it inside tests and hooks");
    return account.id;
  };
  return {
    get id() {
      return id();
    },
    on: () => ({ stripeAccount: id() }),
  };
}

/** An Express account (controller properties), onboarded so it can charge. */
export async function expressAccount(t: TestEmulator, onboard = true): Promise<Stripe.Account> {
  const account = await t.stripe.accounts.create({
    controller: {
      fees: { payer: "application" },
      losses: { payments: "application" },
      stripe_dashboard: { type: "express" },
    },
    country: "US",
    email: "seller@example.com",
    capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
  });
  if (!onboard) return account;
  return t.control<Stripe.Account>(`/_emulator/accounts/${account.id}/onboard`, {});
}

export interface Received {
  body: string;
  signature: string;
}

/**
 * A webhook receiver answering with `status(n)` for the n-th request (0-based); `"hang"` never answers
 * (the connection stays open until the emulator gives up or the receiver closes).
 */
export async function webhookReceiver(
  status: (n: number) => number | "hang" = () => 200,
): Promise<{ url: string; received: Received[]; server: Server; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const n = received.length;
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: String(req.headers["stripe-signature"] ?? ""),
      });
      const answer = status(n);
      if (answer === "hang") return;
      res.writeHead(answer);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 3000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error("waitFor: timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function eventTypes(t: TestEmulator, account?: string): Promise<string[]> {
  const list = await t.control<{ data: Stripe.Event[] }>(
    `/_emulator/events${account ? `?account=${account}` : ""}`,
  );
  return list.data.map((e) => e.type).reverse();
}

/** The Stripe error a call fails with; fails the test when the call succeeds. */
export async function rejects(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (err) {
    return err as Stripe.errors.StripeError;
  }
  throw new Error("expected the call to fail");
}

/** A raw form POST with the platform's key, as the SDK sends it — for values its types would not let through. */
export function postForm(
  t: TestEmulator,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${t.url}${path}`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${EMULATOR_DEFAULTS.secretKey}`,
      "Content-Type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body,
  });
}

/** A direct charge with the 0259 card on `stripeAccount`, and the dispute Stripe opens on it shortly after. */
export async function disputedCharge(
  t: TestEmulator,
  stripeAccount: string,
  amount = 5000,
): Promise<{ pi: Stripe.PaymentIntent; dispute: Stripe.Dispute }> {
  const pi = await t.stripe.paymentIntents.create(
    {
      amount,
      currency: "usd",
      payment_method: "pm_card_createDispute",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    },
    { stripeAccount },
  );
  const dispute = await waitFor(
    async () => (await t.stripe.disputes.list({ payment_intent: pi.id }, { stripeAccount })).data[0],
  );
  return { pi, dispute };
}

/**
 * A manual-capture direct charge on `stripeAccount` (3000 with a 300 fee unless `extra` says otherwise),
 * confirmed with a card that authorises: the intent is left in `requires_capture`.
 */
export function authorise(
  t: TestEmulator,
  stripeAccount: string,
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
): Promise<Stripe.PaymentIntent> {
  return t.stripe.paymentIntents.create(
    {
      amount: 3000,
      currency: "usd",
      application_fee_amount: 300,
      capture_method: "manual",
      payment_method: "pm_card_visa",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      ...extra,
    },
    { stripeAccount },
  );
}
