import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { run } from "./lib/processes";

/**
 * `npm test`: every suite, one summary line at the end.
 * 1. unit + integration tests (vitest) on PGlite;
 * 2. with TEST_DATABASE_URL (CI sets it): the same suite on that PostgreSQL server through node-postgres,
 *    then through @vercel/postgres via a local WebSocket proxy;
 * 3. the reliability suite;
 * 4. the Playwright journeys (production build, emulator, Chromium).
 */
const out = ".ci/out";
mkdirSync(out, { recursive: true });

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  exitCode: number;
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

async function vitest(name: string, args: string[], extraEnv: Record<string, string>) {
  const file = `${out}/vitest-${name}.json`;
  const code = await run(bin("vitest"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], {
    env: cleanEnv(extraEnv),
  });
  let passed = 0;
  let failed = 0;
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numTotalTests: number; numPendingTests: number };
    passed = report.numPassedTests;
    failed = report.numFailedTests;
  }
  if (code !== 0 && failed === 0) failed = 1; // a crash or a failed suite file still fails the run
  results.push({ name: `vitest ${name}`, passed, failed, exitCode: code });
}

async function playwright() {
  const file = `${out}/playwright.json`;
  const code = await run(bin("playwright"), ["test"], { env: cleanEnv({ PW_JSON_OUTPUT: file }) });
  let passed = 0;
  let failed = 0;
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
    passed = report.stats.expected + report.stats.flaky;
    failed = report.stats.unexpected;
  }
  if (code !== 0 && failed === 0) failed = 1;
  results.push({ name: "playwright", passed, failed, exitCode: code });
}

await vitest("pglite", [], {});
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  await vitest("postgres", [], { DATABASE_URL: serverUrl });
  // @vercel/postgres only accepts localhost (or Neon pooled hosts) and speaks WebSocket: go through the proxy.
  const vercelUrl = serverUrl.replace("127.0.0.1", "localhost");
  await vitest("vercel-postgres", [], { POSTGRES_URL: vercelUrl, POSTGRES_WS_PROXY: "auto" });
}
if (existsSync("vitest.reliability.config.ts")) {
  await vitest("reliability", ["--config", "vitest.reliability.config.ts"], {});
}
if (process.env.SKIP_E2E !== "1") await playwright();

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log("");
for (const r of results) console.log(`  ${r.failed ? "✗" : "✓"} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
writeFileSync(`${out}/summary.json`, JSON.stringify({ passed, failed, results }, null, 2));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
