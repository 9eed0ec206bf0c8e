import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzleVercel } from "drizzle-orm/vercel-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { env } from "@/lib/env";
import * as schema from "./schema";

/**
 * One Drizzle client, three drivers (see README "Database modes"):
 * - POSTGRES_URL → @vercel/postgres (Neon's WebSocket protocol), production on Vercel;
 * - DATABASE_URL → node-postgres, any PostgreSQL server;
 * - neither → PGlite (Postgres in WASM), persisted under PGLITE_DIR (`.data/pglite`), or `memory://`.
 * All three run the same migrations and the same queries.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything queries can run on: the client or an open transaction. */
export type Executor = Database | Transaction;

interface Handle {
  db: Database;
  driver: "pglite" | "pg" | "vercel";
  close: () => Promise<void>;
}

const require = createRequire(import.meta.url);

/** The settings of @neondatabase/serverless we touch (its nested copy has no types we can import by name). */
interface NeonConfig {
  wsProxy: string | ((host: string, port: number | string) => string);
  useSecureWebSocket: boolean;
  pipelineTLS: boolean;
  pipelineConnect: false | "password";
}

function createVercel(url: string): Handle {
  // Load @vercel/postgres and the exact copy of @neondatabase/serverless it depends on (it pins an
  // older major than drizzle's), both as CommonJS so neonConfig below is the instance it uses.
  const vercelEntry = require.resolve("@vercel/postgres");
  const vercel = require(vercelEntry) as typeof import("@vercel/postgres");
  if (env.POSTGRES_WS_PROXY) {
    const neon = createRequire(vercelEntry)("@neondatabase/serverless") as { neonConfig: NeonConfig };
    const proxy = env.POSTGRES_WS_PROXY;
    neon.neonConfig.wsProxy = (host: string, port: number | string) => `${proxy}/v2?address=${host}:${port}`;
    neon.neonConfig.useSecureWebSocket = false;
    neon.neonConfig.pipelineTLS = false;
    neon.neonConfig.pipelineConnect = false;
  }
  const pool = vercel.createPool({ connectionString: url });
  return { db: drizzleVercel(pool, { schema }), driver: "vercel", close: () => pool.end() };
}

function createPg(url: string): Handle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return { db: drizzleNodePg(pool, { schema }), driver: "pg", close: () => pool.end() };
}

function createPglite(dir: string): Handle {
  const inMemory = dir === "memory://";
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const client = new PGlite(inMemory ? undefined : dir);
  return { db: drizzlePglite(client, { schema }), driver: "pglite", close: () => client.close() };
}

function createHandle(): Handle {
  if (env.POSTGRES_URL) return createVercel(env.POSTGRES_URL);
  if (env.DATABASE_URL) return createPg(env.DATABASE_URL);
  return createPglite(env.PGLITE_DIR);
}

// Cached on globalThis so dev hot reloads (and the many modules of a test file) share one connection;
// PGlite in particular must have a single owner of its data directory per process.
const globalForDb = globalThis as unknown as { __db?: Handle };
const handle = globalForDb.__db ?? createHandle();
globalForDb.__db = handle;

export const db: Database = handle.db;
export const dbDriver = handle.driver;
export const closeDb = handle.close;
