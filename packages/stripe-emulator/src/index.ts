/**
 * The offline Stripe's one public entry (Node only). Everything a consumer needs:
 * - `startEmulator()` / `RunningEmulator`: run one in this process (tests, scripts);
 * - `EMULATOR_MAIN`: the file to run it as its own process (`tsx <EMULATOR_MAIN>`, env in CONTRACT.md);
 * - `EmulatorClient`: the typed client of the control API;
 * - `EMULATOR_DEFAULTS`, `sdkOptionsFor`, `emulatorStripe`: its keys, secrets, port and version, and the
 *   real `stripe` SDK pointed at it;
 * - `signatureHeader`: a `Stripe-Signature` header exactly as the emulator signs webhooks.
 * The app's own code (bundled by Next) imports only `@marketplace/stripe-emulator/defaults`.
 */
import { fileURLToPath } from "node:url";
import Stripe from "stripe";
import { EMULATOR_DEFAULTS, sdkOptionsFor } from "./defaults";

export { startEmulator, type EmulatorOptions, type RunningEmulator } from "./server";
export {
  EmulatorClient,
  EmulatorControlError,
  type Delivery,
  type DeliveryAttempt,
  type EmulatorClientOptions,
  type EmulatorEvent,
  type EmulatorState,
  type Fault,
  type FaultKind,
  type FaultSpec,
  type WebhookEndpoint,
  type WebhookEndpointSpec,
} from "./client";
export { EMULATOR_DEFAULTS, PUBLIC_OFFLINE_SECRETS, sdkOptionsFor } from "./defaults";
export { signatureHeader } from "./webhooks";
/** The fault table's seeded PRNG: tests use it to shuffle and duplicate reproducibly. */
export { seededRandom } from "./faults";

/** `tsx` this file to run the emulator as a process (`npm run emulator`). */
export const EMULATOR_MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

/** The real SDK on an emulator at `url`: no retries (tests see every failure), the platform's key by default. */
export function emulatorStripe(url: string, secretKey: string = EMULATOR_DEFAULTS.secretKey): Stripe {
  return new Stripe(secretKey, { ...sdkOptionsFor(url), maxNetworkRetries: 0 });
}
