import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium";

/**
 * End-to-end journeys in a real Chromium against a production build of the app, the Stripe emulator
 * and a fresh PGlite database (scripts/e2e-server.ts starts all three).
 * Uses Debian's Chromium when present (this project's CI machines cannot download browsers);
 * elsewhere Playwright's own browser (`npx playwright install chromium`).
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
// A production server runs on secrets of its own, never the public offline ones (lib/env.ts). The config
// runs in the runner and in every worker, so fixed test-only values reach the server and the emulator
// (webServer inherits process.env; the emulator signs with the same webhook secrets) and the specs
// (the secrets spec checks none reaches a browser).
process.env.AUTH_SECRET ??= "e2e-only-auth-secret-never-used-in-production-8f3a";
process.env.STRIPE_WEBHOOK_SECRET ??= "whsec_e2e_only_platform_7d41";
process.env.STRIPE_CONNECT_WEBHOOK_SECRET ??= "whsec_e2e_only_connect_7d41";
process.env.CRON_SECRET ??= "e2e-only-cron-secret-never-used-in-production-4b8e";
process.env.STRIPE_APP_SIGNING_SECRET ??= "absec_e2e_only_stripe_app_2f9c";
// Every journey's buyer comes from 127.0.0.1: the per-address checkout limit (60 per 10 minutes,
// lib/security/money-throttle.ts, tested in vitest) would otherwise stop the suite, not a card tester.
process.env.CHECKOUT_ATTEMPTS_PER_IP ??= "1000";
// Likewise the sign-up limit (20 per hour per address, tested in vitest): the journeys sign up more
// than 20 new users, so the last specs in the run were refused "Create account".
process.env.SIGN_UPS_PER_IP ??= "1000";

export default defineConfig({
  testDir: "e2e",
  // e2e/dev runs `npm run dev` itself, stops and restarts it (playwright.dev.config.ts).
  testIgnore: ["dev/**"],
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PW_JSON_OUTPUT
    ? [["list"], ["json", { outputFile: process.env.PW_JSON_OUTPUT }]]
    : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `http://localhost:${PORT}/api/health`,
    timeout: 420_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
