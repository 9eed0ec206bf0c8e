import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { loginAttempts } from "@/db/schema";
import { authorizeCredentials } from "@/lib/auth";
import { hashPassword, verifyPassword } from "@/lib/password";
import { randomIp } from "@/tests/helpers/browser-request";

/*
 * Sign-in throttling through authorizeCredentials, the credentials provider's check, on the real
 * database. Its second argument is where the attempt comes from (client address, known-device marks),
 * read from the request by the provider. bcrypt is real too: verifyPassword is only wrapped to count the
 * comparisons that ran (and against which hash), which is how "reached the password check" is measured,
 * along with login_attempts rows. No timings are asserted.
 */
vi.mock("@/lib/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/password")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const compare = vi.mocked(verifyPassword);

// The limits the tests below assume (lib/auth-throttle.ts SIGN_IN; checked at the end of this file).
const PER_ACCOUNT_IP = 10;
const PER_IP = 50;
const PER_ACCOUNT = 100;

const PASSWORD = "right password 1";
let hash: string;
beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
beforeEach(() => {
  compare.mockClear();
});

async function account(passwordHash: string | null = hash) {
  const user = await insertUser({
    email: `throttle-${randomUUID().slice(0, 8)}@test.example`,
    name: "T",
    passwordHash,
    role: "buyer",
  });
  if (!user) throw new Error("no user");
  return user;
}

const from = (ip: string, knownDevices: string[] = []) => ({ ip, knownDevices });
const codeOf = (e: unknown) => (e as { code?: string }).code ?? String(e);
const attempt = (email: string, password: string, ip: string, knownDevices: string[] = []) =>
  authorizeCredentials({ email, password }, from(ip, knownDevices)).then(() => "signed in", codeOf);

async function attemptsRecorded(email: string) {
  return (await db.select().from(loginAttempts).where(eq(loginAttempts.email, email))).length;
}

describe("sign-in throttling", () => {
  it(`40 parallel wrong guesses from one address: at most ${PER_ACCOUNT_IP} reach the password check; the owner elsewhere still gets in`, async () => {
    const user = await account();
    const attacker = randomIp();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(user.email, `guess ${i}`, attacker)),
    );
    const checked = outcomes.filter((o) => o === "invalid_credentials").length;
    expect(checked).toBe(PER_ACCOUNT_IP);
    expect(outcomes.filter((o) => o === "rate_limited")).toHaveLength(40 - checked);
    expect(compare.mock.calls.filter(([, h]) => h === user.passwordHash).length).toBeLessThanOrEqual(
      PER_ACCOUNT_IP,
    );
    expect(await attemptsRecorded(user.email)).toBeLessThanOrEqual(PER_ACCOUNT_IP);

    // The guesser's address is locked out of this account, even with the right password …
    expect(await attempt(user.email, PASSWORD, attacker)).toBe("rate_limited");
    // … the owner, from anywhere else, is not.
    expect(await attempt(user.email.toUpperCase(), PASSWORD, randomIp())).toBe("signed in");
  });

  it("a successful sign-in clears that address's failures for the account", async () => {
    const user = await account();
    const ip = randomIp();
    for (let i = 0; i < PER_ACCOUNT_IP - 1; i++)
      expect(await attempt(user.email, "typo", ip)).toBe("invalid_credentials");
    expect(await attempt(user.email, PASSWORD, ip)).toBe("signed in");
    for (let i = 0; i < PER_ACCOUNT_IP; i++)
      expect(await attempt(user.email, "typo", ip)).toBe("invalid_credentials");
    expect(await attempt(user.email, PASSWORD, ip)).toBe("rate_limited");
  });

  it(`one address gets ${PER_IP} failures across all emails, then nothing; other addresses are unaffected`, async () => {
    const user = await account();
    const sprayer = randomIp();
    for (let batch = 0; batch < PER_IP / 10; batch++) {
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () =>
          attempt(`nobody-${randomUUID().slice(0, 8)}@test.example`, "password1", sprayer),
        ),
      );
      expect(outcomes).toEqual(Array(10).fill("invalid_credentials"));
    }
    compare.mockClear();
    expect(await attempt(user.email, PASSWORD, sprayer)).toBe("rate_limited");
    expect(await attempt(`nobody-${randomUUID().slice(0, 8)}@test.example`, "password1", sprayer)).toBe(
      "rate_limited",
    );
    expect(compare).not.toHaveBeenCalled();
    expect(await attempt(user.email, PASSWORD, randomIp())).toBe("signed in");
  });

  it(`an account guessed at from many addresses: after ${PER_ACCOUNT} failures only browsers that signed in to it before get through`, async () => {
    const { knownDeviceMark } = await import("@/lib/auth-throttle");
    const user = await account();
    // PER_ACCOUNT failures, each from its own address (a botnet, or forged X-Forwarded-For without a proxy).
    // Counted straight in the throttle table (no bcrypt): one atomic upsert per attempt, as sign-in does.
    const { reserveSignInAttempt } = await import("@/lib/auth-throttle");
    for (let i = 0; i < PER_ACCOUNT; i++) {
      const reservation = await reserveSignInAttempt({
        email: user.email,
        ip: randomIp(),
        knownDevice: false,
      });
      expect(reservation.ok).toBe(true);
      await reservation.settle?.(false);
    }
    expect(await attempt(user.email, PASSWORD, randomIp())).toBe("rate_limited");
    // The owner's own browser (its known-device cookie) is not subject to the account-wide limit.
    expect(await attempt(user.email, PASSWORD, randomIp(), [knownDeviceMark(user.email)])).toBe("signed in");
    // A mark for another email does not count.
    expect(
      await attempt(user.email, PASSWORD, randomIp(), [knownDeviceMark("someone-else@test.example")]),
    ).toBe("rate_limited");
  });

  it("an unknown email and a password-less account run one bcrypt comparison at the real cost, and are refused the same way", async () => {
    const known = await account();
    const passwordless = await account(null);
    const unknownEmail = `nobody-${randomUUID().slice(0, 8)}@test.example`;
    for (const email of [unknownEmail, passwordless.email, known.email]) {
      compare.mockClear();
      expect(await attempt(email, "a wrong password", randomIp())).toBe("invalid_credentials");
      expect(compare).toHaveBeenCalledTimes(1);
      const [password, checkedHash] = compare.mock.calls[0]!;
      expect(password).toBe("a wrong password");
      expect(bcrypt.getRounds(checkedHash)).toBe(bcrypt.getRounds(hash));
    }
    // The dummy hash is the same for every unknown email, and not a user's.
    compare.mockClear();
    await attempt(`nobody-${randomUUID().slice(0, 8)}@test.example`, "x", randomIp());
    await attempt(passwordless.email, "y", randomIp());
    const [a, b] = compare.mock.calls.map(([, h]) => h);
    expect(a).toBe(b);
    expect(a).not.toBe(known.passwordHash);
  });
});

