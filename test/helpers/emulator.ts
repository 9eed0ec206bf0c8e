import Stripe from "stripe";

/** The emulator started by test/global-setup.ts. */
export function emulatorUrl(): string {
  return `http://127.0.0.1:${process.env.STRIPE_EMULATOR_PORT}`;
}

/** A separate SDK client on the emulator, for tests to look at Stripe's side of the world. */
export function testStripe(): Stripe {
  return new Stripe("sk_test_emulator_platform", {
    host: "127.0.0.1",
    port: Number(process.env.STRIPE_EMULATOR_PORT),
    protocol: "http",
    maxNetworkRetries: 0,
  });
}

/** Calls the emulator's control API (see emulator/CONTRACT.md). */
export async function control<T = unknown>(path: string, body?: unknown, method = body === undefined ? "GET" : "POST"): Promise<T> {
  const res = await fetch(`${emulatorUrl()}/_emulator${path}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
