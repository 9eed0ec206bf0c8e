import { expect, test, type Locator, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/auth";
import { DEMO_PRODUCT, openProduct, payButton, startCheckout } from "./support/checkout";
import { control, emulator, emulatorStripe } from "./support/emulator";
import { completeEmbeddedOnboarding, createProduct, readiness, startSelling } from "./support/seller";

/*
 * Stripe's embedded components and Payment Element can fail to load, and say so through `onLoadError` /
 * `loaderror` (https://docs.stripe.com/connect/get-started-connect-embedded-components — onLoadError
 * receives { error: { type, message }, elementTagName }; https://docs.stripe.com/js/element/events/on_loaderror).
 * Every component the app renders shows a readable message and a "Try again" that works. What makes them
 * fail is what the emulator's fakes do on Stripe's failures: the Account Session claim or a component's own
 * request answering 500 (emulator faults), and an account that cannot take card payments.
 */

const password = "a good long password";
const CLAIM = "^/_emulator/browser/account_sessions/claim$";

function loadError(page: Page, title: string): Locator {
  return page.getByRole("alert").filter({ hasText: `${title} could not be loaded.` });
}

async function newOnboardedSeller(page: Page, shop: string) {
  await signUp(page, {
    role: "seller",
    name: "Lo Aderror",
    email: uniqueEmail("loaderror"),
    password,
    businessName: shop,
  });
  // The Account Session cannot be claimed: onboarding itself fails to load, and "Try again" recovers.
  await control("/faults", { path: CLAIM, method: "POST", count: 1, kind: "500" });
  await startSelling(page);
  const onboardingError = loadError(page, "Account onboarding");
  await expect(onboardingError).toBeVisible({ timeout: 30_000 });
  await expect(onboardingError).toContainText("Stripe could not show this section.");
  await onboardingError.getByRole("button", { name: "Try again" }).click();
  await completeEmbeddedOnboarding(page, shop);
  await expect(readiness(page)).toHaveText("You're ready to accept payments");
}

test("every embedded component the seller sees shows a load error with a working retry", async ({ page }) => {
  test.setTimeout(150_000);
  await newOnboardedSeller(page, `Load Errors ${Date.now()}`);

  // Dashboard: the notification banner and the balances share one session; both fail, one retry fixes both.
  await control("/faults", { path: CLAIM, method: "POST", count: 1, kind: "500" });
  await page.goto("/dashboard");
  for (const title of ["Account notifications", "Balances"]) {
    await expect(loadError(page, title)).toBeVisible({ timeout: 30_000 });
    await expect(loadError(page, title).getByRole("button", { name: "Try again" })).toBeVisible();
  }
  await loadError(page, "Balances").getByRole("button", { name: "Try again" }).click();
  await expect(
    page.locator("stripe-connect-balances").getByRole("heading", { name: "Payout schedule" }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("alert").filter({ hasText: "could not be loaded." })).toHaveCount(0);

  // Payouts: only the component's own request fails (its balance), the session is fine.
  await control("/faults", {
    path: "^/_emulator/browser/connect/balance",
    method: "GET",
    count: 1,
    kind: "500",
  });
  await page.goto("/dashboard/payouts");
  await expect(loadError(page, "Payouts")).toBeVisible({ timeout: 30_000 });
  await loadError(page, "Payouts").getByRole("button", { name: "Try again" }).click();
  await expect(page.locator("stripe-connect-payouts").getByRole("button", { name: "Pay out" })).toBeVisible({
    timeout: 30_000,
  });

  // Settings: account management and documents.
  await control("/faults", { path: CLAIM, method: "POST", count: 1, kind: "500" });
  await page.goto("/dashboard/settings");
  await expect(loadError(page, "Account settings")).toBeVisible({ timeout: 30_000 });
  await expect(loadError(page, "Documents")).toBeVisible();
  await loadError(page, "Documents").getByRole("button", { name: "Try again" }).click();
  await expect(
    page.locator("stripe-connect-account-management").getByRole("heading", { name: "Business details" }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("alert").filter({ hasText: "could not be loaded." })).toHaveCount(0);
});

test("checkout: a payment form that fails to load says so, and Try again loads it", async ({ page }) => {
  await control("/faults", {
    path: "^/_emulator/browser/elements/session",
    method: "GET",
    count: 1,
    kind: "500",
  });
  await openProduct(page, DEMO_PRODUCT.name);
  await startCheckout(page);
  const failed = page.getByRole("alert").filter({ hasText: "The payment form could not be loaded." });
  await expect(failed).toBeVisible({ timeout: 30_000 });
  await expect(failed).toContainText("Nothing was charged");
  await expect(payButton(page)).toBeDisabled();
  await failed.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByLabel("Card number")).toBeVisible();
  await expect(failed).toHaveCount(0);
  await expect(payButton(page)).toBeEnabled();
});

test("checkout: a seller whose account cannot take card payments gets no card form, and the buyer is told", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const tag = Date.now().toString(36);
  const shop = `Restricted Shop ${tag}`;
  const product = `Restricted lamp ${tag}`;
  await signUp(page, {
    role: "seller",
    name: "Re Stricted",
    email: uniqueEmail("restricted"),
    password,
    businessName: shop,
  });
  await startSelling(page);
  await completeEmbeddedOnboarding(page, shop);
  await expect(readiness(page)).toHaveText("You're ready to accept payments");
  await createProduct(page, {
    name: product,
    description: "Sold by a seller Stripe is about to restrict.",
    price: "20.00",
  });
  const account = (await emulatorStripe().accounts.list({ limit: 100 })).data.find(
    (a) => a.business_profile?.name === shop,
  );
  if (!account) throw new Error(`no emulator account for ${shop}`);

  // Stripe needs more from the seller (card_payments goes inactive); the marketplace has not heard yet.
  await emulator.pauseDelivery();
  const buyer = await browser.newPage();
  try {
    await control(`/accounts/${account.id}/requirements`, { currently_due: ["individual.id_number"] });
    await openProduct(buyer, product);
    await startCheckout(buyer);
    const refused = buyer
      .getByRole("alert")
      .filter({ hasText: "This seller can't accept card payments right now." });
    await expect(refused).toBeVisible({ timeout: 30_000 });
    await expect(refused).toContainText("Nothing was charged");
    await expect(buyer.getByLabel("Card number")).toHaveCount(0);
    await expect(payButton(buyer)).toBeDisabled();

    // The seller sorts it out with Stripe: trying again shows the card form.
    await control(`/accounts/${account.id}/requirements`, { currently_due: [] });
    await refused.getByRole("button", { name: "Try again" }).click();
    await expect(buyer.getByLabel("Card number")).toBeVisible({ timeout: 30_000 });
    await expect(payButton(buyer)).toBeEnabled();
  } finally {
    await emulator.resumeDelivery();
    await buyer.close();
  }
});
