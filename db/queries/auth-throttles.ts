import { eq, lt, sql, type SQL } from "drizzle-orm";
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

/** One counter of a `hitThrottlesInOrder` call: its key, window and the count it lets through. */
export interface OrderedHit {
  key: string;
  windowMs: number;
  limit: number;
}

/** `insert … on conflict do update` of one counter, as hitThrottle does it, rows from `source`. */
function upsertHit({ windowMs }: OrderedHit, source: SQL): SQL {
  const seconds = windowMs / 1000;
  const expired = sql`t.window_started_at <= now() - make_interval(secs => ${seconds})`;
  return sql`insert into auth_throttles as t (key, count, window_started_at) ${source}
    on conflict (key) do update set
      count = case when ${expired} then 1 else t.count + 1 end,
      window_started_at = case when ${expired} then now() else t.window_started_at end
    returning t.count, least(${Math.ceil(seconds)}, greatest(1, ceil(extract(epoch from t.window_started_at + make_interval(secs => ${seconds}) - now()))))::int as retry_after_seconds`;
}

/**
 * Counts `hits` in order, in one statement (one round trip): each counter as `hitThrottle` counts it,
 * and a counter after one that went over its limit is not counted at all (as if the caller had
 * stopped there). Returns the hits counted, in order. The row locks are taken in the order given, so
 * callers that list their keys in the same order never deadlock.
 */
export async function hitThrottlesInOrder(
  { hits }: { hits: OrderedHit[] },
  ex: Executor = db,
): Promise<ThrottleHit[]> {
  if (hits.length === 0) return [];
  const steps = hits.map((hit, i) => {
    const previous = hits[i - 1];
    const source =
      i === 0 || !previous
        ? sql`values (${hit.key}, 1, now())`
        : sql`select ${hit.key}, 1, now() from ${sql.raw(`h${i - 1}`)} where ${sql.raw(`h${i - 1}`)}.count <= ${previous.limit}`;
    return sql`${sql.raw(`h${i}`)} as (${upsertHit(hit, source)})`;
  });
  const rows = sql.join(
    hits.map(
      (_, i) => sql`select ${sql.raw(String(i))} as i, count, retry_after_seconds from ${sql.raw(`h${i}`)}`,
    ),
    sql` union all `,
  );
  const result = await ex.execute(sql`with ${sql.join(steps, sql`, `)} ${rows} order by i`);
  // Every driver of db/client.ts (node-postgres, PGlite, @vercel/postgres) answers with `rows`.
  return (
    (result as { rows: unknown[] }).rows as { count: number | string; retry_after_seconds: number | string }[]
  ).map((row) => ({
    count: Number(row.count),
    retryAfterSeconds: Number(row.retry_after_seconds),
  }));
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
