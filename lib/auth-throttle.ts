import { createHmac, timingSafeEqual } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { hitThrottle, pruneThrottles, releaseThrottle, resetThrottle } from "@/db/queries/auth-throttles";
import { env } from "@/lib/env";

/*
 * Throttling of sign-in and sign-up, in the database (auth_throttles) so that every app instance on one
 * PostgreSQL shares the counts, and atomic (one upsert checks and counts), so parallel guesses never get
 * more than the limit through.
 *
 * Sign-in has three limits, checked in this order, each on attempts that did not succeed (an attempt is
 * counted before its password is checked and given back when it turns out right):
 * - per address: SIGN_IN.perIp across all emails, against password spraying from one address;
 * - per (email, address): SIGN_IN.perAccountIp. This is the one a guesser runs into first, and it locks
 *   only the guesser's address out of that account: the owner, anywhere else, is not affected;
 * - per email from all addresses: SIGN_IN.perAccount, looser, against guessing spread over many
 *   addresses (or over forged X-Forwarded-For values when no proxy is trusted, see clientIp).
 * A browser that signed in to that email before (the known-device cookie, an HMAC of the email) is
 * subject to the per-(email, address) limit only: strangers can push an account over its account-wide
 * limit, but not lock its owner out of their own devices.
 * Unknown emails are counted exactly like real ones, so the limits say nothing about which exist.
 */

export const SIGN_IN = {
  windowMs: 15 * 60 * 1000,
  perAccountIp: 10,
  perIp: 50,
  perAccount: 100,
} as const;

export const SIGN_UP = {
  windowMs: 60 * 60 * 1000,
  /** Sign-up attempts (well-formed forms) per address per hour. */
  perIp: 20,
} as const;

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
  const groups = ip.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
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

async function hit(key: string, windowMs: number, limit: number): Promise<ThrottleVerdict> {
  const { count, retryAfterSeconds } = await hitThrottle({ key, windowMs });
  return count <= limit ? { ok: true } : { ok: false, retryAfterSeconds };
}

const keys = (email: string, ip: string) => ({
  ip: `sign-in:ip:${ip}`,
  accountIp: `sign-in:account-ip:${email}|${ip}`,
  account: `sign-in:account:${email}`,
});

export type SignInReservation = ThrottleVerdict & {
  /** Call once the password was checked: a success gives the attempt back and clears this address's failures. */
  settle?: (succeeded: boolean) => Promise<void>;
};

/**
 * Counts a sign-in attempt for a normalised email from `ip` against the three limits and says whether
 * it may go on to the password check. Stops at the first limit reached (later counters are not touched).
 */
export async function reserveSignInAttempt({ email, ip, knownDevice }: { email: string; ip: string; knownDevice: boolean }): Promise<SignInReservation> {
  if (Math.random() < 0.01) await pruneThrottles({ olderThanMs: 24 * 60 * 60 * 1000 });
  const k = keys(email, ip);
  const counted: string[] = [];
  const steps: [string, number][] = [
    ...(knownDevice ? [] : [[k.ip, SIGN_IN.perIp] as [string, number]]),
    [k.accountIp, SIGN_IN.perAccountIp],
    ...(knownDevice ? [] : [[k.account, SIGN_IN.perAccount] as [string, number]]),
  ];
  for (const [key, limit] of steps) {
    const verdict = await hit(key, SIGN_IN.windowMs, limit);
    if (!verdict.ok) return verdict;
    counted.push(key);
  }
  return {
    ok: true,
    settle: async (succeeded) => {
      if (!succeeded) return;
      for (const key of counted) {
        if (key === k.accountIp) await resetThrottle({ key });
        else await releaseThrottle({ key });
      }
    },
  };
}

/** Counts a sign-up attempt from `ip`. */
export function reserveSignUpAttempt({ ip }: { ip: string }): Promise<ThrottleVerdict> {
  return hit(`sign-up:ip:${ip}`, SIGN_UP.windowMs, SIGN_UP.perIp);
}

/** "1 minute", "7 minutes": how long a refused visitor waits, rounded up. */
export function waitText(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/* ---------- Known devices: browsers that signed in to an email before. ---------- */

export const KNOWN_DEVICE_COOKIE = "known-device";
const KNOWN_DEVICE_MAX = 5;
export const KNOWN_DEVICE_MAX_AGE = 60 * 60 * 24 * 365;

/** The proof that this browser signed in to `email`: an HMAC under AUTH_SECRET, never the email itself. */
export function knownDeviceMark(email: string, secret: string = env.authSecret): string {
  return createHmac("sha256", secret).update(`known-device:${email.trim().toLowerCase()}`).digest("base64url");
}

/** The marks in a known-device cookie value (`mark.mark…`). */
export function parseKnownDevices(value: string | undefined | null): string[] {
  return (value ?? "").split(".").filter((m) => /^[\w-]{43}$/.test(m)).slice(0, KNOWN_DEVICE_MAX);
}

/** The value of the known-device cookie named in a Cookie header. */
export function knownDevicesFromCookieHeader(cookieHeader: string | null): string[] {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === KNOWN_DEVICE_COOKIE) return parseKnownDevices(part.slice(eq + 1).trim());
  }
  return [];
}

export function isKnownDevice(marks: string[], email: string, secret: string = env.authSecret): boolean {
  const expected = Buffer.from(knownDeviceMark(email, secret));
  return marks.some((m) => {
    const given = Buffer.from(m);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** The cookie value after a sign-in to `email`: its mark first, the last few others kept. */
export function withKnownDevice(marks: string[], email: string, secret: string = env.authSecret): string {
  const mark = knownDeviceMark(email, secret);
  return [mark, ...marks.filter((m) => m !== mark)].slice(0, KNOWN_DEVICE_MAX).join(".");
}
