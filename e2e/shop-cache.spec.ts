import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/auth";
import { createProduct } from "./support/seller";

/*
 * The public pages read the catalogue from Next's data cache (lib/cache.ts): a seller's change reaches
 * the shop, the seller page and the product page at once, without waiting for the cache to expire.
 * Every page is visited before the change, so each one has a cached copy to replace.
 */

test("a seller's edit, deactivation and reactivation reach the cached shop and product pages at once", async ({
  page: buyer,
  browser,
}) => {
  const name = `Cache lamp ${randomUUID().slice(0, 8)}`;
  const renamed = `${name} (renamed)`;
  const sellerContext = await browser.newContext();
  const seller = await sellerContext.newPage();
  try {
    await signIn(seller, DEMO.alice);
    await createProduct(seller, { name, description: "Watched by the cache.", price: "19.00" });

    // Newest first: the new product is on the (cached) first page of the shop and of alice's page.
    await buyer.goto("/shop");
    const shop = buyer.getByRole("list", { name: "Products" });
    await shop.getByRole("link", { name, exact: true }).click();
    await expect(buyer.getByRole("heading", { level: 1, name })).toBeVisible();
    const productPath = new URL(buyer.url()).pathname;
    await buyer.getByRole("link", { name: "Alice's Ceramics" }).click();
    await expect(buyer).toHaveURL(/\/sellers\//);
    const sellerPath = new URL(buyer.url()).pathname;
    const sellerList = buyer.getByRole("list", { name: "Products by Alice's Ceramics" });
    await expect(sellerList.getByRole("link", { name, exact: true })).toBeVisible();
    await buyer.goto("/");
    await expect(
      buyer.getByRole("list", { name: "Featured products" }).getByRole("link", { name }),
    ).toBeVisible();

    // The seller renames it: every page shows the new name on the next visit.
    await seller.goto("/dashboard/products");
    await seller.getByRole("link", { name: `Edit ${name}` }).click();
    await expect(seller.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
    // Typed before hydration, a value can be reset: check it is there before saving.
    await seller.getByLabel("Name", { exact: true }).fill(renamed);
    await expect(seller.getByLabel("Name", { exact: true })).toHaveValue(renamed);
    await seller.getByRole("button", { name: "Save changes" }).click();
    await expect(seller).toHaveURL(/\/dashboard\/products\?saved=1$/);

    await buyer.goto("/shop");
    await expect(shop.getByRole("link", { name: renamed, exact: true })).toBeVisible();
    await expect(shop.getByRole("link", { name, exact: true })).toHaveCount(0);
    await buyer.goto(productPath);
    await expect(buyer.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
    await buyer.goto(sellerPath);
    await expect(sellerList.getByRole("link", { name: renamed, exact: true })).toBeVisible();

    // Deactivated: gone from the shop, its page a 404; reactivated: back. (A toggle pressed before the
    // list has hydrated posts as a plain form, and Next then applies the revalidation just after sending
    // the page: poll for that moment.)
    const productStatus = async () => (await buyer.goto(productPath))?.status();
    await seller.goto("/dashboard/products");
    await seller.getByRole("button", { name: `Deactivate ${renamed}` }).click();
    await expect(seller.getByRole("button", { name: `Activate ${renamed}` })).toBeVisible();
    await expect.poll(productStatus).toBe(404);
    await buyer.goto("/shop");
    await expect(shop.getByRole("listitem").first()).toBeVisible();
    await expect(shop.getByRole("link", { name: renamed, exact: true })).toHaveCount(0);

    await seller.getByRole("button", { name: `Activate ${renamed}` }).click();
    await expect(seller.getByRole("button", { name: `Deactivate ${renamed}` })).toBeVisible();
    await expect.poll(productStatus).toBe(200);
    await buyer.goto("/shop");
    await expect(shop.getByRole("link", { name: renamed, exact: true })).toBeVisible();
  } finally {
    await sellerContext.close();
  }
});
