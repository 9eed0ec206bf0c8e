import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

/** A migrated in-memory PGlite's data directory, as a tar file: the starting state of every test file. */
async function migratedPgliteSnapshot(): Promise<string> {
  process.env.PGLITE_DIR = "memory://";
  const { runMigrations } = await import("../db/migrate");
  const { closeDb, db } = await import("../db/client");
  await runMigrations();
  const client = (db as unknown as { $client: import("@electric-sql/pglite").PGlite }).$client;
  const dump = await client.dumpDataDir("none");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "pglite-test-")), "migrated.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await closeDb();
  delete (globalThis as { __db?: unknown }).__db;
  return file;
}

/**
 * Once per test run: start the Stripe emulator (in this process, on a free port) and migrate once. On a
 * PostgreSQL server: from an empty schema. On PGlite (each test file has its own in-memory database):
 * migrate one and save its data directory, which every file then loads (tests/setup.ts) instead of
 * running initdb and the migrations again (about 3 s per file). Workers inherit the environment set here.
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
  } else {
    process.env.PGLITE_TEST_SNAPSHOT = await migratedPgliteSnapshot();
  }

  return async () => {
    await emulator.close();
    await proxy?.close();
    const snapshot = process.env.PGLITE_TEST_SNAPSHOT;
    if (snapshot) rmSync(path.dirname(snapshot), { recursive: true, force: true });
  };
}
