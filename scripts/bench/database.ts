import { cpSync, rmSync } from "node:fs";
import pg from "pg";
import { startDbServer, type DbServer } from "../lib/processes";

/*
 * The database of one bench column, seeded once and put back to that seeded state before each phase
 * that needs a fresh backlog (the worker's apply rate, the two-instance run): PostgreSQL copies it with
 * `create database … template`, PGlite copies its directory while its one owner is stopped.
 */

export interface BenchDatabase {
  /** What the seed and `next start` get (DATABASE_URL or PGLITE_DIR). */
  env: Record<string, string>;
  /** A `pg` connection string for the bench's own checks. */
  url(): string;
  /** Keeps the current (seeded) state; restore() returns to it. */
  snapshot(): Promise<void>;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const target = new URL(url);
  target.pathname = "/postgres";
  const client = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops and creates the database `url` names; null when it worked, else why the column is "n/a". */
export async function recreatePostgres(url: string): Promise<string | null> {
  const database = new URL(url).pathname.slice(1) || "bench";
  try {
    await admin(url, async (client) => {
      await client.query(`drop database if exists "${database}" with (force)`);
      await client.query(`create database "${database}"`);
    });
    return null;
  } catch (error) {
    return `PostgreSQL at ${new URL(url).host} not usable (${error instanceof Error ? error.message : String(error)})`;
  }
}

export function postgresDatabase(url: string): BenchDatabase {
  const database = new URL(url).pathname.slice(1) || "bench";
  const seeded = `${database}_seeded`;
  return {
    env: { DATABASE_URL: url },
    url: () => url,
    snapshot: () =>
      admin(url, async (client) => {
        await client.query(`drop database if exists "${seeded}" with (force)`);
        await client.query(`create database "${seeded}" template "${database}"`);
      }),
    restore: () =>
      admin(url, async (client) => {
        await client.query(`drop database if exists "${database}" with (force)`);
        await client.query(`create database "${database}" template "${seeded}"`);
      }),
    stop: () =>
      admin(url, (client) => client.query(`drop database if exists "${seeded}" with (force)`)).then(),
  };
}

/** PGlite served by its one owner (like `npm start`); started here, fresh directory. */
export async function pgliteDatabase(dir: string, env: NodeJS.ProcessEnv): Promise<BenchDatabase> {
  rmSync(dir, { recursive: true, force: true });
  const seededDir = `${dir}-seeded`;
  let server: DbServer | null = await startDbServer({ ...env, PGLITE_DIR: dir });
  const stop = async () => {
    await server?.stop();
    server = null;
  };
  return {
    env: { PGLITE_DIR: dir },
    url: () => {
      if (!server) throw new Error("the PGlite server is stopped");
      return server.url;
    },
    snapshot: async () => {
      await stop();
      rmSync(seededDir, { recursive: true, force: true });
      cpSync(dir, seededDir, { recursive: true });
      server = await startDbServer({ ...env, PGLITE_DIR: dir });
    },
    restore: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
      cpSync(seededDir, dir, { recursive: true });
      server = await startDbServer({ ...env, PGLITE_DIR: dir });
    },
    stop: async () => {
      await stop();
      rmSync(seededDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` with one connection to the bench database. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
