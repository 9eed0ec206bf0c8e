import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/auth";
import { DEMO_PRODUCT, openProduct } from "./support/checkout";

/*
 * The cart as a guest fills it and a buyer keeps it: items from two sellers, the header's count, a
 * refused quantity that stays as typed, signing up with a full cart (it joins the new account), and
 * Buy now from the cart with the cart's quantity.
 */

const BOB_PRODUCT = "Bike tune-up kit";

async function addToCart(page: Page, product: string, quantity: number) {
  await openProduct(page, product);
  await page.getByLabel("Quantity").fill(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to your cart" })).toBeVisible();
  // The quantity stays as chosen, for another add or Buy now.
  await expect(page.getByLabel("Quantity")).toHaveValue(String(quantity));
}

test("a guest fills a cart from two sellers, signs up and keeps it, then buys from it", async ({ page }) => {
  await page.goto("/cart");
  await expect(page.getByTestId("cart-empty")).toBeVisible();

  await addToCart(page, DEMO_PRODUCT.name, 2);
  await addToCart(page, BOB_PRODUCT, 1);
  await expect(page.getByRole("link", { name: "Cart (3)" })).toBeVisible();
  await page.getByRole("link", { name: "View cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId("cart-seller")).toHaveCount(2);
  const mug = page.getByTestId("cart-line").filter({ hasText: DEMO_PRODUCT.name });
  await expect(mug).toContainText("$56.00");

  // A quantity the shop does not sell is refused and stays as typed; a good one is saved.
  const quantity = mug.getByLabel(`Quantity of ${DEMO_PRODUCT.name}`);
  await quantity.fill("120");
  await mug.getByRole("button", { name: `Update ${DEMO_PRODUCT.name}` }).click();
  await expect(mug.getByRole("status")).toHaveText("Choose a quantity from 1 to 99.");
  await expect(quantity).toHaveValue("120");
  await quantity.fill("3");
  await mug.getByRole("button", { name: `Update ${DEMO_PRODUCT.name}` }).click();
  await expect(mug).toContainText("$84.00");
  await expect(page.getByRole("link", { name: "Cart (4)" })).toBeVisible();

  // Signing up with a full cart: the cart is the new account's.
  await signUp(page, {
    role: "buyer",
    name: "Cart Keeper",
    email: uniqueEmail("cart"),
    password: "a good long password",
  });
  await page.goto("/cart");
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Cart (4)" })).toBeVisible();

  await page
    .getByTestId("cart-line")
    .filter({ hasText: BOB_PRODUCT })
    .getByRole("button", { name: `Remove ${BOB_PRODUCT}` })
    .click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Cart (3)" })).toBeVisible();

  await page.getByRole("link", { name: `Buy now ${DEMO_PRODUCT.name}` }).click();
  await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}\?quantity=3$/);
  await expect(page.getByTestId("checkout-total")).toHaveText("$84.00");
});
