import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "./lib/processes";

/**
 * `npm test`: every suite, one summary line at the end.
 * 0. the emulator package's own tests (`npm test` in packages/stripe-emulator), and the Stripe App's
 *    (stripe-app/: its own package with React 18, installed here when missing or its lock changed;
 *    typechecked, then its views rendered with the SDK's test utilities);
 * 1. unit tests (beside the code), then integration tests (tests/integration) on PGlite;
 * 2. with TEST_DATABASE_URL (CI sets it): the integration tests on that PostgreSQL server through
 *    node-postgres, then the ones that lean on the driver (the data layer, webhooks, payments, refunds,
 *    the cart: transactions, row locks, unique violations, concurrent writers) through @vercel/postgres
 *    via a local WebSocket proxy — the rest runs the same SQL and proves nothing new there;
 * 3. the reliability suite (on PGlite, and on the PostgreSQL server with TEST_DATABASE_URL);
 * 4. `npm run dev` as a user lives it (e2e/dev, playwright.dev.config.ts): an empty directory, a seller
 *    and buyer journey, Ctrl-C, restart, SIGKILL, restart — every committed row kept;
 * 5. the Playwright journeys (production build, emulator, Chromium).
 * Skipped tests fail the run; tests that passed only on a retry are reported as flaky.
 */
const out = ".ci/out";
mkdirSync(out, { recursive: true });

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  exitCode: number;
  /** Tests that passed only on a retry (Playwright in CI): counted as passed, always reported. */
  flaky?: number;
  /** Skipped or todo tests: never counted as passing — each one fails the run. */
  skipped?: number;
  /** Wall-clock seconds, so the run's slow steps are visible (CI must stay under 45 minutes). */
  seconds?: number;
}

const results: StepResult[] = [];
const bin = (name: string) => `node_modules/.bin/${name}`;

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const key of ["DATABASE_URL", "POSTGRES_URL", "POSTGRES_WS_PROXY", "STRIPE_SECRET_KEY"]) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

/** A vitest run: ours (`vitest run …args`) or a workspace package's own `npm test`. */
async function vitest(name: string, args: string[], extraEnv: Record<string, string>, workspace?: string) {
  const started = Date.now();
  const file = path.resolve(`${out}/vitest-${name.replace(/ /g, "-")}.json`);
  const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${file}`];
  const [command, commandArgs] = workspace
    ? ["npm", ["test", "--workspace", workspace, "--", ...reporters]]
    : [bin("vitest"), ["run", ...args, ...reporters]];
  const code = await run(command, commandArgs, { env: cleanEnv(extraEnv) });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests?: number;
    };
    passed = report.numPassedTests;
    skipped = report.numPendingTests + (report.numTodoTests ?? 0);
    failed = report.numFailedTests + skipped;
  }
  if (code !== 0 && failed === 0) failed = 1; // a crash or a failed suite file still fails the run
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ name: `vitest ${name}`, passed, failed, exitCode: code, skipped, seconds });
}

async function playwright(name: string, args: string[] = []) {
  const started = Date.now();
  const file = `${out}/playwright-${name}.json`;
  const code = await run(bin("playwright"), ["test", ...args], { env: cleanEnv({ PW_JSON_OUTPUT: file }) });
  let passed = 0;
  let failed = 0;
  let flaky = 0;
  let skipped = 0;
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, "utf8")) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    };
    flaky = report.stats.flaky;
    skipped = report.stats.skipped;
    passed = report.stats.expected + flaky;
    failed = report.stats.unexpected + skipped;
  }
  if (code !== 0 && failed === 0) failed = 1;
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ name: `playwright ${name}`, passed, failed, exitCode: code, flaky, skipped, seconds });
}

/** A command that passes or fails as a whole (a typecheck): one result. */
async function check(name: string, command: string, args: string[]) {
  const started = Date.now();
  const code = await run(command, args, { env: cleanEnv({}) });
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, exitCode: code, seconds });
}

/** The Stripe App is not a workspace (its React 18 must not meet the root's 19): its own `npm ci`. */
async function installStripeApp() {
  const lock = "stripe-app/package-lock.json";
  const installed = "stripe-app/node_modules/.package-lock.json";
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  await run("npm", ["ci", "--prefix", "stripe-app", "--no-audit", "--no-fund"], { env: cleanEnv({}) });
}

// The offline Stripe's own suite, as `npm test` in packages/stripe-emulator runs it.
await vitest("stripe-emulator", [], {}, "packages/stripe-emulator");
await installStripeApp();
await check("typecheck stripe-app", bin("tsc"), ["--noEmit", "-p", "stripe-app"]);
await vitest("stripe-app", ["--config", "stripe-app/vitest.config.ts"], {});
// Pure tests beside the code: no database, run once.
await vitest("unit", ["--project", "unit"], {});
const integration = ["--project", "integration"];
await vitest("integration pglite", integration, {});
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  await vitest("integration postgres", integration, { DATABASE_URL: serverUrl });
  // @vercel/postgres only accepts localhost (or Neon pooled hosts) and speaks WebSocket: go through the proxy.
  const vercelUrl = serverUrl.replace("127.0.0.1", "localhost");
  const driverBound = ["db", "lib/webhooks", "lib/payments", "lib/refunds", "lib/cart"].map(
    (dir) => `tests/integration/${dir}/`,
  );
  await vitest("integration vercel-postgres", [...integration, ...driverBound], {
    POSTGRES_URL: vercelUrl,
    POSTGRES_WS_PROXY: "auto",
  });
}
const reliability = ["--project", "reliability"];
await vitest("reliability", reliability, {});
// Concurrent deliveries only truly race on a server (PGlite runs one transaction at a time).
if (serverUrl) await vitest("reliability postgres", reliability, { DATABASE_URL: serverUrl });
if (process.env.SKIP_DEV_JOURNEY !== "1")
  await playwright("npm run dev", ["--config", "playwright.dev.config.ts"]);
if (process.env.SKIP_E2E !== "1") await playwright("journeys");

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log("");
for (const r of results) {
  const notes = [
    r.flaky ? `${r.flaky} passed only on retry (flaky)` : "",
    r.skipped ? `${r.skipped} skipped, counted as failed` : "",
  ].filter(Boolean);
  console.log(
    `  ${r.failed ? "✗" : "✓"} ${r.name}: ${r.passed} passed, ${r.failed} failed${notes.length ? ` (${notes.join("; ")})` : ""} in ${r.seconds}s`,
  );
}
writeFileSync(`${out}/summary.json`, JSON.stringify({ passed, failed, results }, null, 2));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
