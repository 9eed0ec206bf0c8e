import { seededRandom } from "../../tests/reliability/support/concurrency";
import {
  checkConsistency,
  waitingEvents,
  waitUntilSettled,
  type ConsistencyFigures,
  type ExpectedState,
} from "./consistency";
import { withClient } from "./database";
import { drive, type LoadResult } from "./load";
import { signedRequests, WEBHOOK_PATH, type Delivery } from "./webhooks";

/*
 * The inbox beyond the route: the worker's apply rate (a server that only stores, then the cron route
 * drains the backlog) and two instances on one PostgreSQL sharing shuffled deliveries with duplicates,
 * both applying after their responses. Each ends with the consistency check (consistency.ts).
 */

export const CRON_PATH = "/api/cron?job=webhook-inbox";

/** One run of the inbox job through the cron route, as the scheduler calls it. */
export async function cronDrain(baseUrl: string, cronSecret: string): Promise<void> {
  const res = await fetch(`${baseUrl}${CRON_PATH}`, {
    headers: { authorization: `Bearer ${cronSecret}` },
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  // 409: a run of the job holds the lease (another instance's, or the previous call's): it drains.
  if (res.status === 409) await new Promise((r) => setTimeout(r, 200));
  else if (!res.ok) throw new Error(`cron route answered ${res.status}: ${text.slice(0, 300)}`);
}

export interface ApplyRateFigures {
  /** The route storing only (WEBHOOK_APPLY_AFTER_RESPONSE=0). */
  store: LoadResult;
  /** Events the deliveries left for the worker (stored as received). */
  backlog: number;
  drainSeconds: number;
  /** Backlog applied per second by the cron route's inbox job. */
  applyRate: number;
  cronCalls: number;
  consistency: ConsistencyFigures;
}

export async function benchApplyRate(options: {
  baseUrl: string;
  dbUrl: string;
  deliveries: Delivery[];
  connections: number;
  cronSecret: string;
  expected: ExpectedState;
}): Promise<ApplyRateFigures> {
  const store = await drive(
    options.baseUrl,
    signedRequests(options.deliveries, WEBHOOK_PATH),
    options.connections,
  );
  const backlog = await withClient(options.dbUrl, waitingEvents);
  const started = process.hrtime.bigint();
  let cronCalls = 0;
  await withClient(options.dbUrl, async (client) => {
    while ((await waitingEvents(client)) > 0) {
      if (cronCalls++ > 200) throw new Error("the inbox job did not drain the backlog in 200 runs");
      await cronDrain(options.baseUrl, options.cronSecret);
    }
  });
  const drainSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const consistency = {
    ...(await checkConsistency(options.dbUrl, options.expected)),
    settleSeconds: drainSeconds,
    leftForWorker: backlog,
  };
  return { store, backlog, drainSeconds, applyRate: backlog / drainSeconds, cronCalls, consistency };
}

export interface TwoInstanceFigures {
  instances: number;
  deliveries: number;
  /** Per instance: what it was sent and answered. */
  perInstance: LoadResult[];
  /** All deliveries over the wall time of the concurrent sending. */
  rps: number;
  /** Deliveries plus the tail until every event was applied, as events per second. */
  appliedRate: number;
  /** Events applied only after a failed attempt (e.g. a deadlock between the instances' batches). */
  retried: number;
  consistency: ConsistencyFigures;
}

export async function benchTwoInstances(options: {
  baseUrls: string[];
  dbUrl: string;
  deliveries: Delivery[];
  connections: number;
  cronSecret: string;
  expected: ExpectedState;
}): Promise<TwoInstanceFigures> {
  const random = seededRandom(19);
  const shares: Delivery[][] = options.baseUrls.map(() => []);
  // The deliveries are shuffled with their duplicates already: each goes to a random instance, so
  // copies of one event often reach both.
  for (const d of options.deliveries) shares[Math.floor(random() * shares.length)]!.push(d);
  const perConnection = Math.max(1, Math.round(options.connections / shares.length));
  const started = process.hrtime.bigint();
  const perInstance = await Promise.all(
    options.baseUrls.map((url, i) => drive(url, signedRequests(shares[i]!, WEBHOOK_PATH), perConnection)),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const settled = await waitUntilSettled(options.dbUrl, () =>
    cronDrain(options.baseUrls[0]!, options.cronSecret),
  );
  const consistency = { ...(await checkConsistency(options.dbUrl, options.expected)), ...settled };
  const retried = await withClient(options.dbUrl, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from stripe_events where attempts > 1`,
    );
    return Number(rows[0]?.n ?? 0);
  });
  return {
    retried,
    instances: options.baseUrls.length,
    deliveries: options.deliveries.length,
    perInstance,
    rps: options.deliveries.length / seconds,
    appliedRate: options.expected.events / (seconds + settled.settleSeconds),
    consistency,
  };
}