describe("the throttle counter", () => {
  it("counts parallel hits on one key exactly once each (1…N), and starts a new window once the old one ends", async () => {
    const { hitThrottle } = await import("@/db/queries/auth-throttles");
    const key = `test:${randomUUID()}`;
    const hits = await Promise.all(Array.from({ length: 40 }, () => hitThrottle({ key, windowMs: 60_000 })));
    expect(hits.map((h) => h.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    for (const h of hits) {
      expect(h.retryAfterSeconds).toBeGreaterThan(0);
      expect(h.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    await db.execute(
      sql`update auth_throttles set window_started_at = now() - interval '61 seconds' where key = ${key}`,
    );
    expect((await hitThrottle({ key, windowMs: 60_000 })).count).toBe(1);
  });

  it("has the limits these tests assume", async () => {
    const { SIGN_IN } = await import("@/lib/auth-throttle");
    expect(SIGN_IN).toMatchObject({
      windowMs: 15 * 60 * 1000,
      perAccountIp: PER_ACCOUNT_IP,
      perIp: PER_IP,
      perAccount: PER_ACCOUNT,
    });
  });
});

describe("client address", () => {
  it("is read from X-Forwarded-For: the last entry by default, the n-th from the right behind n proxies", async () => {
    const { clientIp, UNKNOWN_IP } = await import("@/lib/security/throttle");
    const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });
    expect(clientIp(h("203.0.113.9"), 0)).toBe("203.0.113.9");
    // A client-written entry to the left of what the proxy appended is never used.
    expect(clientIp(h("1.2.3.4, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientIp(h("1.2.3.4, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
    expect(clientIp(h("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    // IPv6: one bucket per /64 (what one subscriber holds).
    expect(clientIp(h("2001:db8:1:2:aaaa::1"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientIp(h("2001:db8:1:2:bbbb:cccc:dddd:eeee"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientIp(h("2001:db8::1"), 0)).toBe("2001:db8:0:0::/64");
    // Missing or garbage: one shared bucket, so garbage buys no fresh limit.
    expect(clientIp(h(), 0)).toBe(UNKNOWN_IP);
    expect(clientIp(h("not-an-ip"), 0)).toBe(UNKNOWN_IP);
    expect(clientIp(h("1.2.3.4"), 3)).toBe(UNKNOWN_IP);
  });
});
