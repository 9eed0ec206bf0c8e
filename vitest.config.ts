import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * One vitest config, three projects (`npm run test:unit`, `test:integration`, `test:reliability`):
 * - unit: pure tests beside the code they test (`lib/**`, `components/**`, …): no database, no emulator;
 * - integration: `tests/integration/<path of the code under test>` — a real database (PGlite in memory
 *   per test file by default, or the PostgreSQL server named by DATABASE_URL / POSTGRES_URL) and the
 *   Stripe emulator started once by tests/global-setup.ts, reached through the real `stripe` SDK;
 * - reliability: `tests/reliability` — the money paths under load, faults, crashes and hostile input.
 *   Its files run one after another: the emulator's fault table and webhook endpoints are global to the
 *   one emulator, so a fault injected by one file must not hit another file's requests.
 */
const withDatabase = {
  globalSetup: ["tests/global-setup.ts"],
  setupFiles: ["tests/setup.ts"],
};

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests run server code directly.
      "server-only": path.resolve(import.meta.dirname, "tests/empty-module.ts"),
    },
  },
  test: {
    environment: "node",
    pool: "forks",
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{app,components,db,lib,scripts}/**/*.test.{ts,tsx}"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          ...withDatabase,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "reliability",
          include: ["tests/reliability/**/*.test.ts"],
          ...withDatabase,
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
