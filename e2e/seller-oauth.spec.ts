import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/auth";
import { readiness } from "./support/seller";

/*
 * "Connect an existing Stripe account" (Standard, OAuth): the emulator's authorize page stands in for
 * connect.stripe.com. The state cookie set by our start route must come back with Stripe's redirect.
 */

async function newSeller(page: Page, name: string) {
  await signUp(page, {
    role: "seller",
    name,
    email: uniqueEmail("oauth"),
    password: "a good long password",
    businessName: `${name} Ltd`,
  });
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function connectExisting(page: Page, decision: "Connect my Stripe account" | "Deny") {
  await page.getByRole("link", { name: "Connect your existing Stripe account" }).click();
  await expect(
    page.getByRole("heading", { name: /would like to connect to your Stripe account/ }),
  ).toBeVisible();
  await page.getByRole("button", { name: decision }).click();
  await expect(page).toHaveURL(/\/dashboard\?connect=/);
}

test("a seller connects an existing Stripe account, disconnects it, and connects again", async ({ page }) => {
  test.setTimeout(120_000);
  await newSeller(page, "Olga Auth");
  await connectExisting(page, "Connect my Stripe account");
  await expect(
    page.getByRole("status").filter({ hasText: "Your Stripe account is connected to the platform." }),
  ).toBeVisible();
  await expect(readiness(page)).toHaveText("You're ready to accept payments");
  await expect(page.getByText(/· Standard/)).toBeVisible();
  // Standard accounts are managed in their own Stripe Dashboard: no embedded components here.
  await expect(page.locator("stripe-connect-balances")).toHaveCount(0);

  await page.goto("/dashboard/settings");
  await page.getByRole("button", { name: "Disconnect my Stripe account" }).click();
  await expect(page).toHaveURL(/\/dashboard\?disconnected=1$/);
  await expect(
    page.getByRole("status").filter({ hasText: "Your Stripe account was disconnected." }),
  ).toBeVisible();
  await expect(readiness(page)).toHaveText("Your Stripe account is disconnected");
  await connectExisting(page, "Connect my Stripe account");
  await expect(readiness(page)).toHaveText("You're ready to accept payments");
});

test("denying on Stripe stores nothing and says so", async ({ page }) => {
  await newSeller(page, "Dee Nied");
  await connectExisting(page, "Deny");
  await expect(page).toHaveURL(/connect=denied/);
  await expect(
    page.getByText("You cancelled connecting your Stripe account. Nothing was changed."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Start selling" })).toBeVisible();
  await expect(readiness(page)).toHaveCount(0);
});

test("a callback with a forged state is refused with a clear message", async ({ page }) => {
  await newSeller(page, "Stan Forge");
  // Start a real flow (sets the state cookie), then come back with someone else's state.
  await page.getByRole("link", { name: "Connect your existing Stripe account" }).click();
  await page.goto("/api/connect/oauth/callback?code=ac_forged&state=not-the-state");
  await expect(page).toHaveURL(/connect=bad_state/);
  await expect(page.getByText(/We could not verify this connection request/)).toBeVisible();
  await expect(readiness(page)).toHaveCount(0);
});
