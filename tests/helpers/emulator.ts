import { EmulatorClient, emulatorStripe } from "@marketplace/stripe-emulator";
import type Stripe from "stripe";

/** The emulator started by tests/global-setup.ts. */
export function emulatorUrl(): string {
  return `http://127.0.0.1:${process.env.STRIPE_EMULATOR_PORT}`;
}

/** The typed control client of that emulator (see packages/stripe-emulator/CONTRACT.md). */
export function emulator(): EmulatorClient {
  return new EmulatorClient({ url: emulatorUrl() });
}

/** A separate SDK client on the emulator, for tests to look at Stripe's side of the world. */
export function testStripe(): Stripe {
  return emulatorStripe(emulatorUrl());
}

/** Any control path, through the one control client (JSON; GET without a body, POST with one). */
export function control<T = unknown>(
  path: string,
  body?: unknown,
  method: "GET" | "POST" | "DELETE" = body === undefined ? "GET" : "POST",
): Promise<T> {
  return emulator().request<T>(method, path, body);
}
