import { closeDb, dbDriver } from "@/db/client";
import { runMigrations } from "@/db/migrate";

await runMigrations();
console.log(`migrations applied (${dbDriver})`);
await closeDb();
