import "server-only";
import { env } from "@/lib/env";

/**
 * Now, on the clock of the Stripe we talk to. Deadlines we act on before Stripe does (an authorisation's
 * `capture_before`) are Stripe timestamps; with keys that is real time. Offline the emulator's clock can be
 * moved forward (the e2e journeys skip days), so the app reads it from the emulator's control API
 * (`GET /_emulator/state`, packages/stripe-emulator/CONTRACT.md) instead of assuming it equals ours.
 */
export async function stripeNow(): Promise<Date> {
  if (env.stripeMode !== "offline") return new Date();
  const res = await fetch(`${env.emulatorUrl}/_emulator/state`, {
    headers: { authorization: `Bearer ${env.stripeSecretKey}` },
    cache: "no-store",
  });
  if (!res.ok) throw new Error(`the emulator's clock could not be read (${res.status})`);
  const { now } = (await res.json()) as { now: number };
  return new Date(now * 1000);
}
