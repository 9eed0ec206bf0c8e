import { createHmac, timingSafeEqual } from "node:crypto";
import { pruneThrottles, releaseThrottle, resetThrottle } from "@/db/queries/auth-throttles";
import { env } from "@/lib/env";
import { countHit as hit, type ThrottleVerdict } from "@/lib/security/throttle";

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
  /** Sign-up attempts (well-formed forms) per address per hour: SIGN_UPS_PER_IP, default 20. */
  get perIp(): number {
    return env.SIGN_UPS_PER_IP;
  },
} as const;

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
export async function reserveSignInAttempt({
  email,
  ip,
  knownDevice,
}: {
  email: string;
  ip: string;
  knownDevice: boolean;
}): Promise<SignInReservation> {
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

/* ---------- Known devices: browsers that signed in to an email before. ---------- */

export const KNOWN_DEVICE_COOKIE = "known-device";
const KNOWN_DEVICE_MAX = 5;
export const KNOWN_DEVICE_MAX_AGE = 60 * 60 * 24 * 365;

/** The proof that this browser signed in to `email`: an HMAC under AUTH_SECRET, never the email itself. */
export function knownDeviceMark(email: string, secret: string = env.authSecret): string {
  return createHmac("sha256", secret)
    .update(`known-device:${email.trim().toLowerCase()}`)
    .digest("base64url");
}

/** The marks in a known-device cookie value (`mark.mark…`). */
export function parseKnownDevices(value: string | undefined | null): string[] {
  return (value ?? "")
    .split(".")
    .filter((m) => /^[\w-]{43}$/.test(m))
    .slice(0, KNOWN_DEVICE_MAX);
}

/** The value of the known-device cookie named in a Cookie header. */
export function knownDevicesFromCookieHeader(cookieHeader: string | null): string[] {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === KNOWN_DEVICE_COOKIE)
      return parseKnownDevices(part.slice(eq + 1).trim());
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
