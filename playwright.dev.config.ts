import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium";

/**
 * The README's first command, as a user lives it: e2e/dev starts `npm run dev` on an empty data
 * directory (its own ports and `.data/` subfolder), uses the app in Chromium, stops it with Ctrl-C and
 * with SIGKILL, and starts it again. No webServer: the spec owns the dev server's lifecycle.
 */
export default defineConfig({
  testDir: "e2e/dev",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0, // a pass on the retry is reported as flaky by npm test
  timeout: 600_000,
  expect: { timeout: 30_000 },
  reporter: process.env.PW_JSON_OUTPUT
    ? [["list"], ["json", { outputFile: process.env.PW_JSON_OUTPUT }]]
    : [["list"]],
  use: {
    baseURL: `http://localhost:${process.env.DEV_JOURNEY_PORT ?? "3210"}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    navigationTimeout: 120_000,
    actionTimeout: 60_000,
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
