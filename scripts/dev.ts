import { loadProjectEnv } from "../lib/dev/load-env";
import { start, run, waitForHttp } from "./lib/processes";

/**
 * `npm run dev`: the whole platform offline in one command.
 * 1. the Stripe emulator (unless STRIPE_SECRET_KEY is set), state kept in .data/emulator.json;
 * 2. migrations and, on an empty database, the demo seed (in a short-lived process, because PGlite
 *    allows one process per data directory);
 * 3. `next dev` on port 3000 (PORT to change).
 * `.env` / `.env.local` count as Next counts them: keys and DATABASE_URL there mean real Stripe and that
 * database, for the emulator decision and the migrate/seed step as for the app.
 */
const { shellEnv } = loadProjectEnv();
const offline = !process.env.STRIPE_SECRET_KEY;
const port = process.env.PORT ?? "3000";
const tsx = "node_modules/.bin/tsx";
const env = { ...process.env };

if (offline) {
  const emulatorPort = env.STRIPE_EMULATOR_PORT ?? "12111";
  const emulator = start(tsx, ["emulator/main.ts"], {
    env: { ...env, STRIPE_EMULATOR_WEBHOOK_URL: env.STRIPE_EMULATOR_WEBHOOK_URL ?? `http://localhost:${port}/api/webhooks/stripe` },
  });
  emulator.on("exit", (code) => {
    console.error(`stripe emulator exited (${code}); stopping.`);
    process.exit(1);
  });
  await waitForHttp(`http://127.0.0.1:${emulatorPort}/_emulator/state`);
}

const setup = await run(tsx, ["--conditions=react-server", "scripts/setup-db.ts"], { env });
if (setup !== 0) process.exit(setup);

// Next reads the same files itself (and reloads them when they change), so it gets the shell's environment.
const next = start("node_modules/.bin/next", ["dev", "--port", port], { env: shellEnv });
next.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
