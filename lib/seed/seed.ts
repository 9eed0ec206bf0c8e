import { getProductBySellerAndName, insertProduct } from "@/db/queries/products";
import { getUserByEmail, insertUser } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { hashPassword } from "@/lib/password";
import { DEMO_PRODUCTS, DEMO_USERS } from "./demo-data";
import { seedSellerAccounts, type SeedAccountsResult } from "./seed-accounts";

export interface SeedResult extends SeedAccountsResult {
  usersCreated: number;
  productsCreated: number;
  users: User[];
}

/**
 * Idempotent: running it again creates nothing new and changes nothing that exists (a demo seller's
 * account that could not be created or onboarded last time is finished).
 */
export async function seedDatabase(options?: { autoOnboard: boolean }): Promise<SeedResult> {
  let usersCreated = 0;
  let productsCreated = 0;
  const users: User[] = [];
  for (const demo of DEMO_USERS) {
    let user = await getUserByEmail({ email: demo.email });
    if (!user) {
      user = await insertUser({
        email: demo.email,
        name: demo.name,
        role: demo.role,
        country: demo.country,
        businessName: demo.businessName,
        passwordHash: await hashPassword(demo.password),
      });
      if (user) usersCreated += 1;
      else user = await getUserByEmail({ email: demo.email }); // created concurrently
    }
    if (!user) throw new Error(`could not create ${demo.email}`);
    users.push(user);
    for (const product of DEMO_PRODUCTS[demo.email] ?? []) {
      if (await getProductBySellerAndName({ sellerId: user.id, name: product.name })) continue;
      await insertProduct({ sellerId: user.id, ...product });
      productsCreated += 1;
    }
  }
  const accounts = await seedSellerAccounts(
    users.filter((u) => u.role === "seller"),
    options,
  );
  return { usersCreated, productsCreated, users, ...accounts };
}
