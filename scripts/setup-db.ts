import { closeDb, dbDriver } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { countUsers } from "@/db/queries/users";
import { seedDatabase } from "@/lib/seed/seed";

// Migrate always; seed only an empty database so a developer's own data is never touched.
await runMigrations();
if ((await countUsers()) === 0) {
  const result = await seedDatabase();
  console.log(
    `empty database (${dbDriver}): seeded ${result.usersCreated} users, ${result.productsCreated} products, ` +
      `${result.accountsCreated} connected accounts (${result.accountsOnboarded} onboarded)`,
  );
  for (const note of result.notes) console.warn(`seed: ${note}`);
} else {
  console.log(`database ready (${dbDriver})`);
}
await closeDb();
