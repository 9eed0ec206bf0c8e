import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/auth";
import { openProduct } from "./support/checkout";
import { control } from "./support/emulator";
import { completeEmbeddedOnboarding, createProduct, readiness, startSelling } from "./support/seller";

/*
 * A brand-new seller, from sign-up to a product buyers can find: "Start selling" creates the Express
 * account, the embedded onboarding collects the details, onExit refreshes the status and moves on to
 * the dashboard, and the product then appears in the shop.
 */

const password = "a good long password";

test("a new seller signs up, onboards in the embedded component, and their product appears in the shop", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const shop = `Embedded Pottery ${tag}`;
  const product = `Embedded vase ${tag}`;
  await signUp(page, {
    role: "seller",
    name: "Em Bedded",
    email: uniqueEmail("embedded"),
    password,
    businessName: shop,
  });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Start selling" })).toBeVisible();

  // Before onboarding, a product is listed for the seller but hidden from the shop, and they are told why.
  await createProduct(page, {
    name: product,
    description: "Made for the embedded onboarding journey.",
    price: "35.00",
  });
  await expect(page.getByRole("status").filter({ hasText: "hidden from the shop" })).toBeVisible();
  await page.goto(`/shop?q=${encodeURIComponent(product)}`);
  await expect(page.getByRole("link", { name: product })).toHaveCount(0);

  await startSelling(page);
  await completeEmbeddedOnboarding(page, shop);
  // onExit: the status is read from Stripe and the seller moves on to the dashboard.
  await expect(page).toHaveURL(/\/dashboard\?onboarded=1$/);
  await expect(readiness(page)).toHaveText("You're ready to accept payments");
  for (const flag of ["Details submitted", "Charges enabled", "Payouts enabled"]) {
    await expect(
      page.getByRole("term").filter({ hasText: flag }).locator("xpath=following-sibling::dd[1]"),
    ).toHaveText("Yes");
  }
  // The Express account's balances and banner load in the dashboard.
  await expect(
    page.locator("stripe-connect-balances").getByRole("heading", { name: "Payout schedule" }),
  ).toBeVisible({ timeout: 30_000 });

  await page.goto("/dashboard/products");
  await expect(page.getByRole("row").filter({ hasText: product })).toContainText("In the shop");
  await openProduct(page, product);
  await expect(page.getByText(shop).first()).toBeVisible();
  await expect(page.getByText("$35.00").first()).toBeVisible();
});

test("payouts, payments and settings embed the seller's own account; a failed load shows an error with a retry", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page, {
    role: "seller",
    name: "Pay Outs",
    email: uniqueEmail("payouts"),
    password,
    businessName: `Payouts ${Date.now()}`,
  });
  await startSelling(page);
  await completeEmbeddedOnboarding(page, "Payouts Shop");
  await expect(readiness(page)).toHaveText("You're ready to accept payments");

  await page.goto("/dashboard/payouts");
  await expect(page.locator("stripe-connect-payouts").getByRole("button", { name: "Pay out" })).toBeVisible({
    timeout: 30_000,
  });
  await page.goto("/dashboard/payments");
  // Our own list of paid orders (it names products and opens each order), empty for a new seller.
  await expect(page.getByText("No orders yet.")).toBeVisible();
  await page.goto("/dashboard/settings");
  await expect(
    page.locator("stripe-connect-account-management").getByRole("heading", { name: "Business details" }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("button", { name: "Open Express dashboard" })).toBeVisible();

  // Stripe fails to create the Account Session (the request and both SDK retries): the components
  // say so in words and offer a retry, which then works.
  await control("/faults", { path: "^/v1/account_sessions$", method: "POST", count: 3, kind: "500" });
  await page.goto("/dashboard/payouts");
  const alert = page.getByRole("alert").filter({ hasText: "Payouts could not be loaded." });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText("We could not reach Stripe");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.locator("stripe-connect-payouts").getByRole("button", { name: "Pay out" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(alert).toHaveCount(0);
});
