import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The reliability suite (`npm run test:reliability`, part of `npm test`): the money paths under load,
 * faults, crashes and hostile input. Same database and emulator setup as vitest.config.ts.
 *
 * Files run one after another: the emulator's fault table and webhook endpoints are global to the
 * one emulator test/global-setup.ts starts, so a fault injected by one file must not hit another
 * file's requests — and the machine running CI has two cores.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/reliability/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
  },
});
