import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./support/auth";
import {
  CARDS,
  DEMO_PRODUCT,
  expectOrderStatus,
  fillCard,
  openProduct,
  orderIdFromUrl,
  payButton,
  paymentIntentsForOrder,
  startCheckout,
} from "./support/checkout";

/*
 * Issue 22's journey: a buyer saves a card while buying from alice, then buys from bob with one click
 * on it (each seller charged with a clone of it, on their own account); a 3155 card passes its
 * challenge when saved and again when paying; a removed card disappears from checkout, and a checkout tab
 * opened before the removal is refused. Another buyer never sees the cards.
 */

const BOB_PRODUCT = "Bike tune-up kit";
const CHALLENGE = "3D Secure 2 Test Page";

async function addCard(page: Page, card: string, options: { challenge?: boolean } = {}) {
  await page.goto("/account/payment-methods");
  await page.getByRole("button", { name: "Add a card" }).click();
  await fillCard(page, card);
  await page.getByRole("button", { name: "Save card" }).click();
  if (options.challenge) {
    const challenge = page.getByRole("dialog", { name: CHALLENGE });
    await challenge.getByRole("button", { name: "Complete authentication" }).click();
  }
  await expect(page.getByRole("status").filter({ hasText: /^Saved / })).toBeVisible();
}

/** Buys `product` with whatever "Pay with" has selected; returns the order id once paid. */
async function buyWithSavedCard(page: Page, product: string, card: RegExp, challenge = false) {
  await openProduct(page, product);
  await startCheckout(page);
  await page.getByRole("radio", { name: card }).check();
  await payButton(page).click();
  if (challenge)
    await page
      .getByRole("dialog", { name: CHALLENGE })
      .getByRole("button", { name: "Complete authentication" })
      .click();
  await expectOrderStatus(page, "Payment succeeded");
  return orderIdFromUrl(page);
}

test("save a card, pay alice then bob in one click, 3-D Secure at setup and at payment, remove it", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signUp(page, {
    role: "buyer",
    name: "Card Saver",
    email: uniqueEmail("saver"),
    password: "a good long password",
  });
  await page.goto("/account/payment-methods");
  await expect(page.getByTestId("no-saved-cards")).toBeVisible();

  // Saved while buying from alice: collected on the platform, then cloned onto alice's account.
  await openProduct(page, DEMO_PRODUCT.name);
  await startCheckout(page);
  await page.getByRole("checkbox", { name: /Save this card for next time/ }).check();
  await expect(payButton(page)).toBeEnabled();
  await fillCard(page, CARDS.visa);
  await payButton(page).click();
  await expectOrderStatus(page, "Payment succeeded");
  const atAlice = orderIdFromUrl(page);
  await page.goto("/account/payment-methods");
  await expect(page.getByTestId("saved-card")).toHaveText(/Visa •••• 4242.*Default/);

  // Later, one click at bob's: the same saved card, a clone of it on bob's account.
  const atBob = await buyWithSavedCard(page, BOB_PRODUCT, /Visa •••• 4242/);
  const [alicePayment] = await paymentIntentsForOrder(atAlice);
  const [bobPayment] = await paymentIntentsForOrder(atBob);
  expect(alicePayment?.intent.status).toBe("succeeded");
  expect(bobPayment?.intent.status).toBe("succeeded");
  expect(alicePayment?.intent.application_fee_amount).toBeGreaterThan(0);
  expect(bobPayment?.intent.application_fee_amount).toBeGreaterThan(0);
  expect(alicePayment?.intent.payment_method).not.toBe(bobPayment?.intent.payment_method);
  expect(alicePayment?.intent.customer).toBeTruthy();
  expect(bobPayment?.intent.customer).toBeTruthy();

  // 3155: authenticated when saved, and asked again when paying on-session.
  await addCard(page, CARDS.threeDSecure, { challenge: true });
  await buyWithSavedCard(page, DEMO_PRODUCT.name, /•••• 3155/, true);

  // A checkout tab opened with the Visa selected, then the Visa removed in another tab.
  const stale = await page.context().newPage();
  await openProduct(stale, DEMO_PRODUCT.name);
  await startCheckout(stale);
  await stale.getByRole("radio", { name: /Visa •••• 4242/ }).check();
  await page.goto("/account/payment-methods");
  const visa = page.getByTestId("saved-card").filter({ hasText: "4242" });
  await visa.getByRole("button", { name: /^Remove/ }).click();
  await visa.getByRole("checkbox").check();
  await visa.getByRole("button", { name: "Remove card" }).click();
  await expect(page.getByTestId("saved-card").filter({ hasText: "4242" })).toHaveCount(0);
  await payButton(stale).click();
  await expect(stale.getByText(/not saved on your account/)).toBeVisible();
  await expect(stale).toHaveURL(/\/checkout\//);
  await stale.close();
  // A fresh checkout no longer offers it.
  await openProduct(page, DEMO_PRODUCT.name);
  await startCheckout(page);
  await expect(page.getByRole("radio", { name: /4242/ })).toHaveCount(0);
  await expect(page.getByRole("radio", { name: /3155/ })).toBeVisible();

  // Another buyer sees none of it.
  const other = await browser.newPage();
  await signUp(other, {
    role: "buyer",
    name: "Other",
    email: uniqueEmail("other"),
    password: "a good long password",
  });
  await other.goto("/account/payment-methods");
  await expect(other.getByTestId("no-saved-cards")).toBeVisible();
  await openProduct(other, DEMO_PRODUCT.name);
  await startCheckout(other);
  await expect(other.getByRole("radio")).toHaveCount(0);
  await other.close();
});
