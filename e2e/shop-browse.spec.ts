import { expect, test } from "@playwright/test";
import { DEMO_PRODUCTS } from "../lib/seed/demo-data";

// Other journeys add products to the same shop, so the seeded ones are checked by name, not by count.
const DEMO_NAMES = Object.values(DEMO_PRODUCTS).flatMap((list) => list.map((p) => p.name));

test.describe("the shop", () => {
  test("the landing page features products that link to their pages", async ({ page }) => {
    await page.goto("/");
    const featured = page.getByRole("list", { name: "Featured products" });
    await expect(featured.getByRole("listitem")).toHaveCount(6);
    await featured.getByRole("link", { name: "Handlebar bag" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Handlebar bag" })).toBeVisible();
    await expect(page.getByText("$52.00")).toBeVisible();
  });

  test("lists every demo product and searches names and descriptions", async ({ page }) => {
    await page.goto("/shop");
    const products = page.getByRole("list", { name: "Products" });
    for (const name of DEMO_NAMES) await expect(products.getByRole("link", { name })).toBeVisible();

    await page.getByRole("searchbox", { name: "Search products" }).fill("MUG");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/shop\?q=MUG/);
    await expect(products.getByRole("listitem")).toHaveCount(1);
    await expect(products.getByRole("link", { name: "Stoneware mug" })).toBeVisible();

    // "rechargeable" is only in a description.
    await page.goto("/shop?q=rechargeable");
    await expect(products.getByRole("link", { name: "Commuter lights" })).toBeVisible();
    await expect(products.getByRole("listitem")).toHaveCount(1);

    await page.goto("/shop?q=no-such-thing-at-all");
    await expect(page.getByText("No products match your search.")).toBeVisible();
  });

  test("a seller page lists that seller's products only", async ({ page }) => {
    await page.goto("/shop?q=Stoneware");
    await page.getByRole("link", { name: "Alice's Ceramics" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Alice's Ceramics" })).toBeVisible();
    const products = page.getByRole("list", { name: "Products by Alice's Ceramics" });
    // Other journeys may add products for alice: hers are all there, nobody else's is.
    const [alice = [], bob = []] = [DEMO_PRODUCTS["alice@example.com"], DEMO_PRODUCTS["bob@example.com"]];
    expect(alice.length * bob.length).toBeGreaterThan(0);
    for (const { name } of alice) {
      await expect(products.getByRole("link", { name })).toBeVisible();
    }
    for (const { name } of bob) {
      await expect(products.getByRole("link", { name })).toHaveCount(0);
    }
  });

  test("the product page goes to checkout with the chosen quantity; bad quantities and unknown products are refused", async ({
    page,
  }) => {
    await page.goto("/shop?q=Serving");
    await page.getByRole("link", { name: "Serving bowl" }).click();
    await page.getByLabel("Quantity").fill("3");
    await page.getByRole("button", { name: "Buy now" }).click();
    await expect(page.getByTestId("checkout-total")).toHaveText("$192.00");
    const productId = /\/checkout\/([0-9a-f-]{36})/.exec(page.url())?.[1];

    await page.goto(`/checkout/${productId}?quantity=100`);
    await expect(page.getByText("Choose a quantity from 1 to 99.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);

    expect((await page.goto("/products/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
    expect((await page.goto("/checkout/not-a-product"))?.status()).toBe(404);
  });
});
