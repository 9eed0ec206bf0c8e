import { loadProjectEnv } from "./lib/load-env";

/**
 * `npm run db:serve`: the one owner of the PGlite data directory (PGLITE_DIR, default `.data/pglite`),
 * serving it over the PostgreSQL protocol on loopback (PGLITE_PORT, default: any free port). Everything
 * else — `next dev` and its workers, `db:migrate`, `db:seed`, `admin:create` — finds it through
 * `<dir>.lock` and connects with `pg`. `npm run dev`, `npm start` and the e2e server start it for you.
 * SIGINT/SIGTERM close PGlite cleanly (a checkpoint) before exit.
 */
loadProjectEnv();
const { env } = await import("../lib/env");
const { servePglite } = await import("../db/pglite-server");
const { PgliteBusyError } = await import("../db/pglite-lock");

let served: Awaited<ReturnType<typeof servePglite>>;
try {
  served = await servePglite({ dir: env.PGLITE_DIR, port: env.PGLITE_PORT });
} catch (error) {
  if (error instanceof PgliteBusyError) {
    console.error(`✗ ${error.message}`);
    process.exit(3);
  }
  throw error;
}
console.log(`PGlite (${env.PGLITE_DIR}) served at ${served.url}`);

let stopping = false;
function shutdown() {
  if (stopping) return;
  stopping = true;
  served
    .close()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error("PGlite did not close cleanly:", error);
      process.exit(1);
    });
}
// Started by `npm run dev` / `npm start` (an IPC channel to the parent): Ctrl-C reaches the whole process
// group, but the database must outlive Next's last query, so the parent says when (SIGTERM), and a
// parent that dies without saying so closes the channel.
const managed = typeof process.send === "function";
process.on("SIGTERM", shutdown);
process.on("SIGHUP", shutdown);
process.on("SIGINT", () => {
  if (!managed) shutdown();
});
if (managed) process.on("disconnect", shutdown);
