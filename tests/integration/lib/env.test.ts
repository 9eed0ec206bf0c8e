import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** Evaluates lib/env.ts in a fresh process with exactly the given environment. */
async function checkConfig(vars: Record<string, string>) {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "development",
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    ...vars,
  };
  try {
    const { stdout } = await run("node_modules/.bin/tsx", ["tests/fixtures/check-env.ts"], {
      env,
      cwd: process.cwd(),
    });
    return { ok: true as const, out: JSON.parse(stdout.trim()) as { mode: string; driver: string } };
  } catch (error) {
    return { ok: false as const, err: String((error as { stderr?: string }).stderr ?? error) };
  }
}

async function appUrl(vars: Record<string, string>): Promise<{ appUrl: string; port: number }> {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "development",
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    ...vars,
  };
  const { stdout } = await run("node_modules/.bin/tsx", ["tests/fixtures/check-app-url.ts"], {
    env,
    cwd: process.cwd(),
  });
  return JSON.parse(stdout.trim()) as { appUrl: string; port: number };
}

describe("the app's address", () => {
  it("follows PORT when APP_URL is not set (return URLs, OAuth redirect, webhook target)", async () => {
    expect(await appUrl({})).toEqual({ appUrl: "http://localhost:3000", port: 3000 });
    expect(await appUrl({ PORT: "4123" })).toEqual({ appUrl: "http://localhost:4123", port: 4123 });
  });

  it("is APP_URL when set, whatever PORT says", async () => {
    expect(await appUrl({ PORT: "4123", APP_URL: "https://market.example" })).toEqual({
      appUrl: "https://market.example",
      port: 4123,
    });
  });

  it("refuses a PORT that is not a number, naming it", async () => {
    await expect(appUrl({ PORT: "eighty" })).rejects.toThrow(/PORT/);
  });
});

describe("environment", () => {
  it("defaults to offline mode with PGlite when nothing is configured", async () => {
    const result = await checkConfig({ NODE_ENV: "development" });
    expect(result).toEqual({ ok: true, out: { mode: "offline", driver: "pglite" } });
  });

  it("refuses to start in production without a Stripe key, naming the variable", async () => {
    const result = await checkConfig({ NODE_ENV: "production" });
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.err).toContain("STRIPE_SECRET_KEY is not set and NODE_ENV=production");
    expect(result.ok ? "" : result.err).toContain("STRIPE_EMULATOR=1");
  });

  /** Secrets of this deployment's own (obviously fake, not the public offline ones). */
  const OWN_SECRETS = {
    AUTH_SECRET: "x".repeat(40),
    STRIPE_WEBHOOK_SECRET: "whsec_fake_own_platform",
    STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_fake_own_connect",
    CRON_SECRET: "own-cron-secret-0123456789",
  };

  it("starts in production against the emulator only when STRIPE_EMULATOR=1 asks for it", async () => {
    const result = await checkConfig({ NODE_ENV: "production", STRIPE_EMULATOR: "1", ...OWN_SECRETS });
    expect(result).toEqual({ ok: true, out: { mode: "offline", driver: "pglite" } });
  });

  it("never runs production on the public offline secrets, emulator or not, naming each variable", async () => {
    const keys = {
      STRIPE_SECRET_KEY: "sk_test_fake_not_a_real_key",
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_test_fake_not_real",
    };
    const publicValues = [
      ["STRIPE_WEBHOOK_SECRET", "whsec_emulator_platform"],
      ["STRIPE_CONNECT_WEBHOOK_SECRET", "whsec_emulator_connect"],
      ["STRIPE_CONNECT_WEBHOOK_SECRET", "whsec_emulator_platform"],
      ["AUTH_SECRET", "offline-dev-auth-secret-not-for-production-0123456789"],
      ["CRON_SECRET", "offline-dev-cron-secret-not-for-production"],
      ["STRIPE_APP_SIGNING_SECRET", "absec_offline_public_stripe_app_secret"],
    ] as const;
    // Each case is its own process; run them side by side.
    await Promise.all(
      [{ STRIPE_EMULATOR: "1" }, keys].flatMap((stripe) => [
        // Missing: nothing falls back to the offline values in production.
        checkConfig({ NODE_ENV: "production", ...stripe, AUTH_SECRET: OWN_SECRETS.AUTH_SECRET }).then(
          (missing) => {
            expect(missing.ok ? "" : missing.err).toContain(
              "STRIPE_WEBHOOK_SECRET is required when NODE_ENV=production",
            );
            expect(missing.ok ? "" : missing.err).toContain(
              "STRIPE_CONNECT_WEBHOOK_SECRET is required when NODE_ENV=production",
            );
            expect(missing.ok ? "" : missing.err).toContain(
              "CRON_SECRET is required when NODE_ENV=production",
            );
          },
        ),
        // Set, but to the values written in this repository.
        ...publicValues.map(([name, value]) =>
          checkConfig({ NODE_ENV: "production", ...stripe, ...OWN_SECRETS, [name]: value }).then((result) => {
            expect(result.ok).toBe(false);
            expect(result.ok ? "" : result.err).toContain(`${name} is set to a public offline default`);
          }),
        ),
      ]),
    );
    // Outside production the offline values are the defaults, and fine.
    expect(
      await checkConfig({ NODE_ENV: "development", STRIPE_WEBHOOK_SECRET: "whsec_emulator_platform" }),
    ).toMatchObject({ ok: true });
  }, 120_000);

  it("refuses to start in production without AUTH_SECRET, even against the emulator, naming the variable", async () => {
    const stripeSettings: Record<string, string>[] = [
      { STRIPE_EMULATOR: "1" },
      {
        STRIPE_SECRET_KEY: "sk_test_fake_not_a_real_key",
        NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_test_fake_not_real",
        STRIPE_WEBHOOK_SECRET: "whsec_fake",
        STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_fake_connect",
      },
    ];
    for (const stripe of stripeSettings) {
      const result = await checkConfig({ NODE_ENV: "production", ...stripe });
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.err).toContain("AUTH_SECRET is required when NODE_ENV=production");
    }
    const tooShort = await checkConfig({
      NODE_ENV: "production",
      STRIPE_EMULATOR: "1",
      AUTH_SECRET: "short",
    });
    expect(tooShort.ok ? "" : tooShort.err).toContain("AUTH_SECRET");
    // Development keeps working with no secret at all (the offline one).
    expect(await checkConfig({ NODE_ENV: "development" })).toMatchObject({ ok: true });
  });

  it("uses real Stripe with keys and requires the webhook secret in production", async () => {
    const keys = {
      STRIPE_SECRET_KEY: "sk_test_fake_not_a_real_key",
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_test_fake_not_real",
    };
    const missing = await checkConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), ...keys });
    expect(missing.ok ? "" : missing.err).toContain("STRIPE_WEBHOOK_SECRET is required");
    const ok = await checkConfig({ NODE_ENV: "production", ...OWN_SECRETS, ...keys });
    expect(ok).toEqual({ ok: true, out: { mode: "keys", driver: "pglite" } });
  });

  it("picks the driver from the database variables and rejects malformed values", async () => {
    expect(await checkConfig({ DATABASE_URL: "postgres://u@127.0.0.1:5432/db" })).toMatchObject({
      out: { driver: "pg" },
    });
    expect(await checkConfig({ POSTGRES_URL: "postgres://u@localhost:5432/db" })).toMatchObject({
      out: { driver: "vercel" },
    });
    const bad = await checkConfig({ STRIPE_SECRET_KEY: "not-a-key" });
    expect(bad.ok ? "" : bad.err).toContain("STRIPE_SECRET_KEY");
  });
});
