import { afterAll, beforeAll } from "vitest";

// Each test file gets its own in-memory PGlite unless a PostgreSQL server was named.
if (!process.env.DATABASE_URL && !process.env.POSTGRES_URL) process.env.PGLITE_DIR = "memory://";

beforeAll(async () => {
  const { dbDriver } = await import("@/db/client");
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
