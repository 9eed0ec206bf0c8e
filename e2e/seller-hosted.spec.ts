import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/auth";
import { control } from "./support/emulator";
import { readiness, startSelling } from "./support/seller";

/*
 * The hosted fallback: Stripe's own onboarding page through an Account Link. An expired link sends
 * the seller to refresh_url (our route), which makes a fresh link and redirects again; the return
 * page reads the account from Stripe and says where the seller stands.
 */

test("hosted onboarding: an expired link refreshes, 'return later' asks for more, submitting makes the seller ready", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page, {
    role: "seller",
    name: "Host Ed",
    email: uniqueEmail("hosted"),
    password: "a good long password",
    businessName: `Hosted ${Date.now()}`,
  });
  await startSelling(page);

  // A link made now (as if the seller clicked and walked away) — the browser does not follow it yet.
  const made = await page.request.get("/api/connect/account-link", { maxRedirects: 0 });
  expect(made.status()).toBe(303);
  const staleLink = made.headers().location ?? "";
  expect(staleLink).toContain("/_emulator/hosted/onboarding/");
  // Account Links expire after a few minutes.
  await control("/clock/advance", { seconds: 301 });

  // Opening the expired link: Stripe → refresh_url (/api/connect/account-link) → a fresh link.
  await page.goto(staleLink);
  await expect(page.getByRole("heading", { name: "Set up payments" })).toBeVisible();
  expect(page.url()).not.toBe(staleLink);

  // Leaving without finishing: the return page reads the account and asks for more.
  await page.getByRole("link", { name: "Save and return later" }).click();
  await expect(page).toHaveURL(/\/dashboard\/onboarding\/return$/);
  await expect(page.getByText("Stripe needs more information.")).toBeVisible();

  // Continue: yet another fresh link, then submit the hosted form.
  await page.getByRole("link", { name: "Continue onboarding" }).click();
  await expect(page.getByRole("heading", { name: "Set up payments" })).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/dashboard\/onboarding\/return$/);
  await expect(page.getByText("You're ready to accept payments.")).toBeVisible();

  await page.getByRole("link", { name: "Go to your dashboard" }).click();
  await expect(readiness(page)).toHaveText("You're ready to accept payments");
});

test("the hosted link route sends anonymous visitors to sign in, and refuses buyers", async ({ page }) => {
  await page.goto("/api/connect/account-link");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fapi%2Fconnect%2Faccount-link/);
  await signUp(page, {
    role: "buyer",
    name: "Bu Yer",
    email: uniqueEmail("hosted-buyer"),
    password: "a good long password",
  });
  const res = await page.request.get("/api/connect/account-link", { maxRedirects: 0 });
  expect(res.status()).toBe(403);
  expect((await res.json()) as unknown).toMatchObject({ error: { code: "forbidden:account_link" } });
});
