import { loadProjectEnv } from "./lib/load-env";

// `.env` / `.env.local` first, like Next: the database and Stripe keys are read on first import.
loadProjectEnv();
const { closeDb } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrate");
const { seedDatabase } = await import("@/lib/seed/seed");

await runMigrations();
const result = await seedDatabase();
console.log(
  `seed: ${result.usersCreated} users, ${result.productsCreated} products, ${result.accountsCreated} connected accounts created; ` +
    `${result.accountsOnboarded} accounts onboarded`,
);
for (const note of result.notes) console.warn(`seed: ${note}`);
await closeDb();
