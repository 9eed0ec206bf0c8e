import { expect, test, type Page } from "@playwright/test";
import { findOrderPayment } from "./support/admin";
import { uniqueEmail } from "./support/auth";
import { emulator } from "./support/emulator";
import {
  CARDS,
  DEMO_PRODUCT,
  emulatorStripe,
  expectOrderStatus,
  fillCard,
  openProduct,
  orderIdFromUrl,
  pay,
  payButton,
  startCheckout,
} from "./support/checkout";

/* The buyer's side of issue 16: the card form behaves like Stripe's, and the order page tells the buyer what happened. */

/** Stripe's test card whose payment succeeds and is then disputed (the emulator disputes it shortly after). */
const DISPUTED_CARD = "4000 0000 0000 0259";
const expiry = () => `12${String((new Date().getFullYear() + 3) % 100).padStart(2, "0")}`;

async function toCheckout(page: Page) {
  await openProduct(page, DEMO_PRODUCT.name);
  await startCheckout(page);
  await expect(payButton(page)).toBeEnabled();
}

/** Reloads the order page until the notice is there (a settled order page stops refreshing itself). */
async function expectNotice(page: Page, kind: string, text: string | RegExp) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId(`order-notice-${kind}`)).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
}

test.describe("the card form", () => {
  test("a declined card's error goes away as soon as the buyer edits the card", async ({ page }) => {
    await toCheckout(page);
    await pay(page, CARDS.insufficientFunds, uniqueEmail("declined-edit"));
    const declined = page.getByRole("alert").filter({ hasText: /insufficient funds/i });
    await expect(declined).toBeVisible();
    // Typing in the card fields, not anything else on the page.
    await page.getByLabel("Card number").press("End");
    await expect(declined).toBeVisible(); // moving the caret is no edit
    await page.getByLabel("Card number").press("Backspace");
    await expect(declined).toHaveCount(0);
    await page.getByLabel("Card number").fill(CARDS.visa);
    await payButton(page).click();
    await expectOrderStatus(page, "Payment succeeded");
  });

  test("the fields advance by themselves as they are completed, like Stripe's", async ({ page }) => {
    await toCheckout(page);
    await page.getByLabel("Card number").click();
    await page.keyboard.type(CARDS.visa.replace(/ /g, ""));
    await expect(page.getByLabel("Expiration date")).toBeFocused();
    await page.keyboard.type(expiry());
    await expect(page.getByLabel("Expiration date")).toHaveValue(/^12 \/ \d\d$/);
    await expect(page.getByLabel("Security code")).toBeFocused();
    await page.keyboard.type("123");
    await expect(page.getByLabel(/ZIP|postal code/i)).toBeFocused();
    // Not while the number is incomplete, nor an invalid number at full length.
    await page.getByLabel("Card number").fill("");
    await page.getByLabel("Card number").click();
    await page.keyboard.type("4242 4242 4242 4241".replace(/ /g, ""));
    await expect(page.getByLabel("Card number")).toBeFocused();
  });

  test("Enter in the ZIP field submits the payment, as in Stripe's element", async ({ page }) => {
    await toCheckout(page);
    await page.getByLabel("Email").fill(uniqueEmail("enter"));
    await fillCard(page, CARDS.visa);
    await page.getByLabel(/ZIP|postal code/i).press("Enter");
    await expectOrderStatus(page, "Payment succeeded");
  });

  test("Enter in the card number field with a bad card shows the card error instead of doing nothing", async ({
    page,
  }) => {
    await toCheckout(page);
    await page.getByLabel("Email").fill(uniqueEmail("enter-incomplete"));
    await page.getByLabel("Card number").fill("4242 4242");
    await page.getByLabel("Card number").press("Enter");
    await expect(
      page.getByRole("alert").filter({ hasText: "Your card number is incomplete." }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/checkout\//);
  });
});

test.describe("the order page", () => {
  test("a guest's order page tells them to keep the link", async ({ page }) => {
    await toCheckout(page);
    await pay(page, CARDS.visa, uniqueEmail("keep-link"));
    await expectOrderStatus(page, "Payment succeeded");
    const notice = page.getByTestId("order-notice-keep_link");
    await expect(notice).toContainText("Keep this link");
    await expect(notice).toContainText("only way back to your order");
    await expect(notice.getByRole("button", { name: "Copy link" })).toBeVisible();
  });

  test("a disputed payment (0259) shows the dispute, then its outcome", async ({ page }) => {
    await toCheckout(page);
    await pay(page, DISPUTED_CARD, uniqueEmail("dispute"));
    await expectOrderStatus(page, "Payment succeeded");
    await expectNotice(page, "dispute_open", "Your bank opened a dispute about this payment of $28.00");

    const stripe = emulatorStripe();
    const { accountId, charge } = await findOrderPayment(stripe, orderIdFromUrl(page));
    const disputeId = (
      await stripe.disputes.list({ charge: charge.id, limit: 1 }, { stripeAccount: accountId })
    ).data[0]?.id;
    if (!disputeId) throw new Error("the emulator did not dispute the 0259 charge");
    await emulator.resolveDispute(disputeId, "lost");
    await expectNotice(page, "dispute_lost", "returned $28.00 to you");
  });

  test("a refunded order shows the refund", async ({ page }) => {
    await toCheckout(page);
    await pay(page, CARDS.visa, uniqueEmail("refunded"));
    await expectOrderStatus(page, "Payment succeeded");
    const stripe = emulatorStripe();
    const { accountId, intent } = await findOrderPayment(stripe, orderIdFromUrl(page));
    await stripe.refunds.create({ payment_intent: intent.id }, { stripeAccount: accountId });
    await expectNotice(page, "refund_succeeded", "$28.00 of your $28.00 payment was refunded to your card");
    // The page reads the order and its refunds separately: a render between two events may show the
    // notice before the status; a settled page no longer refreshes itself, so reload until both agree.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("order-status")).toHaveText("Refunded", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
  });
});
