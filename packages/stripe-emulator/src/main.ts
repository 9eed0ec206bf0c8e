/**
 * `npm run emulator`: the offline Stripe on loopback, configured from the environment (see CONTRACT.md).
 */
import { EMULATOR_DEFAULTS } from "./defaults";
import { startEmulator } from "./server";

function optional(value: string | undefined, fallback: string): string | null {
  const v = value?.trim() || fallback;
  return v.toLowerCase() === "none" ? null : v;
}

const port = Number(process.env.STRIPE_EMULATOR_PORT ?? String(EMULATOR_DEFAULTS.port));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`STRIPE_EMULATOR_PORT must be a port number, got ${process.env.STRIPE_EMULATOR_PORT}`);
  process.exit(1);
}

/** A comma-separated list from the environment; undefined when unset or empty (the option's default). */
function list(name: string): string[] | undefined {
  const items = (process.env[name] ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** Extra app origins for CORS, comma-separated (default: the webhook URL's origin and its loopback twin). */
const allowedOrigins = list("STRIPE_EMULATOR_ALLOWED_ORIGINS");
const platformEvents = list("STRIPE_EMULATOR_PLATFORM_EVENTS");
const connectEvents = list("STRIPE_EMULATOR_CONNECT_EVENTS");
const oauthRedirectUris = list("STRIPE_EMULATOR_OAUTH_REDIRECT_URIS");
const webhookApiVersion = process.env.STRIPE_EMULATOR_WEBHOOK_API_VERSION?.trim();
const connectClientId = process.env.STRIPE_CONNECT_CLIENT_ID?.trim();

const running = await startEmulator({
  port,
  webhookUrl: optional(process.env.STRIPE_EMULATOR_WEBHOOK_URL, "http://localhost:3000/api/webhooks/stripe"),
  platformWebhookSecret: process.env.STRIPE_WEBHOOK_SECRET || EMULATOR_DEFAULTS.platformWebhookSecret,
  connectWebhookSecret: process.env.STRIPE_CONNECT_WEBHOOK_SECRET || EMULATOR_DEFAULTS.connectWebhookSecret,
  ...(allowedOrigins ? { allowedOrigins } : {}),
  ...(platformEvents ? { platformEvents } : {}),
  ...(connectEvents ? { connectEvents } : {}),
  ...(webhookApiVersion ? { webhookApiVersion } : {}),
  ...(connectClientId ? { connectClientId } : {}),
  ...(oauthRedirectUris ? { oauthRedirectUris } : {}),
  snapshotPath: optional(process.env.STRIPE_EMULATOR_SNAPSHOT, ".data/emulator.json"),
});
console.log(`stripe emulator listening on ${running.url}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await running.close(); // flushes the snapshot
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
