import { EmulatorClient, emulatorStripe as sdkOn } from "@marketplace/stripe-emulator";
import type Stripe from "stripe";

/** The emulator scripts/e2e-server.ts started for this Playwright run. */
export const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? "12112"}`;

/** Its typed control client. */
export const emulator = new EmulatorClient({ url: EMULATOR_URL });

/** Any control path (GET without a body, POST with one). */
export function control<T = unknown>(path: string, body?: unknown): Promise<T> {
  return emulator.request<T>(body === undefined ? "GET" : "POST", path, body);
}

/** Whether every webhook the emulator has sent so far reached the app (none waiting, held or in flight). */
export function webhooksSettled(): Promise<boolean> {
  return emulator.webhooksSettled();
}

/** The platform's view of the e2e emulator, through the real SDK. */
export function emulatorStripe(): Stripe {
  return sdkOn(EMULATOR_URL);
}
