import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { getAccountByUserId } from "@/db/queries/connected-accounts";
import { listShopProducts } from "@/db/queries/shop";
import { products, users } from "@/db/schema";
import { authorizeCredentials } from "@/lib/auth";
import { emulatorAccountsFor } from "@/tests/helpers/connect";
import { createTestUser } from "@/tests/helpers/users";
import { DEMO_PRODUCTS, DEMO_USERS } from "@/lib/seed/demo-data";
import { seedDatabase } from "@/lib/seed/seed";
import { seedSellerAccounts } from "@/lib/seed/seed-accounts";

const emails = DEMO_USERS.map((u) => u.email);

async function snapshot() {
  const rows = await db.select().from(users).where(inArray(users.email, emails));
  const productRows = await db
    .select()
    .from(products)
    .where(
      inArray(
        products.sellerId,
        rows.map((r) => r.id),
      ),
    );
  const accounts = await Promise.all(rows.map((r) => getAccountByUserId({ userId: r.id })));
  return {
    users: rows.length,
    products: productRows.length,
    ids: rows.map((r) => r.id).sort(),
    accounts: accounts.flatMap((a) => (a ? [a.stripeAccountId] : [])).sort(),
  };
}

describe("seed", () => {
  it("creates the demo logins with their roles, sellers that can charge, and is idempotent", async () => {
    const result = await seedDatabase();
    const sellers = result.users.filter((u) => u.role === "seller");
    expect(result.accountsCreated).toBe(sellers.length);
    expect(result.accountsOnboarded).toBe(sellers.length);
    expect(result.notes).toEqual([]);
    const first = await snapshot();
    expect(first.users).toBe(DEMO_USERS.length);
    expect(first.products).toBe(Object.values(DEMO_PRODUCTS).flat().length);
    expect(first.accounts).toHaveLength(sellers.length);

    const again = await seedDatabase();
    expect(again.usersCreated).toBe(0);
    expect(again.productsCreated).toBe(0);
    expect(again.accountsCreated).toBe(0);
    expect(again.accountsOnboarded).toBe(0);
    expect(await snapshot()).toEqual(first);

    const [admin] = await db.select().from(users).where(eq(users.email, "admin@example.com"));
    expect(admin?.role).toBe("admin");
    for (const demo of DEMO_USERS) {
      await expect(
        authorizeCredentials({ email: demo.email, password: demo.password }),
      ).resolves.toMatchObject({ role: demo.role });
    }
  });

  it("demo sellers have one Express account each in Stripe, onboarded, and their products are in the shop", async () => {
    const { users: seeded } = await seedDatabase();
    for (const seller of seeded.filter((u) => u.role === "seller")) {
      const atStripe = await emulatorAccountsFor(seller.id);
      expect(atStripe).toHaveLength(1);
      expect(atStripe[0]).toMatchObject({
        charges_enabled: true,
        details_submitted: true,
        controller: { stripe_dashboard: { type: "express" } },
      });
      expect(await getAccountByUserId({ userId: seller.id })).toMatchObject({
        chargesEnabled: true,
        payoutsEnabled: true,
        type: "express",
      });
      const shop = await listShopProducts({ sellerId: seller.id, limit: 50, offset: 0 });
      expect(shop.items.map((p) => p.name).sort()).toEqual(
        (DEMO_PRODUCTS[seller.email] ?? []).map((p) => p.name).sort(),
      );
    }
  });

  it("with real Stripe keys (no auto-onboarding) it creates the account, says so, and leaves onboarding to the seller", async () => {
    const seller = await createTestUser("seller");
    const result = await seedSellerAccounts([seller], { autoOnboard: false });
    expect(result).toMatchObject({ accountsCreated: 1, accountsOnboarded: 0 });
    expect(result.notes[0]).toMatch(/not onboarded/);
    expect(await getAccountByUserId({ userId: seller.id })).toMatchObject({ chargesEnabled: false });
    // Running it again (now offline) finishes the same account instead of making another.
    const offline = await seedSellerAccounts([seller], { autoOnboard: true });
    expect(offline).toMatchObject({ accountsCreated: 0, accountsOnboarded: 1 });
    expect(await emulatorAccountsFor(seller.id)).toHaveLength(1);
  });
});
