import { expect, test, type Page } from "@playwright/test";
import { findOrderPayment, openAdminOrder } from "./support/admin";
import { DEMO, signIn, uniqueEmail } from "./support/auth";
import {
  CARDS,
  DEMO_PRODUCT,
  emulatorStripe,
  expectOrderStatus,
  openProduct,
  orderIdFromUrl,
  pay,
  startCheckout,
} from "./support/checkout";

/*
 * The admin refund form: an error keeps every field and shows once; a refund is previewed (the split
 * between buyer, seller and platform) and needs a confirmation; the order page's money is then net of it.
 * At 390×844 the admin pages do not scroll sideways.
 */

const usd = (cents: number) => `${cents < 0 ? "-" : ""}$${(Math.abs(cents) / 100).toFixed(2)}`;

async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, path).toBeLessThanOrEqual(390);
}

test("admin refund: errors keep the form, preview then confirm, net figures after", async ({ page }) => {
  test.setTimeout(180_000);
  const stripe = emulatorStripe();
  await openProduct(page, DEMO_PRODUCT.name);
  await startCheckout(page, 1);
  await pay(page, CARDS.visa, uniqueEmail("refund-form-guest"));
  await expectOrderStatus(page, "Payment succeeded");
  const orderId = orderIdFromUrl(page);
  const payment = await findOrderPayment(stripe, orderId);
  const feeId =
    typeof payment.charge.application_fee === "string"
      ? payment.charge.application_fee
      : payment.charge.application_fee?.id;
  if (!feeId) throw new Error("no application fee on the charge");
  const fee = (await stripe.applicationFees.retrieve(feeId)).amount;
  const amount = payment.charge.amount;

  await signIn(page, DEMO.admin);
  await openAdminOrder(page, orderId);
  await expect(page.getByTestId("admin-seller-net")).toHaveText(usd(amount - fee));

  // 1. Too much: one error, every field as the admin left it, nothing previewed.
  await page.getByLabel(/^Amount/).fill("999.00");
  await page.getByLabel("Reason").selectOption({ label: "Duplicate payment" });
  await page.getByLabel("Return the platform fee").check();
  await page.getByLabel(/^Note/).fill("Buyer called about a chipped rim");
  await page.getByRole("button", { name: "Preview refund" }).click();
  await expect(page.getByText(`You can refund at most ${usd(amount)} on this order.`)).toHaveCount(1);
  await expect(page.getByLabel(/^Amount/)).toHaveValue("999.00");
  await expect(page.getByLabel("Reason")).toHaveValue("duplicate");
  await expect(page.getByLabel("Return the platform fee")).toBeChecked();
  await expect(page.getByLabel(/^Note/)).toHaveValue("Buyer called about a chipped rim");
  await expect(page.getByTestId("refund-preview")).toHaveCount(0);

  // 2. $10.00 with the fee returned: the preview states the split; back to edit changes nothing.
  const partial = 1_000;
  const feeBack = Math.round((fee * partial) / amount);
  await page.getByLabel(/^Amount/).fill("10.00");
  await page.getByRole("button", { name: "Preview refund" }).click();
  const preview = `Refund $10.00 to the buyer; the seller's balance is debited ${usd(partial - feeBack)}; the platform returns ${usd(feeBack)} of its fee.`;
  await expect(page.getByTestId("refund-preview")).toContainText(preview);
  await page.getByRole("button", { name: "Back to edit" }).click();
  await expect(page.getByLabel(/^Amount/)).toBeEditable();
  await expect(page.getByLabel(/^Amount/)).toHaveValue("10.00");
  expect(
    (await stripe.refunds.list({ payment_intent: payment.intent.id }, { stripeAccount: payment.accountId }))
      .data,
  ).toHaveLength(0);
  await page.getByRole("button", { name: "Preview refund" }).click();
  await page.getByRole("button", { name: "Confirm refund" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Refunded $10.00." })).toBeVisible();
  const sellerGross = amount - fee;
  await expect(page.getByTestId("admin-seller-net")).toContainText(
    `${usd(sellerGross)} − ${usd(partial - feeBack)} refunded = ${usd(sellerGross - partial + feeBack)}`,
  );
  expect((await stripe.applicationFees.retrieve(feeId)).amount_refunded).toBe(feeBack);

  // 3. The rest: "Refund all" ticks the fee box (platform default: returned on full refunds); net is zero.
  await page.getByRole("button", { name: "Refund all" }).click();
  await expect(page.getByLabel("Return the platform fee")).toBeChecked();
  await page.getByRole("button", { name: "Preview refund" }).click();
  await expect(page.getByTestId("refund-preview")).toContainText(
    `the platform returns ${usd(fee - feeBack)} of its fee.`,
  );
  await page.getByRole("button", { name: "Confirm refund" }).click();
  // Nothing is left, so the form gives way to "Nothing is left to refund"; the figures say what happened.
  await expect(page.getByText("Nothing is left to refund on this order")).toBeVisible();
  await expect(page.getByTestId("admin-seller-net")).toContainText(
    `${usd(sellerGross)} − ${usd(sellerGross)} refunded = $0.00`,
  );
  expect((await stripe.applicationFees.retrieve(feeId)).amount_refunded).toBe(fee);

  // 4. The audit log reads as money and names.
  await page.goto("/admin/audit");
  const row = page
    .getByRole("row")
    .filter({ hasText: `Order ${orderId.slice(0, 8)}` })
    .first();
  await expect(row).toContainText("Refund sent to Stripe");
  await expect(row).toContainText(usd(amount - partial));
  await expect(row).toContainText(DEMO_PRODUCT.seller);

  // 5. On a phone, no admin page scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [
    "/admin",
    "/admin/orders",
    `/admin/orders/${orderId}`,
    "/admin/sellers",
    "/admin/events",
    "/admin/audit",
  ]) {
    await expectNoSidewaysScroll(page, path);
  }
});
