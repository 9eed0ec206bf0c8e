import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzleVercel } from "drizzle-orm/vercel-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { env } from "@/lib/env";
import { acquireLock, readLock } from "./pglite-lock";
import * as relations from "./relations";
import * as tables from "./schema";

/**
 * One Drizzle client, three drivers (see README "Database modes"):
 * - POSTGRES_URL → @vercel/postgres (Neon's WebSocket protocol), production on Vercel;
 * - DATABASE_URL → node-postgres, any PostgreSQL server;
 * - neither → PGlite (Postgres in WASM) under PGLITE_DIR (`.data/pglite`). One process owns those files
 *   (`npm run db:serve`, started by `npm run dev` and `npm start`) and serves them on loopback; this
 *   client finds it through `<dir>.lock` and connects with node-postgres. Inside Next (whose workers
 *   are separate processes) that is the only way; a script with no server running opens the files
 *   itself, holding the same lock. `memory://` (tests) is in-process and private.
 * All run the same migrations and the same queries.
 */

/** Tables and their relations: every driver gets both, so `db.query.<table>` works on each. */
export const schema = { ...tables, ...relations };
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

function createPg(url: string, maxPerProcess = 10): Handle {
  const pool = new pg.Pool({ connectionString: url, max: maxPerProcess });
  // An idle connection the server closed (a restart, a failover) must not crash the process: the pool
  // drops it and opens a new one on the next query.
  pool.on("error", (error) => console.warn(`[db] idle connection closed: ${error.message}`));
  return { db: drizzleNodePg(pool, { schema }), driver: "pg", close: () => pool.end() };
}

function createPglite(dir: string): Handle {
  if (dir === "memory://") {
    const client = new PGlite();
    return { db: drizzlePglite(client, { schema }), driver: "pglite", close: () => client.close() };
  }
  const served = readLock(dir);
  // The server runs one session at a time, so a few connections per process are plenty.
  if (served?.port) return createPg(`postgres://postgres@${served.host}:${served.port}/postgres`, 4);
  if (env.NEXT_RUNTIME) {
    throw new Error(
      `The embedded database (${dir}) is not being served. Start the app with \`npm run dev\` or \`npm start\`, ` +
        "which serve it (npm run db:serve), or set DATABASE_URL.",
    );
  }
  // A script with nobody serving the directory: it becomes the owner for its lifetime (throws, naming
  // the holder, if a script already is).
  const release = acquireLock(dir, { port: null });
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  return {
    db: drizzlePglite(client, { schema }),
    driver: "pglite",
    close: async () => {
      await client.close();
      release();
    },
  };
}

function createHandle(): Handle {
  if (env.POSTGRES_URL) return createVercel(env.POSTGRES_URL);
  if (env.DATABASE_URL) return createPg(env.DATABASE_URL);
  return createPglite(env.PGLITE_DIR);
}

// Cached on globalThis so dev hot reloads (and the many modules of a test file) share one connection.
// Created on first use, not on import: `next build` imports routes without a database to talk to.
const globalForDb = globalThis as unknown as { __db?: Handle };
function handle(): Handle {
  return (globalForDb.__db ??= createHandle());
}

export const db: Database = new Proxy({} as Database, {
  get(_target, key) {
    const real = handle().db;
    return Reflect.get(real, key, real) as unknown;
  },
});
/** Which client library talks to the database ("pg" for a served PGlite too: it is a PostgreSQL server to us). */
export function dbDriver(): Handle["driver"] {
  return handle().driver;
}
export async function closeDb(): Promise<void> {
  const current = globalForDb.__db;
  delete globalForDb.__db;
  await current?.close();
}
