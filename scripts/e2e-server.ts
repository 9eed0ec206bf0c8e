import { rmSync } from "node:fs";
import { run, start, startDbServer, startEmulatorProcess } from "./lib/processes";

/**
 * Serves the app for Playwright: the emulator on its own port (webhooks to the app), a fresh PGlite
 * directory, migrations + seed, a production build in its own dist dir, then `next start`.
 * E2E_SKIP_BUILD=1 reuses the previous build when iterating on tests.
 */
const port = process.env.E2E_PORT ?? "3100";
const emulatorPort = process.env.E2E_EMULATOR_PORT ?? "12112";
const dataDir = `.data/e2e-pglite-${port}`;
rmSync(dataDir, { recursive: true, force: true });
rmSync(`${dataDir}.lock`, { force: true });

const env: NodeJS.ProcessEnv = {
  ...process.env,
  STRIPE_SECRET_KEY: "",
  STRIPE_EMULATOR: "1",
  STRIPE_EMULATOR_PORT: emulatorPort,
  STRIPE_EMULATOR_SNAPSHOT: "none",
  STRIPE_EMULATOR_WEBHOOK_URL: `http://localhost:${port}/api/webhooks/stripe`,
  PGLITE_DIR: dataDir,
  DATABASE_URL: "",
  POSTGRES_URL: "",
  APP_URL: `http://localhost:${port}`,
  NEXT_DIST_DIR: `.next-e2e-${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
};
delete env.STRIPE_SECRET_KEY;
delete env.DATABASE_URL;
delete env.POSTGRES_URL;

const tsx = "node_modules/.bin/tsx";
const { child: emulator } = await startEmulatorProcess(env);
emulator.on("exit", (code) => {
  console.error(`emulator exited with ${code}`);
  process.exit(1);
});

// The one owner of the e2e database; migrations, seed and Next connect to it.
const database = await startDbServer(env);
if ((await run(tsx, ["--conditions=react-server", "scripts/setup-db.ts"], { env })) !== 0) process.exit(1);
if (process.env.E2E_SKIP_BUILD !== "1") {
  if ((await run("node_modules/.bin/next", ["build"], { env: { ...env, NODE_ENV: "production" } })) !== 0)
    process.exit(1);
}
const next = start("node_modules/.bin/next", ["start", "--port", port], {
  env: { ...env, NODE_ENV: "production" },
});
next.on("exit", (code) => void database.stop().then(() => process.exit(code ?? 1)));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    next.kill("SIGTERM");
    void database.stop().then(() => process.exit(0));
  });
}
