import { loadProjectEnv } from "./lib/load-env";

// `.env` / `.env.local` first, like Next: the database and Stripe keys are read on first import.
loadProjectEnv();
const { closeDb, dbDriver } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrate");
const { countUsers } = await import("@/db/queries/users");
const { seedDatabase } = await import("@/lib/seed/seed");

// Migrate always; seed only an empty database so a developer's own data is never touched.
await runMigrations();
if ((await countUsers()) === 0) {
  const result = await seedDatabase();
  console.log(
    `empty database (${dbDriver()}): seeded ${result.usersCreated} users, ${result.productsCreated} products, ` +
      `${result.accountsCreated} connected accounts (${result.accountsOnboarded} onboarded)`,
  );
  for (const note of result.notes) console.warn(`seed: ${note}`);
} else {
  console.log(`database ready (${dbDriver()})`);
}
await closeDb();
