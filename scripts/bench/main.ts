import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { sessionCookie } from "../../tests/helpers/session";
import { run, start, startDbServer, startEmulatorProcess, waitForHttp } from "../lib/processes";
import { benchCheckout } from "./checkout";
import { benchSession } from "./session";
import { firstLoadJs, lighthouseScores, type PageRoute } from "./pages";
import { renderResults, writeBenchmarks, type BenchResults, type ColumnResult } from "./report";
import type { BenchFixtures } from "./seed";
import { benchWebhooks } from "./webhooks";

/*
 * `npm run bench [-- --skip-build] [-- --quick]`: builds the app (its own dist dir, with the bench-only
 * baseline route), starts the emulator, and for PostgreSQL then PGlite: a fresh database, the seed,
 * `next start`, the webhook and checkout benchmarks. Pages are measured once (PostgreSQL column, or
 * PGlite when no server answers). Prints the table and rewrites BENCHMARKS.md between its markers.
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench; the database is
 * dropped and created).
 */
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
/** `--only=PostgreSQL` or `--only=PGlite`: one column (when investigating). */
const only = [...args].find((a) => a.startsWith("--only="))?.slice("--only=".length);
const port = Number(process.env.BENCH_PORT ?? 3290);
const emulatorPort = Number(process.env.BENCH_EMULATOR_PORT ?? 12190);
const distDir = ".next-bench";
const baseUrl = `http://localhost:${port}`;
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
const pgUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bench";
const logDir = ".data/bench-logs";
mkdirSync(logDir, { recursive: true });

const BENCH_SECRETS = {
  AUTH_SECRET: "bench-only-auth-secret-never-used-elsewhere-5c1e",
  STRIPE_WEBHOOK_SECRET: "whsec_bench_only_platform",
  STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_bench_only_connect",
};

const env: NodeJS.ProcessEnv = {
  ...process.env,
  STRIPE_EMULATOR: "1",
  STRIPE_EMULATOR_HOST: "127.0.0.1",
  STRIPE_EMULATOR_PORT: String(emulatorPort),
  STRIPE_EMULATOR_SNAPSHOT: "none",
  STRIPE_EMULATOR_WEBHOOK_URL: "none",
  APP_URL: baseUrl,
  NEXT_DIST_DIR: distDir,
  NEXT_BENCH: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  // A production server runs on secrets of its own, never the public offline ones (lib/env.ts): these
  // bench-only values go to the server, the emulator (which signs with them) and our cookies and deliveries.
  ...BENCH_SECRETS,
  BENCH_ORDERS: process.env.BENCH_ORDERS ?? (quick ? "600" : "2400"),
};
for (const key of [
  "STRIPE_SECRET_KEY",
  "DATABASE_URL",
  "POSTGRES_URL",
  "PGLITE_DIR",
  "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
])
  delete env[key];

