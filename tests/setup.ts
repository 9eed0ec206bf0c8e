import { readFileSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";

// Each test file gets its own in-memory PGlite unless a PostgreSQL server was named.
if (!process.env.DATABASE_URL && !process.env.POSTGRES_URL) process.env.PGLITE_DIR = "memory://";

/**
 * The file's in-memory PGlite, loaded from the migrated data directory tests/global-setup.ts saved: the
 * same database `runMigrations` would build, without initdb and the migrations per file. Installed as
 * db/client's cached handle, only when the file kept the in-memory default and opened nothing yet.
 */
async function loadMigratedPglite(snapshot: string): Promise<void> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { schema } = await import("@/db/client");
  const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(snapshot)]) });
  (globalThis as { __db?: unknown }).__db = {
    db: drizzle(client, { schema }),
    driver: "pglite",
    close: () => client.close(),
  };
}

beforeAll(async () => {
  const snapshot = process.env.PGLITE_TEST_SNAPSHOT;
  const untouched = !(globalThis as { __db?: unknown }).__db;
  if (snapshot && untouched && process.env.PGLITE_DIR === "memory://" && !process.env.DATABASE_URL) {
    await loadMigratedPglite(snapshot);
  }
  const { dbDriver } = await import("@/db/client");
  // Migrations are idempotent: on a loaded snapshot they only confirm every one is applied.
  if (dbDriver() === "pglite") {
    const { runMigrations } = await import("@/db/migrate");
    await runMigrations();
  }
});

afterAll(async () => {
  const { closeDb } = await import("@/db/client");
  await closeDb();
  // The fork may run another test file next: never hand it a closed connection.
  delete (globalThis as { __db?: unknown }).__db;
});
