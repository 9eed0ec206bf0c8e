import type Stripe from "stripe";
import { seededRandom, shuffle } from "../../tests/reliability/support/concurrency";
import { EmulatorClient, signatureHeader } from "@marketplace/stripe-emulator";
import type { ConsistencyFigures } from "./consistency";
import { combine, drive, sampleRss, type LoadResult, type PreparedRequest } from "./load";

/*
 * Webhook ingestion: every event the seed's activity produced in the emulator (payments, declines,
 * refunds, disputes, payouts, account updates — the real mix, including types we only acknowledge),
 * signed like Stripe signs them (Connect events with the Connect secret), shuffled, with 20% of the
 * deliveries duplicates. The same requests go to the signature-only baseline route and to the real
 * route in alternating rounds, so both see the same machine. The route stores and answers; the events
 * are applied after the response (the inbox), and the caller then waits until none waits and checks the
 * database (consistency.ts).
 */

export const WEBHOOK_PATH = "/api/webhooks/stripe";
export const BASELINE_PATH = "/api/bench/webhook-baseline";
const ROUNDS = 3;

export interface WebhookFigures {
  events: number;
  duplicates: number;
  types: number;
  connections: number;
  baseline: LoadResult;
  real: LoadResult;
  ratio: number;
  peakRssMb: number;
  /** Every event applied after the rounds, and the database checked against Stripe (consistency.ts). */
  consistency?: ConsistencyFigures;
}

export async function emulatorEvents(emulatorUrl: string): Promise<Stripe.Event[]> {
  return (await new EmulatorClient({ url: emulatorUrl }).events()).reverse();
}

export interface Delivery {
  body: string;
  secret: string;
}

/** Deliveries: each event once, plus duplicates making up `duplicateShare` of the total, shuffled. */
export function prepareDeliveries(
  events: Stripe.Event[],
  secrets: WebhookSecrets,
  duplicateShare = 0.2,
  seed = 7,
): { deliveries: Delivery[]; duplicates: number } {
  const random = seededRandom(seed);
  const once = events.map((event) => ({
    body: JSON.stringify(event, null, 2), // the emulator's (and Stripe's) pretty-printed payload
    secret: event.account ? secrets.connect : secrets.platform,
  }));
  const duplicates = Math.round((once.length * duplicateShare) / (1 - duplicateShare));
  const copies = Array.from({ length: duplicates }, () => once[Math.floor(random() * once.length)]!);
  return { deliveries: shuffle([...once, ...copies], random), duplicates };
}

/** Signed now (signatures older than 5 minutes are refused), for `path`. */
export function signedRequests(deliveries: Delivery[], path: string): PreparedRequest[] {
  return deliveries.map((d) => ({
    path,
    body: d.body,
    headers: { "content-type": "application/json", "stripe-signature": signatureHeader(d.body, d.secret) },
  }));
}

/** The secrets the bench server verifies with (its own, never the public offline ones). */
export interface WebhookSecrets {
  platform: string;
  connect: string;
}

export async function benchWebhooks(options: {
  baseUrl: string;
  serverPid: number;
  connections: number;
  events: Stripe.Event[];
  deliveries: Delivery[];
  duplicates: number;
}): Promise<WebhookFigures> {
  const { events, deliveries, duplicates } = options;
  // Warm both routes (JIT, connection pools) with deliveries that are not measured.
  const warm = deliveries.slice(0, 200);
  await drive(options.baseUrl, signedRequests(warm, BASELINE_PATH), options.connections);
  await drive(options.baseUrl, signedRequests(warm, WEBHOOK_PATH), options.connections);
  const measured = deliveries.slice(200);
  const size = Math.ceil(measured.length / ROUNDS);
  const baseline: LoadResult[] = [];
  const real: LoadResult[] = [];
  let peakRssMb = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const slice = measured.slice(round * size, (round + 1) * size);
    baseline.push(await drive(options.baseUrl, signedRequests(slice, BASELINE_PATH), options.connections));
    const rss = sampleRss(options.serverPid);
    real.push(await drive(options.baseUrl, signedRequests(slice, WEBHOOK_PATH), options.connections));
    peakRssMb = Math.max(peakRssMb, rss.stop());
  }
  const b = combine(baseline);
  const r = combine(real);
  return {
    events: events.length,
    duplicates,
    types: new Set(events.map((e) => e.type)).size,
    connections: options.connections,
    baseline: b,
    real: r,
    ratio: r.rps / b.rps,
    peakRssMb,
  };
}
