import { eq, lt, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { authThrottles } from "@/db/schema";

export interface ThrottleHit {
  /** Hits inside the current window, this one included. */
  count: number;
  /** Seconds until the window ends (by the database's clock), at least 1. */
  retryAfterSeconds: number;
}

/**
 * Counts one hit on `key` in a fixed window of `windowMs` and returns the count, in one statement: the
 * row lock of `on conflict do update` serialises concurrent hits on a key, so N parallel requests see
 * N distinct counts (1…N) and a caller that lets through only `count <= limit` never lets more than
 * `limit` through, whatever the number of app instances. The window starts again at the first hit after
 * it ends. The database's clock decides, not the app server's.
 */
export async function hitThrottle(
  { key, windowMs }: { key: string; windowMs: number },
  ex: Executor = db,
): Promise<ThrottleHit> {
  const expired = sql`${authThrottles.windowStartedAt} <= now() - make_interval(secs => ${windowMs / 1000})`;
  const [row] = await ex
    .insert(authThrottles)
    .values({ key, count: 1, windowStartedAt: sql`now()` })
    .onConflictDoUpdate({
      target: authThrottles.key,
      // Both expressions read the row as it was before this statement.
      set: {
        count: sql`case when ${expired} then 1 else ${authThrottles.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${authThrottles.windowStartedAt} end`,
      },
    })
    .returning({
      count: authThrottles.count,
      // now() is this statement's transaction start, which may precede the window's start (a concurrent
      // hit began first, committed later): never more than the window itself.
      retryAfterSeconds: sql<number>`least(${Math.ceil(windowMs / 1000)}, greatest(1, ceil(extract(epoch from ${authThrottles.windowStartedAt} + make_interval(secs => ${windowMs / 1000}) - now()))))::int`,
    });
  if (!row) throw new Error(`throttle ${key}: no row returned`);
  return { count: Number(row.count), retryAfterSeconds: Number(row.retryAfterSeconds) };
}

/** Gives one hit back (an attempt that turned out legitimate, e.g. a successful sign-in). */
export async function releaseThrottle({ key }: { key: string }, ex: Executor = db): Promise<void> {
  await ex
    .update(authThrottles)
    .set({ count: sql`greatest(${authThrottles.count} - 1, 0)` })
    .where(eq(authThrottles.key, key));
}

/** Forgets a key's hits (e.g. the failures of an account from one address, after it signed in there). */
export async function resetThrottle({ key }: { key: string }, ex: Executor = db): Promise<void> {
  await ex.delete(authThrottles).where(eq(authThrottles.key, key));
}

/** Deletes counters whose window ended long ago (`olderThanMs` after it started). */
export async function pruneThrottles(
  { olderThanMs }: { olderThanMs: number },
  ex: Executor = db,
): Promise<void> {
  await ex
    .delete(authThrottles)
    .where(lt(authThrottles.windowStartedAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`));
}
