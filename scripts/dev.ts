import type { ChildProcess } from "node:child_process";
import { loadProjectEnv } from "./lib/load-env";
import { run, start, startDbServer, startEmulatorProcess, type DbServer } from "./lib/processes";
import { startCronTicker } from "./lib/ticker";
import { warmRoutes } from "./lib/warm-routes";

/**
 * `npm run dev`: the whole platform offline in one command.
 * 1. the Stripe emulator (unless STRIPE_SECRET_KEY is set), state kept in .data/emulator.json;
 * 2. the embedded database (unless DATABASE_URL / POSTGRES_URL name one): this process's child
 *    `scripts/db-server.ts` is the only process that opens `.data/pglite`; everything else connects to it;
 * 3. migrations and, on an empty database, the demo seed;
 * 4. `next dev` on 127.0.0.1:3000 (PORT and HOST to change), then a warm-up of the main pages;
 * 5. every minute, the scheduled work (GET /api/cron with CRON_SECRET, as Vercel Cron calls it).
 * Ctrl-C stops Next first, then closes the database cleanly.
 * `.env` / `.env.local` count as Next counts them: keys and DATABASE_URL there mean real Stripe and that
 * database, for the emulator decision and the migrate/seed step as for the app.
 */
const { shellEnv } = loadProjectEnv();
const offline = !process.env.STRIPE_SECRET_KEY;
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const tsx = "node_modules/.bin/tsx";
const env = { ...process.env };
const children: ChildProcess[] = [];
let database: DbServer | null = null;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(running.map((c) => new Promise((r) => c.once("exit", r))));
    await database?.stop();
  }
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stopAll(0));

if (offline) {
  const started = startEmulatorProcess({
    ...env,
    STRIPE_EMULATOR_WEBHOOK_URL: env.STRIPE_EMULATOR_WEBHOOK_URL ?? `${appUrl}/api/webhooks/stripe`,
  });
  const { child: emulator } = await started;
  children.push(emulator);
  emulator.on("exit", (code) => {
    if (stopping) return;
    console.error(`stripe emulator exited (${code}); stopping.`);
    void stopAll(1);
  });
}

if (!process.env.DATABASE_URL && !process.env.POSTGRES_URL) {
  try {
    database = await startDbServer(env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stopAll(1);
  }
}

const setup = await run(tsx, ["--conditions=react-server", "scripts/setup-db.ts"], { env });
if (setup !== 0) await stopAll(setup);

// Next reads the same files itself (and reloads them when they change), so it gets the shell's environment.
const next = start("node_modules/.bin/next", ["dev", "--hostname", host, "--port", port], { env: shellEnv });
children.push(next);
next.on("exit", (code) => void stopAll(code ?? 0));

// Compile the pages a first visit goes through, so the first click of each is not a multi-second wait.
const localUrl = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
if (process.env.DEV_WARM_ROUTES !== "0") void warmRoutes(localUrl);

// The secret as the app resolves it (CRON_SECRET, or the public offline default when offline). A
// configuration lib/env.ts refuses is Next's to report; the ticker then stays off.
const cronSecret = await import("../lib/env").then(
  (m) => m.env.cronSecret,
  () => undefined,
);
if (cronSecret) startCronTicker({ baseUrl: localUrl, secret: cronSecret, trigger: "dev" });
else console.warn("Scheduled work (/api/cron) is off: set CRON_SECRET to run it with real Stripe keys.");
