import { inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { orders, refunds, type Order, type Refund } from "@/db/schema";
import { control } from "@/tests/helpers/emulator";

export interface FaultStats<R> {
  result: R;
  /** Requests to `path` while the faults were armed (the SDK's own retries included). */
  requests: number;
  injected500: number;
  injectedTimeouts: number;
  /** `timeout_after` faults: requests Stripe applied whose answer was lost. */
  appliedButLost: number;
}

interface ArmedFault {
  kind: string;
  seen: number;
  injected: number;
}

/** The rates the emulator is asked for: 20% answered 500, 10% timing out. */
export const FAULT_RATES = { "500": 0.2, timeout: 0.1 } as const;

/**
 * Runs `body` while the emulator fails POST `path` by rate (seeded, so a run is repeatable): 20% with a 500
 * and 10% with a timeout — half of those hang before the emulator applies the request, half after (applied,
 * answer lost). Every request draws, the SDK's retries included, so a fault is usually absorbed by
 * stripe-node's retries (maxNetworkRetries: 2) and reaches the app only when all three attempts fail.
 * Returns what the emulator counted, so the test can check the rates it got.
 */
export async function withFaults<R>(
  { path, seed }: { path: string; seed: number },
  body: () => Promise<R>,
): Promise<FaultStats<R>> {
  const spec = { path, method: "POST", seed };
  const half = FAULT_RATES.timeout / 2;
  await control("/faults", undefined, "DELETE");
  await control("/faults", { ...spec, kind: "500", rate: FAULT_RATES["500"] });
  await control("/faults", { ...spec, kind: "timeout", rate: half, timeoutMs: 100 });
  await control("/faults", { ...spec, kind: "timeout_after", rate: half, timeoutMs: 100 });
  let outcome: { ok: true; value: R } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await body() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // Clearing answers with each fault's final counters; it also stops the faults hitting later tests.
  const cleared = await control<{ data: ArmedFault[] }>("/faults", undefined, "DELETE");
  if (!outcome.ok) throw outcome.error;
  const injected = (...kinds: string[]) =>
    cleared.data.filter((f) => kinds.includes(f.kind)).reduce((n, f) => n + f.injected, 0);
  return {
    result: outcome.value,
    requests: cleared.data[0]?.seen ?? 0,
    injected500: injected("500"),
    injectedTimeouts: injected("timeout", "timeout_after"),
    appliedButLost: injected("timeout_after"),
  };
}

/**
 * Fails the next app operation on POST `path` for sure: 3 requests, one more than stripe-node's
 * maxNetworkRetries (2), so the SDK's retries cannot absorb it.
 */
export async function failNextOperation(path: string, kind: "500" | "timeout_after"): Promise<void> {
  await control("/faults", { path, method: "POST", count: 3, kind, timeoutMs: 100 });
}

/** |observed − target| within four standard deviations of a binomial share over `n` draws. */
export function nearRate(count: number, n: number, target: number): boolean {
  return n > 0 && Math.abs(count / n - target) <= 4 * Math.sqrt((target * (1 - target)) / n);
}

export async function ordersOfProducts(productIds: string[]): Promise<Order[]> {
  return db
    .select()
    .from(orders)
    .where(inArray(orders.productId, productIds))
    .orderBy(orders.createdAt, orders.id);
}

export async function listRefundsOfOrders(orderIds: string[]): Promise<Refund[]> {
  return db.select().from(refunds).where(inArray(refunds.orderId, orderIds));
}
