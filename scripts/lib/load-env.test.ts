import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "load-env-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  path.join(dir, ".env"),
  "DATABASE_URL=postgres://from-dot-env@127.0.0.1/app\nPORT_FROM_ENV=1\n",
);
writeFileSync(
  path.join(dir, ".env.local"),
  "DATABASE_URL=postgres://from-local@127.0.0.1/app\nSTRIPE_SECRET_KEY=sk_test_from_local\n",
);

/** Loads `dir`'s files in a fresh process with exactly the given environment, then what lib/env.ts makes of it. */
async function loadIn(vars: Record<string, string>) {
  const code = `(async () => {
    const { loadProjectEnv } = await import(${JSON.stringify(path.resolve("scripts/lib/load-env.ts"))});
    const { files } = loadProjectEnv(${JSON.stringify(dir)});
    const { env } = await import(${JSON.stringify(path.resolve("lib/env.ts"))});
    console.log(JSON.stringify({ files, db: process.env.DATABASE_URL, driver: env.databaseDriver, mode: env.stripeMode, marked: "__NEXT_PROCESSED_ENV" in process.env }));
  })();`;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "development",
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    ...vars,
  };
  const { stdout } = await run("node_modules/.bin/tsx", ["-e", code], { env, cwd: process.cwd() });
  return JSON.parse(stdout.trim()) as {
    files: string[];
    db?: string;
    driver: string;
    mode: string;
    marked: boolean;
  };
}

describe("loadProjectEnv (scripts)", () => {
  it("reads .env.local over .env, as Next does, so scripts use the app's database and keys", async () => {
    const out = await loadIn({ NODE_ENV: "development" });
    expect(out).toEqual({
      files: [".env.local", ".env"],
      db: "postgres://from-local@127.0.0.1/app",
      driver: "pg",
      mode: "keys",
      marked: false,
    });
  });

  it("never overrides a variable set in the shell", async () => {
    const out = await loadIn({
      NODE_ENV: "development",
      DATABASE_URL: "postgres://from-shell@127.0.0.1/app",
    });
    expect(out.db).toBe("postgres://from-shell@127.0.0.1/app");
  });

  it("skips .env.local under NODE_ENV=test, like Next", async () => {
    const out = await loadIn({ NODE_ENV: "test" });
    expect(out).toMatchObject({
      files: [".env"],
      db: "postgres://from-dot-env@127.0.0.1/app",
      mode: "offline",
    });
  });
});
