import { expect, test, type Page } from "@playwright/test";
import { findOrderPayment, waitForDispute } from "./support/admin";
import { signIn, signOut, signUp, uniqueEmail } from "./support/auth";
import {
  CARDS,
  emulatorStripe,
  expectOrderStatus,
  openProduct,
  orderIdFromUrl,
  pay,
  startCheckout,
} from "./support/checkout";
import { emulator, webhooksSettled } from "./support/emulator";
import { completeEmbeddedOnboarding, createProduct, startSelling } from "./support/seller";

/*
 * A seller's money views after a refund, a lost dispute and a failed attempt: net figures, honest
 * statuses, payments that name the product and open, a negative balance that explains itself, no
 * horizontal scroll at 390×844, and the Express dashboard in a new tab.
 */

const DISPUTED_CARD = "4000 0000 0000 0259";
const DECLINED_CARD = "4000 0000 0000 0002";
const password = "a good long password";

async function buy(page: Page, product: string, card: string, outcome: string | null) {
  await openProduct(page, product);
  await startCheckout(page);
  await pay(page, card, uniqueEmail("money-buyer"));
  if (outcome === null) {
    await expect(page.getByRole("alert").first()).toBeVisible();
    return null;
  }
  await expectOrderStatus(page, outcome);
  return orderIdFromUrl(page);
}

async function settle() {
  await expect.poll(() => webhooksSettled(), { timeout: 30_000 }).toBe(true);
}

async function noHorizontalScroll(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${path} is ${width}px wide at 390`).toBeLessThanOrEqual(390);
}

test("a seller sees net money, honest statuses and explained balances after a refund and a lost dispute", async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const tag = Date.now().toString(36);
  const product = `Money bowl ${tag}`;
  const email = uniqueEmail("money-seller");
  await signUp(page, { role: "seller", name: "Mo Ney", email, password, businessName: `Money Shop ${tag}` });
  await startSelling(page);
  await completeEmbeddedOnboarding(page, `Money Shop ${tag}`);
  await expect(page).toHaveURL(/\/dashboard\?onboarded=1/, { timeout: 30_000 });
  await createProduct(page, { name: product, description: "For the money journey.", price: "40.00" });
  await signOut(page);

  const refunded = await buy(page, product, CARDS.visa, "Payment succeeded");
  const disputed = await buy(page, product, DISPUTED_CARD, "Payment succeeded");
  const paid = await buy(page, product, CARDS.visa, "Payment succeeded");
  await buy(page, product, DECLINED_CARD, null);

  const stripe = emulatorStripe();
  const refundedPayment = await findOrderPayment(stripe, refunded!);
  await stripe.refunds.create(
    { charge: refundedPayment.charge.id },
    { stripeAccount: refundedPayment.accountId },
  );
  const disputedPayment = await findOrderPayment(stripe, disputed!);
  const stripeAccount = disputedPayment.accountId;
  const disputeId = await waitForDispute(stripe, disputedPayment);
  await emulator.resolveDispute(disputeId, "lost");
  await settle();

  await signIn(page, { email, password });
  await page.goto("/dashboard");
  const recent = page.getByRole("table", { name: "Your most recent orders" });
  await expect(recent.getByTestId("seller-order")).toHaveCount(3);
  await expect(recent.getByRole("row").filter({ hasText: "Refunded" })).toHaveCount(1);
  await expect(recent.getByRole("row").filter({ hasText: "Dispute lost" })).toHaveCount(1);
  await expect(recent.getByRole("cell", { name: "Paid", exact: true })).toHaveCount(1);
  await expect(recent).not.toContainText(/Failed|Awaiting/);
  // Only the order that still brings money counts: $40.00, one paid order.
  await expect(page.getByText("$40.00 after refunds and disputes (1 paid order").first()).toBeVisible();

  const balance = await stripe.balance.retrieve({}, { stripeAccount });
  const available = balance.available.find((b) => b.currency === "usd")?.amount ?? 0;
  expect(available).toBeLessThan(0);
  const notice = page.getByTestId("negative-balance");
  await expect(notice).toContainText(/Your available balance is −?-?\$/);
  await expect(notice).toContainText("Dispute on");
  await expect(notice).toContainText("$15.00 Stripe dispute fee");
  await expect(notice.getByRole("link", { name: product }).first()).toHaveAttribute(
    "href",
    `/dashboard/orders/${disputed}`,
  );

  // Payments: rows name the product (no ch_ ids) and open the order's page.
  await page.goto("/dashboard/payments");
  const payments = page.getByRole("table", { name: "Your payments" });
  await expect(payments.getByTestId("seller-order")).toHaveCount(3);
  await expect(payments).not.toContainText(/ch_/);
  await payments
    .getByRole("row")
    .filter({ hasText: "Dispute lost" })
    .getByRole("link", { name: product })
    .click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/orders/${disputed}$`));
  await expect(page.getByTestId("seller-order-status")).toHaveText("Dispute lost");
  // The dispute took the $40.00 back; the platform kept its $2.30 fee and Stripe took its $15.00 dispute fee.
  await expect(page.getByTestId("seller-order-net")).toHaveText("-$17.30");
  await page.goto(`/dashboard/orders/${paid}`);
  await expect(page.getByTestId("seller-order-status")).toHaveText("Paid");

  // The Express dashboard opens in a new tab; this one stays on the site.
  await page.goto("/dashboard");
  const [tab] = await Promise.all([
    context.waitForEvent("page"),
    page.getByRole("button", { name: /Open Express dashboard/ }).click(),
  ]);
  await expect.poll(() => tab.url(), { timeout: 15_000 }).not.toBe("about:blank");
  expect(await tab.evaluate(() => window.opener === null)).toBe(true);
  await expect(page).toHaveURL(/\/dashboard$/);
  await tab.close();

  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [
    "/dashboard",
    "/dashboard/payments",
    "/dashboard/products",
    "/dashboard/payouts",
    `/dashboard/orders/${disputed}`,
  ]) {
    await noHorizontalScroll(page, path);
  }
  await page.goto("/dashboard/payments");
  await expect(page.getByRole("list", { name: "Your payments" }).getByTestId("seller-order")).toHaveCount(3);
});

test("a half-onboarded seller sees one list of what Stripe needs, in words, with a count that matches", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page, {
    role: "seller",
    name: "Half Way",
    email: uniqueEmail("half"),
    password,
    businessName: `Half Shop ${Date.now().toString(36)}`,
  });
  await startSelling(page);
  await page.goto("/dashboard");
  const heading = page.getByText(/^What Stripe still needs \((\d+) items?\)$/);
  await expect(heading).toBeVisible();
  const count = Number(/\((\d+)/.exec((await heading.textContent()) ?? "")?.[1]);
  const items = heading.locator("xpath=following-sibling::ul[1]/li");
  await expect(items).toHaveCount(count);
  await expect(items.filter({ hasText: "Date of birth" })).toHaveCount(1);
  await expect(page.locator("main")).not.toContainText(/Dob day|Individual first name/i);
  // Stripe's banner would list the same requirements again (and count them differently).
  await expect(page.locator("stripe-connect-notification-banner")).toHaveCount(0);
  await expect(page.getByText(/needs? your attention/)).toHaveCount(0);
});
