import { loadProjectEnv } from "./lib/load-env";
import { start, startDbServer, type DbServer } from "./lib/processes";
import { startCronTicker } from "./lib/ticker";

/**
 * `npm start`: `next start` on HOST (default 127.0.0.1) and PORT (default 3000). Without DATABASE_URL /
 * POSTGRES_URL the embedded database is served first (scripts/db-server.ts owns `.data/pglite`; Next
 * connects to it), and closed cleanly after Next stops. Every minute it ticks the scheduled work
 * (GET /api/cron with CRON_SECRET) as Vercel Cron would; a production server requires CRON_SECRET
 * (lib/env.ts), so it comes from the environment or the `.env*` files like the other secrets.
 */
loadProjectEnv();
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
let database: DbServer | null = null;
if (!process.env.DATABASE_URL && !process.env.POSTGRES_URL) database = await startDbServer(process.env);

const next = start("node_modules/.bin/next", ["start", "--hostname", host, "--port", port], {
  env: process.env,
});
const secret = process.env.CRON_SECRET;
if (secret)
  startCronTicker({
    baseUrl: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    secret,
    trigger: "cron",
  });
else console.warn("CRON_SECRET is not set: scheduled work (/api/cron) will not run.");
const stop = (code: number) => void (database?.stop() ?? Promise.resolve()).then(() => process.exit(code));
next.on("exit", (code) => stop(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill("SIGTERM"));
