import { expect, type Page } from "@playwright/test";

/*
 * Seller dashboard steps (app/dashboard) on top of the emulator's fake Connect.js onboarding
 * component (packages/stripe-emulator/src/browser/connect/onboarding-flow.ts: three steps, test bank details prefilled).
 */

/** From /dashboard of a seller without an account: creates the Express account and opens onboarding. */
export async function startSelling(page: Page) {
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Start selling" }).click();
  await expect(page).toHaveURL(/\/dashboard\/onboarding$/);
}

/** Fills the embedded onboarding's three steps and submits. */
export async function completeEmbeddedOnboarding(page: Page, businessName: string) {
  const onboarding = page.locator("stripe-connect-account-onboarding");
  await expect(onboarding.getByLabel("Business name")).toBeVisible({ timeout: 30_000 });
  await onboarding.getByLabel("Business name").fill(businessName);
  await onboarding.getByRole("button", { name: "Continue" }).click();
  await onboarding.getByLabel("First name").fill("Jo");
  await onboarding.getByLabel("Last name").fill("Journey");
  await onboarding.getByRole("button", { name: "Continue" }).click();
  await expect(onboarding.getByLabel("Routing number")).toHaveValue("110000000");
  await onboarding.getByRole("button", { name: "Submit" }).click();
}

export function readiness(page: Page) {
  return page.getByTestId("account-readiness");
}

export async function createProduct(page: Page, input: { name: string; description: string; price: string }) {
  await page.goto("/dashboard/products");
  await page.getByLabel("Name", { exact: true }).fill(input.name);
  await page.getByLabel("Description").fill(input.description);
  await page.getByLabel(/^Price/).fill(input.price);
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByRole("status").filter({ hasText: `“${input.name}” was added` })).toBeVisible();
  // A table row on wide screens, a card in the "Your products" list on phones.
  const asCell = page.getByRole("cell", { name: input.name, exact: true });
  const asCard = page.getByRole("list", { name: "Your products" }).getByText(input.name, { exact: true });
  await expect(asCell.or(asCard).filter({ visible: true })).toBeVisible();
}
