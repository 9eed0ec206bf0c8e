import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { lockPath, PgliteBusyError, readLock } from "@/db/pglite-lock";
import { servePglite } from "@/db/pglite-server";

/*
 * The embedded database's one owner: PGlite served over the Postgres protocol, reached with `pg` by
 * many connections at once, refusing a second owner, and keeping every committed row across a clean
 * stop and a SIGKILL.
 */

const root = mkdtempSync(path.join(tmpdir(), "pglite-server-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(root, `db-${++n}`);

async function withPool<T>(url: string, max: number, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

describe("servePglite", () => {
  it("serves many pooled connections with transactions that never see each other's work", async () => {
    const served = await servePglite({ dir: freshDir() });
    try {
      await withPool(served.url, 8, async (pool) => {
        await pool.query("create table counter (id int primary key, value int not null)");
        await pool.query("insert into counter values (1, 0)");
        // Read-modify-write in 40 parallel transactions with parameters (extended protocol): a lost
        // update or an interleaved Parse/Bind would show as a total below 40 or an error.
        await Promise.all(
          Array.from({ length: 40 }, async () => {
            const client = await pool.connect();
            try {
              await client.query("begin");
              const { rows } = await client.query<{ value: number }>(
                "select value from counter where id = $1",
                [1],
              );
              await new Promise((r) => setTimeout(r, 1));
              await client.query("update counter set value = $1 where id = $2", [rows[0]!.value + 1, 1]);
              await client.query("commit");
            } finally {
              client.release();
            }
          }),
        );
        const { rows } = await pool.query<{ value: number }>("select value from counter where id = $1", [1]);
        expect(rows[0]!.value).toBe(40);
      });
    } finally {
      await served.close();
    }
  });

  it("rolls back what a client left open when it disconnects, and serves the others", async () => {
    const served = await servePglite({ dir: freshDir() });
    try {
      await withPool(served.url, 2, (pool) => pool.query("create table notes (body text)"));
      const quitter = new pg.Client({ connectionString: served.url });
      quitter.on("error", () => {}); // it is about to be cut off on purpose
      await quitter.connect();
      await quitter.query("begin");
      await quitter.query("insert into notes values ($1)", ["never committed"]);
      const waiting = withPool(served.url, 1, (pool) =>
        pool.query<{ n: string }>("select count(*)::text as n from notes"),
      );
      quitter.connection.stream.destroy(); // the process died mid-transaction
      expect((await waiting).rows[0]!.n).toBe("0");
    } finally {
      await served.close();
    }
  });

  it("refuses a second owner of the same directory, naming the first", async () => {
    const dir = freshDir();
    const served = await servePglite({ dir });
    try {
      await expect(servePglite({ dir })).rejects.toThrow(PgliteBusyError);
      await expect(servePglite({ dir })).rejects.toThrow(
        new RegExp(`in use by process ${process.pid}.*serving it on 127\\.0\\.0\\.1:${served.port}`),
      );
      expect(readLock(dir)).toMatchObject({ pid: process.pid, port: served.port });
    } finally {
      await served.close();
    }
    expect(readLock(dir)).toBeNull();
  });

  it("takes over a lock left behind by a process that died", async () => {
    const dir = freshDir();
    writeFileSync(
      lockPath(dir),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        port: 1,
        host: "127.0.0.1",
        command: "gone",
        startedAt: "then",
      }),
    );
    expect(readLock(dir)).toBeNull();
    const served = await servePglite({ dir });
    expect(readLock(dir)?.pid).toBe(process.pid);
    await served.close();
  });

  it("keeps every committed row after a clean stop and after SIGKILL of the serving process", async () => {
    const dir = freshDir();
    const startChild = async () => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/db-server.ts"], {
        env: { ...process.env, PGLITE_DIR: dir, PGLITE_PORT: "0" },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          const match = /served at (\S+)/.exec(chunk.toString());
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", (code) => reject(new Error(`db-server exited with ${code}`)));
      });
      const exited = new Promise((r) => child.once("exit", r));
      return { child, url, exited };
    };
    const insert = (url: string, from: number, count: number) =>
      withPool(url, 4, async (pool) => {
        await pool.query("create table if not exists rows (n int primary key)");
        for (let i = from; i < from + count; i++) await pool.query("insert into rows values ($1)", [i]);
      });
    const countRows = (url: string) =>
      withPool(url, 1, async (pool) =>
        Number((await pool.query<{ n: string }>("select count(*)::text as n from rows")).rows[0]!.n),
      );

    const first = await startChild();
    await insert(first.url, 0, 50);
    first.child.kill("SIGTERM");
    await first.exited;
    expect(readLock(dir)).toBeNull(); // a clean stop releases the directory

    const second = await startChild();
    expect(await countRows(second.url)).toBe(50);
    await insert(second.url, 50, 50);
    second.child.kill("SIGKILL");
    await second.exited;

    const third = await startChild();
    try {
      expect(await countRows(third.url)).toBe(100);
    } finally {
      third.child.kill("SIGTERM");
      await third.exited;
    }
  }, 120_000);

  it("is what db/client connects to: with pg outside Next, and inside Next only that way", async () => {
    const dir = freshDir();
    const check = (vars: Record<string, string>) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "tests/fixtures/check-db.ts"], {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/tmp",
          NODE_ENV: "development",
          PGLITE_DIR: dir,
          ...vars,
        },
      });
    // Inside Next, nobody serving: a clear refusal, never the files opened from a Next process.
    await expect(check({ NEXT_RUNTIME: "nodejs" })).rejects.toThrow(/is not being served.*npm run dev/);
    const served = await servePglite({ dir });
    try {
      for (const vars of [{ NEXT_RUNTIME: "nodejs" }, {}] as Record<string, string>[]) {
        const { stdout } = await check(vars);
        expect(JSON.parse(stdout.trim())).toEqual({ driver: "pg", answer: 42 });
      }
    } finally {
      await served.close();
    }
  }, 60_000);
});
