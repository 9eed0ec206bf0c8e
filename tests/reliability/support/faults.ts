import { inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { orders, refunds, type Order, type Refund } from "@/db/schema";
import { control } from "@/test/helpers/emulator";

export interface FaultStats<R> {
  result: R;
  injected500: number;
  injectedTimeouts: number;
}

/**
 * Runs `body` while `inject()` — called before each operation — arms a fault on POST `path` for 20%
 * (500) + 10% (timeout) of operations. Half the timeouts hang before the emulator applies the request,
 * half after (applied, answer lost). A fault counts 1 request (absorbed by the SDK's own retries) or 3
 * (one more than stripe-node's maxNetworkRetries: 2, so the app sees the failure). Faults left unused
 * are cleared at the end.
 */
export async function withFaults<R>(
  { path, random }: { path: string; random: () => number },
  body: (inject: () => Promise<void>) => Promise<R>,
): Promise<FaultStats<R>> {
  const stats = { injected500: 0, injectedTimeouts: 0 };
  let timeouts = 0;
  const inject = async () => {
    const r = random();
    if (r >= 0.3) return;
    const count = random() < 0.5 ? 1 : 3;
    if (r < 0.2) {
      stats.injected500++;
      await control("/faults", { path, method: "POST", count, kind: "500" });
    } else {
      stats.injectedTimeouts++;
      const kind = timeouts++ % 2 === 0 ? "timeout" : "timeout_after";
      await control("/faults", { path, method: "POST", count, kind, timeoutMs: 100 });
    }
  };
  try {
    return { result: await body(inject), ...stats };
  } finally {
    await control("/faults", undefined, "DELETE");
  }
}

export async function ordersOfProducts(productIds: string[]): Promise<Order[]> {
  return db.select().from(orders).where(inArray(orders.productId, productIds)).orderBy(orders.createdAt, orders.id);
}

export async function listRefundsOfOrders(orderIds: string[]): Promise<Refund[]> {
  return db.select().from(refunds).where(inArray(refunds.orderId, orderIds));
}
