import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { hitThrottle, hitThrottlesInOrder } from "@/db/queries/auth-throttles";

/*
 * hitThrottlesInOrder: several counters in one statement (checkout counts the address, then the form),
 * exactly as hitThrottle would count each in turn, stopping at the first over its limit.
 */
const keys = () => ({ first: `test:first:${randomUUID()}`, second: `test:second:${randomUUID()}` });
const count = async (key: string): Promise<number> => {
  const result: unknown = await db.execute(sql`select count from auth_throttles where key = ${key}`);
  return (result as { rows: { count: number }[] }).rows[0]?.count ?? 0;
};

describe("counting several throttles in one statement", () => {
  it("counts each key once per call, in order, with the window hitThrottle gives", async () => {
    const { first, second } = keys();
    const hits = [
      { key: first, windowMs: 60_000, limit: 5 },
      { key: second, windowMs: 120_000, limit: 5 },
    ];
    expect(await hitThrottlesInOrder({ hits })).toEqual([
      { count: 1, retryAfterSeconds: expect.any(Number) as unknown },
      { count: 1, retryAfterSeconds: expect.any(Number) as unknown },
    ]);
    const [a, b] = await hitThrottlesInOrder({ hits });
    expect(a?.count).toBe(2);
    expect(b?.count).toBe(2);
    expect(a!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(b!.retryAfterSeconds).toBeGreaterThan(60);
    expect((await hitThrottle({ key: first, windowMs: 60_000 })).count).toBe(3);
  });

  it("a key over its limit stops the count: the keys after it are not counted", async () => {
    const { first, second } = keys();
    const hits = [
      { key: first, windowMs: 60_000, limit: 2 },
      { key: second, windowMs: 60_000, limit: 10 },
    ];
    await hitThrottlesInOrder({ hits });
    await hitThrottlesInOrder({ hits });
    const refused = await hitThrottlesInOrder({ hits });
    expect(refused).toHaveLength(1);
    expect(refused[0]?.count).toBe(3);
    expect(await count(second)).toBe(2);
  });

  it("parallel calls on the same keys see distinct counts 1…N, and start a new window once the old one ended", async () => {
    const { first, second } = keys();
    const hits = [
      { key: first, windowMs: 60_000, limit: 100 },
      { key: second, windowMs: 60_000, limit: 100 },
    ];
    const all = await Promise.all(Array.from({ length: 20 }, () => hitThrottlesInOrder({ hits })));
    for (const i of [0, 1])
      expect(all.map((r) => r[i]!.count).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 20 }, (_, n) => n + 1),
      );
    await db.execute(
      sql`update auth_throttles set window_started_at = now() - interval '61 seconds' where key = ${first}`,
    );
    expect((await hitThrottlesInOrder({ hits })).map((h) => h.count)).toEqual([1, 21]);
  });
});
