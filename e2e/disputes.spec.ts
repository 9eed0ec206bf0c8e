import { expect, test, type Page } from "@playwright/test";
import { findOrderPayment, waitForDispute } from "./support/admin";
import { DEMO, signIn, signOut, uniqueEmail } from "./support/auth";
import {
  DEMO_PRODUCT,
  emulatorStripe,
  expectOrderStatus,
  openProduct,
  orderIdFromUrl,
  pay,
  startCheckout,
} from "./support/checkout";
import { control, webhooksSettled } from "./support/emulator";

/*
 * Issue 20's journey: a buyer pays with the card that gets disputed (0259); the dispute appears in the
 * admin queue with its deadline; the admin uploads a file and submits evidence; the bank decides once the
 * emulator's clock passes its decision delay (600 s) — won with `winning_evidence`, lost with
 * `losing_evidence` — and an unanswered dispute is lost once the clock passes its 7-day deadline.
 * The test shares one emulator clock with the specs after it: it only moves it forward.
 */

const DISPUTED_CARD = "4000 0000 0000 0259";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function settle() {
  await expect.poll(() => webhooksSettled(), { timeout: 60_000 }).toBe(true);
}

/** A guest buys the demo mug with 0259; resolves once Stripe has opened the dispute. */
async function buyDisputed(page: Page) {
  const buyer = uniqueEmail("dispute-buyer");
  await openProduct(page, DEMO_PRODUCT.name);
  await startCheckout(page);
  await pay(page, DISPUTED_CARD, buyer);
  await expectOrderStatus(page, "Payment succeeded");
  const orderId = orderIdFromUrl(page);
  const orderUrl = page.url();
  const stripe = emulatorStripe();
  const payment = await findOrderPayment(stripe, orderId);
  const disputeId = await waitForDispute(stripe, payment);
  await settle();
  return { buyer, orderId, orderUrl, disputeId, accountId: payment.accountId };
}

/** From the queue: the dispute's row (with its deadline) leads to its page. */
async function openFromQueue(page: Page, buyer: string) {
  await page.goto("/admin/disputes");
  const row = page.getByRole("row").filter({ hasText: buyer });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/left/);
  await expect(row.getByTestId("dispute-status")).toContainText(/response needed/i);
  await row
    .getByRole("link", { name: /dispute|du_|view|answer/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/admin\/disputes\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("dispute-deadline")).toBeVisible();
}

async function uploadAndSubmit(page: Page, text: string) {
  const notes = page.getByTestId("note-form");
  await notes.getByLabel("Note").fill("Signed delivery slip attached.");
  await notes
    .locator('input[type="file"]')
    .setInputFiles({ name: "delivery.pdf", mimeType: "application/pdf", buffer: PDF });
  await notes.getByRole("button", { name: "Add to the dispute" }).click();
  await expect(page.getByTestId("dispute-notes")).toContainText("delivery.pdf");

  const form = page.getByTestId("evidence-form");
  await form.getByLabel("Product description").fill("A stoneware mug, shipped in one box.");
  const shipping = form.getByLabel("Shipping documentation");
  const fileOption = shipping.locator("option", { hasText: "delivery.pdf" });
  await shipping.selectOption((await fileOption.getAttribute("value")) ?? "");
  await form.getByLabel("Other information").fill(text);
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form).toContainText("Draft saved at Stripe");
  await page.reload();
  await expect(page.getByTestId("evidence-form").getByLabel("Other information")).toHaveValue(text);
  await page.getByTestId("evidence-form").getByRole("button", { name: "Submit evidence" }).click();
  await expect(page.getByTestId("dispute-status")).toContainText(/under review/i);
}

async function expectStatus(page: Page, status: RegExp) {
  await settle();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("dispute-status")).toContainText(status, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
}

test.describe.configure({ mode: "serial" });

test("won with evidence: the amount comes back to the seller, the fee does not", async ({ page }) => {
  test.setTimeout(180_000);
  const d = await buyDisputed(page);
  const stripe = emulatorStripe();
  const before = await stripe.balance.retrieve({}, { stripeAccount: d.accountId });
  await signIn(page, DEMO.admin);
  await openFromQueue(page, d.buyer);
  await uploadAndSubmit(page, "Delivered and signed for. winning_evidence");
  await control("/clock/advance", { seconds: 601 });
  await expectStatus(page, /won/i);
  await expect(page.getByTestId("dispute-cost")).toContainText("$15.00");

  // Stripe gave the $28.00 back to the seller's balance (pending or available) and kept its $15.00 fee.
  const after = await stripe.balance.retrieve({}, { stripeAccount: d.accountId });
  const total = (b: typeof after) =>
    [...b.available, ...b.pending].filter((x) => x.currency === "usd").reduce((s, x) => s + x.amount, 0);
  expect(total(after) - total(before)).toBe(2_800);

  // The admin order page: seller net of the fee only; the buyer's page says the dispute was won.
  await page.goto(`/admin/orders/${d.orderId}`);
  await expect(page.getByTestId("admin-seller-net")).toContainText("$15.00 Stripe dispute fee");
  await signOut(page);
  await page.goto(d.orderUrl);
  await expect(page.getByTestId("order-notice-dispute_won")).toBeVisible();

  // The seller sees the outcome and its cost on the order.
  await signIn(page, DEMO.alice);
  await page.goto(`/dashboard/orders/${d.orderId}`);
  await expect(page.locator("#main").getByTestId("seller-order-status")).toHaveText("Dispute won");
  await signOut(page);
});

test("lost with losing evidence, and lost at the deadline with no answer", async ({ page }) => {
  test.setTimeout(240_000);
  const answered = await buyDisputed(page);
  const ignored = await buyDisputed(page);
  await signIn(page, DEMO.admin);
  await openFromQueue(page, answered.buyer);
  await uploadAndSubmit(page, "losing_evidence");
  await control("/clock/advance", { seconds: 601 });
  await expectStatus(page, /lost/i);
  // Nothing more can be given on a closed dispute.
  await expect(page.getByTestId("evidence-form")).toHaveCount(0);
  await expect(page.getByTestId("note-form")).toHaveCount(0);

  await openFromQueue(page, ignored.buyer);
  // The dispute page with its forms fits a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("evidence-form")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });
  await control("/clock/advance", { seconds: 7 * 86_400 + 60 });
  await expectStatus(page, /lost/i);
  await page.goto("/admin/disputes");
  await expect(page.getByRole("row").filter({ hasText: ignored.buyer })).toContainText(/lost/i);
});
