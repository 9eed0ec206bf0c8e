import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, uniqueEmail } from "./support/auth";
import {
  CARDS,
  emulatorStripe,
  expectOrderStatus,
  fillCard,
  openProduct,
  orderIdFromUrl,
  payButton,
  paymentIntentsForOrder,
  startCheckout,
} from "./support/checkout";
import { createProduct } from "./support/seller";

/*
 * Honest prices (issue 15, finding 2): the buyer opens checkout at $10.00, the seller raises the price
 * to $100.00 from their dashboard, the buyer presses Pay. Nothing is charged; the page says so and
 * shows the new price everywhere; one more click pays the new price. At a phone's width.
 */
test.use({ viewport: { width: 390, height: 844 } });

/** Every PaymentIntent on alice's connected account (the demo seller of the product). */
async function aliceIntentCount(): Promise<number> {
  const stripe = emulatorStripe();
  let stripeAccount: string | undefined;
  for await (const account of stripe.accounts.list({ limit: 100 })) {
    if (account.email === DEMO.alice.email) stripeAccount = account.id;
  }
  if (!stripeAccount) throw new Error("alice has no connected account in the emulator");
  let count = 0;
  for await (const _intent of stripe.paymentIntents.list({ limit: 100 }, { stripeAccount })) count += 1;
  return count;
}

async function setPrice(seller: Page, name: string, price: string) {
  await seller.goto("/dashboard/products");
  await seller.getByRole("link", { name: `Edit ${name}` }).click();
  // The list page has a (create) price field too: fill the edit page's.
  await expect(seller.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
  await seller.getByLabel(/^Price/).fill(price);
  await expect(seller.getByLabel(/^Price/)).toHaveValue(price);
  await seller.getByRole("button", { name: "Save changes" }).click();
  await expect(seller).toHaveURL(/\/dashboard\/products\?saved=1$/);
}

test("a price raised while the buyer is on checkout charges nothing; the buyer sees it and pays the new price", async ({
  page,
  browser,
}) => {
  const name = `Price lamp ${randomUUID().slice(0, 8)}`;
  const sellerContext = await browser.newContext();
  const seller = await sellerContext.newPage();
  try {
    await signIn(seller, DEMO.alice);
    await createProduct(seller, { name, description: "Its price is about to change.", price: "10.00" });

    // The guest opens checkout at $10.00 and fills in everything.
    await openProduct(page, name);
    await startCheckout(page, 1);
    await expect(page.getByTestId("checkout-total")).toHaveText("$10.00");
    await expect(payButton(page)).toHaveText("Pay $10.00");
    const email = uniqueEmail("price");
    await page.getByLabel("Email").fill(email);
    await expect(payButton(page)).toBeEnabled();
    await fillCard(page, CARDS.visa);

    // Meanwhile the seller raises the price tenfold.
    await setPrice(seller, name, "100.00");
    const intentsBefore = await aliceIntentCount();

    await payButton(page).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "The price changed from $10.00 to $100.00" }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/checkout\//);
    await expect(payButton(page)).toHaveText("Pay $100.00");
    await expect(page.getByTestId("checkout-total")).toHaveText("$100.00");
    await expect(page.getByTestId("checkout-unit-price")).toHaveText("$100.00");
    // Nothing charged, nothing even created at Stripe; what the buyer typed is still there.
    expect(await aliceIntentCount()).toBe(intentsBefore);
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Card number")).toHaveValue(CARDS.visa);
    // A phone's width: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // One more click pays the price now shown.
    await expect(payButton(page)).toBeEnabled();
    await payButton(page).click();
    await expectOrderStatus(page, "Payment succeeded");
    const intents = await paymentIntentsForOrder(orderIdFromUrl(page));
    expect(intents).toHaveLength(1);
    expect(intents[0]?.intent).toMatchObject({ amount: 10_000, currency: "usd", status: "succeeded" });
    expect(await aliceIntentCount()).toBe(intentsBefore + 1);
    await expect(page.getByText("$100.00").first()).toBeVisible();
  } finally {
    await sellerContext.close();
  }
});
