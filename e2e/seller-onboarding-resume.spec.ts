import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/auth";
import { readiness, startSelling } from "./support/seller";

/*
 * "You can stop at any time and continue later": Stripe's embedded onboarding stores what the seller
 * submitted on the account, so reopening it shows the next missing step with the earlier answers kept
 * (https://docs.stripe.com/connect/embedded-onboarding). The emulator's fake does the same
 * (each "Continue" saves its step: packages/stripe-emulator/src/resources/browser-onboarding.ts).
 */

function onboarding(page: Page) {
  return page.locator("stripe-connect-account-onboarding");
}

function currentStep(page: Page) {
  return onboarding(page).getByRole("list", { name: "Onboarding steps" }).locator('[aria-current="step"]');
}

test("a seller who leaves onboarding half-way continues where they stopped, with their answers kept", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const shop = `Resume Pottery ${Date.now().toString(36)}`;
  await signUp(page, {
    role: "seller",
    name: "Re Sume",
    email: uniqueEmail("resume"),
    password: "a good long password",
    businessName: shop,
  });
  await startSelling(page);

  // Step 1, then leave.
  await expect(onboarding(page).getByLabel("Business name")).toBeVisible({ timeout: 30_000 });
  await onboarding(page).getByLabel("Business name").fill(shop);
  await onboarding(page).getByLabel("Business website").fill("https://resume-pottery.example.com");
  await onboarding(page).getByRole("button", { name: "Continue" }).click();
  await expect(onboarding(page).getByLabel("First name")).toBeVisible();
  await page.goto("/dashboard");

  // Back later: the form opens at the representative step.
  await page.goto("/dashboard/onboarding");
  await expect(onboarding(page).getByLabel("First name")).toBeVisible({ timeout: 30_000 });
  await expect(currentStep(page)).toHaveText("2. Representative");
  await onboarding(page).getByLabel("First name").fill("Jo");
  await onboarding(page).getByLabel("Last name").fill("Resume");
  await onboarding(page).getByRole("button", { name: "Continue" }).click();
  await expect(onboarding(page).getByLabel("Routing number")).toBeVisible();

  // Leave again (a full reload: a new Connect.js instance and Account Session), and come back.
  await page.reload();
  await expect(onboarding(page).getByLabel("Routing number")).toBeVisible({ timeout: 30_000 });
  await expect(currentStep(page)).toHaveText("3. Bank account");
  // The earlier answers are there.
  await onboarding(page).getByRole("button", { name: "Back" }).click();
  await expect(onboarding(page).getByLabel("First name")).toHaveValue("Jo");
  await expect(onboarding(page).getByLabel("Last name")).toHaveValue("Resume");
  await onboarding(page).getByRole("button", { name: "Back" }).click();
  await expect(onboarding(page).getByLabel("Business name")).toHaveValue(shop);
  await expect(onboarding(page).getByLabel("Business website")).toHaveValue(
    "https://resume-pottery.example.com",
  );

  // Finishing from there enables the account.
  await onboarding(page).getByRole("button", { name: "Continue" }).click();
  await onboarding(page).getByRole("button", { name: "Continue" }).click();
  await onboarding(page).getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/dashboard\?onboarded=1$/);
  await expect(readiness(page)).toHaveText("You're ready to accept payments");
});
