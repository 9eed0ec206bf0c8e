import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migrateVercel } from "drizzle-orm/vercel-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { VercelPgDatabase } from "drizzle-orm/vercel-postgres";
import { db, dbDriver } from "./client";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Applies the committed drizzle-kit migrations with the driver in use. Safe to run repeatedly. */
export async function runMigrations(): Promise<void> {
  const config = { migrationsFolder };
  if (dbDriver() === "pglite") await migratePglite(db as unknown as PgliteDatabase, config);
  else if (dbDriver() === "pg") await migratePg(db as unknown as NodePgDatabase, config);
  else await migrateVercel(db as unknown as VercelPgDatabase, config);
}

/** Drops everything (tests against a shared PostgreSQL server start from an empty schema). */
export async function resetDatabase(): Promise<void> {
  await db.execute(sql`drop schema if exists public cascade`);
  await db.execute(sql`drop schema if exists drizzle cascade`);
  await db.execute(sql`create schema public`);
}
