import { loadProjectEnv } from "./lib/load-env";

// `.env` / `.env.local` first, like Next: the database is read from the environment on first import.
loadProjectEnv();
const { closeDb, dbDriver } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrate");

await runMigrations();
console.log(`migrations applied (${dbDriver()})`);
await closeDb();
