import { expect, test, type Page } from "@playwright/test";
import {
  accountBalance,
  expectRefundState,
  findOrderPayment,
  openAdminOrder,
  platformBalance,
  refundOrder,
} from "./support/admin";
import { DEMO, signIn, signOut, signUp, uniqueEmail } from "./support/auth";
import { completeEmbeddedOnboarding, createProduct, readiness, startSelling } from "./support/seller";
import {
  CARDS,
  emulatorStripe,
  expectOrderStatus,
  openProduct,
  orderIdFromUrl,
  pay,
  startCheckout,
} from "./support/checkout";

/*
 * The whole marketplace in one journey: a seller signs up and onboards in the embedded component,
 * lists a product; a guest buys it with 4242; an admin refunds half with the platform fee returned.
 * Then Stripe's side (the emulator) and ours must agree on every amount.
 */
async function onboardInEmbeddedComponent(page: Page, businessName: string) {
  await startSelling(page);
  await completeEmbeddedOnboarding(page, businessName);
  // onExit refreshes the status and moves on to the dashboard.
  await expect(readiness(page)).toHaveText("You're ready to accept payments");
}

test("seller onboards, guest buys, admin refunds half with the fee returned", async ({ page }) => {
  test.setTimeout(180_000);
  const stripe = emulatorStripe();
  const shop = `Journey Pottery ${Date.now().toString(36)}`;
  const product = `Journey vase ${Date.now().toString(36)}`;

  // 1. A seller signs up, onboards inside the platform, and lists a product at $40.00.
  await signUp(page, {
    role: "seller",
    name: "Jo Journey",
    email: uniqueEmail("journey-seller"),
    password: "a good long password",
    businessName: shop,
  });
  await onboardInEmbeddedComponent(page, shop);
  await createProduct(page, {
    name: product,
    description: "Thrown on the wheel for this test.",
    price: "40.00",
  });
  await signOut(page);

  // 2. A guest buys it with 4242 and the webhook marks the order paid.
  await openProduct(page, product);
  await startCheckout(page, 1);
  await pay(page, CARDS.visa, uniqueEmail("journey-guest"));
  await expectOrderStatus(page, "Payment succeeded");
  const orderId = orderIdFromUrl(page);
  const guestOrderUrl = page.url(); // carries the guest's access token
  const payment = await findOrderPayment(stripe, orderId);
  expect(payment.charge.amount).toBe(4_000);
  const feeId =
    typeof payment.charge.application_fee === "string"
      ? payment.charge.application_fee
      : payment.charge.application_fee?.id;
  if (!feeId) throw new Error("the direct charge carries no application fee");
  const fee = await stripe.applicationFees.retrieve(feeId);
  expect(fee.amount).toBeGreaterThan(0);
  const balanceBefore = await accountBalance(stripe, payment.accountId);
  const platformBefore = await platformBalance(stripe);

  // 3. The admin refunds half, giving the platform fee back in proportion.
  await signIn(page, DEMO.admin);
  await openAdminOrder(page, orderId);
  await expect(page.getByText(payment.intent.id)).toBeVisible();
  await expect(page.getByText(payment.charge.id)).toBeVisible();
  await refundOrder(page, { amount: "20.00", reason: "Requested by the customer", returnFee: true });
  await expect(page.getByRole("status").filter({ hasText: "Refunded $20.00." })).toBeVisible();
  await expect(
    page.getByRole("row").filter({ hasText: "$20.00" }).filter({ hasText: DEMO.admin.email }),
  ).toBeVisible();

  // 4. The charge.refunded webhook moves the order to partially refunded, for the admin and the guest.
  await expectRefundState(page, "partially refunded");
  await expect(page.getByRole("button", { name: "Refund all" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "charge.refunded" })).toBeVisible();

  // 5. Stripe's side: $20.00 refunded on the seller's account, half the fee back from the platform.
  const refunds = await stripe.refunds.list(
    { payment_intent: payment.intent.id },
    { stripeAccount: payment.accountId },
  );
  expect(refunds.data.map((r) => r.amount)).toEqual([2_000]);
  const feeAfter = await stripe.applicationFees.retrieve(feeId);
  const feeReturned = Math.round(fee.amount / 2);
  expect(feeAfter.amount_refunded).toBe(feeReturned);
  expect(balanceBefore - (await accountBalance(stripe, payment.accountId))).toBe(2_000 - feeReturned);
  // ...and the platform's own balance gave back exactly that part of its fee.
  expect(platformBefore - (await platformBalance(stripe))).toBe(feeReturned);

  // 6. The guest's order page says so too.
  await page.goto(guestOrderUrl);
  await expectOrderStatus(page, "Partially refunded");
  await expect(page.getByText("$20.00 of $40.00 was refunded to your card.")).toBeVisible();

  // 7. The audit log names the admin.
  await page.goto("/admin/audit");
  const entry = page
    .getByRole("row")
    .filter({ hasText: `Order ${orderId.slice(0, 8)}` })
    .filter({ hasText: "Refund sent to Stripe" });
  await expect(entry).toContainText(DEMO.admin.email);
  await expect(entry).toContainText("$20.00");
});
