import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { sessionCookie } from "../../tests/helpers/session";
import { run, startEmulatorProcess } from "../lib/processes";
import { benchCheckout } from "./checkout";
import { checkConsistency, expectedState, waitUntilSettled } from "./consistency";
import { pgliteDatabase, postgresDatabase, recreatePostgres, type BenchDatabase } from "./database";
import { benchDevStartup } from "./dev-startup";
import { benchApplyRate, benchTwoInstances, cronDrain } from "./inbox";
import { benchSession } from "./session";
import { firstLoadJs, lighthouseScores, type PageRoute } from "./pages";
import { renderResults, writeBenchmarks, type BenchResults, type ColumnResult } from "./report";
import type { BenchFixtures } from "./seed";
import { logTo, startServer, stopChild } from "./server";
import { benchWebhooks, emulatorEvents, prepareDeliveries } from "./webhooks";

/*
 * `npm run bench [-- --skip-build] [-- --quick]`: builds the app (its own dist dir, with the bench-only
 * routes), starts the emulator, and for PostgreSQL then PGlite: a fresh database and the seed (kept as
 * a snapshot), then phases on `next start`, each from the seeded state where it needs a fresh backlog:
 * 1. the webhook route against its signature-only baseline, every event applied after the responses,
 *    the database checked against Stripe; checkout, session check and (once) pages;
 * 2. the worker: a server that only stores (WEBHOOK_APPLY_AFTER_RESPONSE=0), the backlog drained by the
 *    cron route's inbox job;
 * 3. (PostgreSQL) two instances on one database sharing shuffled deliveries with duplicates.
 * Last, `npm run dev` on a fresh copy of the tree, to its first 200. Prints the tables and rewrites
 * BENCHMARKS.md between its markers. PostgreSQL: BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/bench; the database is dropped and created).
 */
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
/** `--only=PostgreSQL` or `--only=PGlite`: one column (when investigating). */
const only = [...args].find((a) => a.startsWith("--only="))?.slice("--only=".length);
/** `--phases=checkout,worker`: only these phases (webhooks, checkout, session, pages, worker, two, dev). */
const phases = [...args]
  .find((a) => a.startsWith("--phases="))
  ?.slice("--phases=".length)
  .split(",");
const phase = (name: string) => !phases || phases.includes(name);
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
  CRON_SECRET: "bench-only-cron-secret-7a2f9d",
};
const secrets = {
  platform: BENCH_SECRETS.STRIPE_WEBHOOK_SECRET,
  connect: BENCH_SECRETS.STRIPE_CONNECT_WEBHOOK_SECRET,
};

const env: NodeJS.ProcessEnv = {
  ...process.env,
  STRIPE_EMULATOR: "1",
  STRIPE_EMULATOR_HOST: "127.0.0.1",
  STRIPE_EMULATOR_PORT: String(emulatorPort),
  STRIPE_EMULATOR_SNAPSHOT: "none",
  STRIPE_EMULATOR_WEBHOOK_URL: "none",
  // The pages' Stripe.js fake asks the emulator from the browser: it must allow the bench server's
  // origins (without them the Payment Element fails to load and Lighthouse measures its error).
  STRIPE_EMULATOR_ALLOWED_ORIGINS: [baseUrl, `http://127.0.0.1:${port}`, `http://localhost:${port + 1}`].join(
    ",",
  ),
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
  "WEBHOOK_APPLY_AFTER_RESPONSE",
])
  delete env[key];

