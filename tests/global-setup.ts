import type { TestProject } from "vitest/node";

/**
 * Once per test run: start the Stripe emulator (in this process, on a free port) and, for a PostgreSQL
 * server run, start from an empty schema and migrate once. Workers inherit the environment set here.
 */
export default async function setup(_project: TestProject) {
  delete process.env.STRIPE_SECRET_KEY; // integration tests always run offline against the emulator
  const { startEmulator } = await import("@marketplace/stripe-emulator");
  const emulator = await startEmulator({
    port: 0,
    webhookUrl: null,
    snapshotPath: null,
    retrySchedule: [50, 100, 200],
  });
  process.env.STRIPE_EMULATOR_PORT = String(emulator.port);
  process.env.STRIPE_EMULATOR_HOST = "127.0.0.1";

  let proxy: { close: () => Promise<void> } | undefined;
  if (process.env.POSTGRES_URL && process.env.POSTGRES_WS_PROXY === "auto") {
    const { startWsProxy } = await import("../scripts/neon-ws-proxy");
    const started = await startWsProxy(0);
    proxy = started;
    process.env.POSTGRES_WS_PROXY = `127.0.0.1:${started.port}`;
  }
  if (process.env.DATABASE_URL || process.env.POSTGRES_URL) {
    const { resetDatabase, runMigrations } = await import("../db/migrate");
    const { closeDb } = await import("../db/client");
    await resetDatabase();
    await runMigrations();
    await closeDb();
    delete (globalThis as { __db?: unknown }).__db;
  }

  return async () => {
    await emulator.close();
    await proxy?.close();
  };
}