function logTo(name: string) {
  const fd = openSync(`${logDir}/${name}.log`, "w");
  return { stdio: ["ignore", fd, fd] as ["ignore", number, number], close: () => closeSync(fd) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function postgresReachable(): Promise<string | null> {
  const url = new URL(pgUrl);
  const database = url.pathname.slice(1) || "bench";
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`drop database if exists "${database}" with (force)`);
    await client.query(`create database "${database}"`);
    return null;
  } catch (error) {
    return `PostgreSQL at ${url.host} not usable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function column(
  name: string,
  dbEnv: Record<string, string>,
  measurePages: boolean,
  results: BenchResults,
): Promise<ColumnResult> {
  const result: ColumnResult = { column: name };
  await emulatorClient.reset();
  // PGlite is served by its one owner, like `npm start` does; seed and Next connect to it.
  const database = dbEnv.PGLITE_DIR ? await startDbServer({ ...env, ...dbEnv }) : null;
  try {
    return await measureColumn(name, dbEnv, measurePages, results, result);
  } finally {
    await database?.stop();
  }
}

async function measureColumn(
  name: string,
  dbEnv: Record<string, string>,
  measurePages: boolean,
  results: BenchResults,
  result: ColumnResult,
): Promise<ColumnResult> {
  const fixturesFile = `.data/bench-fixtures-${name}.json`;
  const seedLog = logTo(`seed-${name}`);
  const seeded = await run("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/bench/seed.ts"], {
    env: { ...env, ...dbEnv, BENCH_FIXTURES: fixturesFile },
    stdio: seedLog.stdio,
  });
  seedLog.close();
  if (seeded !== 0) return { ...result, error: `seed failed, see ${logDir}/seed-${name}.log` };
  const fixtures = JSON.parse(readFileSync(fixturesFile, "utf8")) as BenchFixtures;

  const serverLog = logTo(`next-${name}`);
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const server = start(
    process.execPath,
    [...profile, "node_modules/next/dist/bin/next", "start", "--port", String(port)],
    {
      env: { ...env, ...dbEnv, NODE_ENV: "production" },
      stdio: serverLog.stdio,
    },
  );
  try {
    await waitForHttp(`${baseUrl}/api/health`, 60_000);
    console.log(`[bench] ${name}: webhooks`);
    result.webhooks = await benchWebhooks({
      baseUrl,
      emulatorUrl,
      serverPid: server.pid!,
      connections: 32,
      secrets: {
        platform: BENCH_SECRETS.STRIPE_WEBHOOK_SECRET,
        connect: BENCH_SECRETS.STRIPE_CONNECT_WEBHOOK_SECRET,
      },
    });
    console.log(`[bench] ${name}: checkout`);
    result.checkout = await benchCheckout({
      baseUrl,
      distDir,
      emulatorPort,
      products: fixtures.checkout,
      samples: quick ? 100 : 300,
    });
    console.log(`[bench] ${name}: session check`);
    const sellerCookie = await sessionCookie(fixtures.users.seller, BENCH_SECRETS.AUTH_SECRET);
    result.session = await benchSession({
      baseUrl,
      cookie: sellerCookie,
      requests: quick ? 1_000 : 4_000,
      connections: 16,
    });
    if (measurePages) {
      console.log(`[bench] ${name}: pages`);
      const productId = fixtures.checkout[0]!.productId;
      const routes: PageRoute[] = [
        { name: "shop", path: "/shop" },
        { name: "product", path: `/products/${productId}` },
        { name: "checkout", path: `/checkout/${productId}` },
        { name: "dashboard", path: "/dashboard", cookie: sellerCookie },
        {
          name: "admin",
          path: "/admin",
          cookie: await sessionCookie(fixtures.users.admin, BENCH_SECRETS.AUTH_SECRET),
        },
      ];
      results.firstLoad = await firstLoadJs(baseUrl, distDir, routes);
      try {
        results.lighthouse = await lighthouseScores(
          baseUrl,
          routes.filter((r) => r.name === "shop" || r.name === "checkout"),
          quick ? 1 : 3,
        );
      } catch (error) {
        results.lighthouse = error instanceof Error ? error.message : String(error);
      }
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await stop(server);
    serverLog.close();
  }
  return result;
}

if (!args.has("--skip-build") || !existsSync(`${distDir}/BUILD_ID`)) {
  console.log(`[bench] next build → ${distDir}`);
  if ((await run("node_modules/.bin/next", ["build"], { env: { ...env, NODE_ENV: "production" } })) !== 0)
    process.exit(1);
}
const emulatorLog = logTo("emulator");
const { child: emulator, client: emulatorClient } = await startEmulatorProcess(env, {
  stdio: emulatorLog.stdio,
});

const results: BenchResults = {
  date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
  command: `npm run bench${args.size ? ` -- ${[...args].join(" ")}` : ""}`,
  columns: [],
  firstLoad: [],
  lighthouse: "not measured",
};
if (!only || only === "PostgreSQL") {
  const pgProblem = await postgresReachable();
  if (pgProblem) results.columns.push({ column: "PostgreSQL", error: pgProblem });
  else results.columns.push(await column("PostgreSQL", { DATABASE_URL: pgUrl }, true, results));
}
if (!only || only === "PGlite") {
  const pgliteDir = ".data/bench-pglite";
  rmSync(pgliteDir, { recursive: true, force: true });
  results.columns.push(
    await column("PGlite", { PGLITE_DIR: pgliteDir }, results.firstLoad.length === 0, results),
  );
}
await stop(emulator);
emulatorLog.close();

const rendered = renderResults(results);
console.log(`\n${rendered}\n`);
// A partial run (one column) is for investigating: it does not replace the published figures.
if (!only) {
  writeBenchmarks("BENCHMARKS.md", rendered);
  console.log("[bench] BENCHMARKS.md updated");
}
process.exit(results.columns.some((c) => c.error) ? 1 : 0);
