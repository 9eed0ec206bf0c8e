import { isIPv4, isIPv6 } from "node:net";
import { hitThrottle, hitThrottlesInOrder, type OrderedHit } from "@/db/queries/auth-throttles";
import { env } from "@/lib/env";

/*
 * What every throttle shares: the client's address as the throttles see it, one atomic counter per key
 * in the database (auth_throttles, shared by every app instance), and the words for how long to wait.
 * The throttles themselves: sign-in and sign-up (lib/auth-throttle.ts), money actions
 * (lib/security/money-throttle.ts).
 */

/** Address bucket for requests whose address cannot be read (all of them share it). */
export const UNKNOWN_IP = "unknown";

/** The (v4) address, or the /64 prefix of a v6 address (one subscriber holds a whole /64). */
export function normalizeIp(value: string | null | undefined): string {
  let ip = (value ?? "").trim();
  if (ip.startsWith("[") && ip.includes("]")) ip = ip.slice(1, ip.indexOf("]"));
  if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return UNKNOWN_IP;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = ip.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * The client's address, from X-Forwarded-For. Next's server sets that header to the TCP peer address
 * when the request has none, and keeps it as it is when it has one. So:
 * - behind `trustedHops` reverse proxies that append to (or overwrite) the header, the client is the
 *   `trustedHops`-th entry from the right: what the outermost trusted proxy saw. Entries further left
 *   are whatever the client wrote and are never used;
 * - with no proxy (0, the default), the last entry is used: the peer address Next wrote, unless the
 *   client sent its own X-Forwarded-For, which Next keeps. A client talking to Next directly can then
 *   choose its address, and the per-address limits do not hold it; the per-email limit still does.
 *   Production should run behind a proxy that sets the header (Vercel does) and say how many.
 */
export function clientIp(headers: Headers, trustedHops: number = env.TRUSTED_PROXY_HOPS): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  return normalizeIp(entries[entries.length - Math.max(1, trustedHops)]);
}

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts one hit on `key` (atomically, in the database) and says whether it is within `limit` per window. */
export async function countHit(key: string, windowMs: number, limit: number): Promise<ThrottleVerdict> {
  const { count, retryAfterSeconds } = await hitThrottle({ key, windowMs });
  return count <= limit ? { ok: true } : { ok: false, retryAfterSeconds };
}

/**
 * Counts one hit on each counter in order, in one database statement, stopping at the first that is
 * over its limit (the ones after it are not counted): the same as calling countHit for each in turn and
 * stopping at the first refusal, in one round trip. `refusedAt` is the index of the counter that refused.
 */
export async function countHitsInOrder(
  hits: OrderedHit[],
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number; refusedAt: number }> {
  const counted = await hitThrottlesInOrder({ hits });
  const refusedAt = counted.findIndex((hit, i) => hit.count > hits[i]!.limit);
  if (refusedAt < 0) return { ok: true };
  return { ok: false, retryAfterSeconds: counted[refusedAt]!.retryAfterSeconds, refusedAt };
}

/** "1 minute", "7 minutes": how long a refused visitor waits, rounded up. */
export function waitText(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