async function column(name: string, measurePages: boolean, results: BenchResults): Promise<ColumnResult> {
  const result: ColumnResult = { column: name };
  await emulatorClient.reset();
  let database: BenchDatabase;
  if (name === "PostgreSQL") {
    const problem = await recreatePostgres(pgUrl);
    if (problem) return { ...result, error: problem };
    database = postgresDatabase(pgUrl);
  } else {
    // PGlite is served by its one owner, like `npm start` does; seed and Next connect to it.
    database = await pgliteDatabase(".data/bench-pglite", env);
  }
  try {
    return await measureColumn(name, database, measurePages, results, result);
  } catch (error) {
    return { ...result, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await database.stop();
  }
}

async function measureColumn(
  name: string,
  database: BenchDatabase,
  measurePages: boolean,
  results: BenchResults,
  result: ColumnResult,
): Promise<ColumnResult> {
  const dbEnv = { ...env, ...database.env };
  const fixturesFile = `.data/bench-fixtures-${name}.json`;
  const seedLog = logTo(logDir, `seed-${name}`);
  const seeded = await run("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/bench/seed.ts"], {
    env: { ...dbEnv, BENCH_FIXTURES: fixturesFile },
    stdio: seedLog.stdio,
  });
  seedLog.close();
  if (seeded !== 0) return { ...result, error: `seed failed, see ${logDir}/seed-${name}.log` };
  const fixtures = JSON.parse(readFileSync(fixturesFile, "utf8")) as BenchFixtures;
  await database.snapshot();
  // Every phase delivers the same events: what the seed's activity produced, before checkout adds any.
  const events = await emulatorEvents(emulatorUrl);
  const expected = expectedState(events);
  const { deliveries, duplicates } = prepareDeliveries(events, secrets);

  let server = await startServer({ name: `next-${name}`, port, env: dbEnv, logDir });
  try {
    if (phase("webhooks")) {
      console.log(`[bench] ${name}: webhooks`);
      result.webhooks = await benchWebhooks({
        baseUrl,
        serverPid: server.child.pid!,
        connections: 32,
        events,
        deliveries,
        duplicates,
      });
      const settled = await waitUntilSettled(database.url(), () =>
        cronDrain(baseUrl, BENCH_SECRETS.CRON_SECRET),
      );
      result.webhooks.consistency = { ...(await checkConsistency(database.url(), expected)), ...settled };
    }
    if (phase("checkout")) {
      console.log(`[bench] ${name}: checkout`);
      result.checkout = await benchCheckout({
        baseUrl,
        distDir,
        emulatorPort,
        products: fixtures.checkout,
        samples: quick ? 100 : 300,
      });
    }
    const sellerCookie = await sessionCookie(fixtures.users.seller, BENCH_SECRETS.AUTH_SECRET);
    if (phase("session")) {
      console.log(`[bench] ${name}: session check`);
      result.session = await benchSession({
        baseUrl,
        cookie: sellerCookie,
        requests: quick ? 1_000 : 4_000,
        connections: 16,
      });
    }
    if (measurePages && phase("pages")) {
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
    await server.stop();
    if (phase("worker")) {
      console.log(`[bench] ${name}: the worker's apply rate`);
      await database.restore();
      server = await startServer({
        name: `next-${name}-store-only`,
        port,
        env: { ...dbEnv, ...database.env, WEBHOOK_APPLY_AFTER_RESPONSE: "0" },
        logDir,
      });
      result.worker = await benchApplyRate({
        baseUrl,
        dbUrl: database.url(),
        deliveries,
        connections: 32,
        cronSecret: BENCH_SECRETS.CRON_SECRET,
        expected,
      });
      await server.stop();
    }

    if (name === "PostgreSQL" && phase("two")) {
      console.log(`[bench] ${name}: two instances`);
      await database.restore();
      const second = await startServer({ name: `next-${name}-b`, port: port + 1, env: dbEnv, logDir });
      server = await startServer({ name: `next-${name}-a`, port, env: dbEnv, logDir });
      try {
        result.twoInstances = await benchTwoInstances({
          baseUrls: [server.baseUrl, second.baseUrl],
          dbUrl: database.url(),
          deliveries,
          connections: 32,
          cronSecret: BENCH_SECRETS.CRON_SECRET,
          expected,
        });
      } finally {
        await second.stop();
      }
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await server.stop();
  }
  return result;
}

if (!args.has("--skip-build") || !existsSync(`${distDir}/BUILD_ID`)) {
  console.log(`[bench] next build → ${distDir}`);
  if ((await run("node_modules/.bin/next", ["build"], { env: { ...env, NODE_ENV: "production" } })) !== 0)
    process.exit(1);
}
const emulatorLog = logTo(logDir, "emulator");
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
if (!only || only === "PostgreSQL") results.columns.push(await column("PostgreSQL", true, results));
if (!only || only === "PGlite")
  results.columns.push(await column("PGlite", results.firstLoad.length === 0, results));
await stopChild(emulator);
emulatorLog.close();

if (!args.has("--no-dev") && phase("dev")) {
  console.log("[bench] npm run dev on a fresh copy of the tree");
  try {
    results.devStartup = await benchDevStartup({ port: port + 10, emulatorPort: emulatorPort + 10 });
  } catch (error) {
    results.devStartup = error instanceof Error ? error.message : String(error);
  }
}

const rendered = renderResults(results);
console.log(`\n${rendered}\n`);
// A partial run (one column) is for investigating: it does not replace the published figures.
if (!only) {
  writeBenchmarks("BENCHMARKS.md", rendered);
  console.log("[bench] BENCHMARKS.md updated");
}
process.exit(results.columns.some((c) => c.error) ? 1 : 0);
