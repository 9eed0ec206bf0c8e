import { closeDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { seedDatabase } from "@/lib/seed/seed";

await runMigrations();
const result = await seedDatabase();
console.log(
  `seed: ${result.usersCreated} users, ${result.productsCreated} products, ${result.accountsCreated} connected accounts created; ` +
    `${result.accountsOnboarded} accounts onboarded`,
);
for (const note of result.notes) console.warn(`seed: ${note}`);
await closeDb();
