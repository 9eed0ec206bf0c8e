import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut, signUp, uniqueEmail } from "./support/auth";
import { expectRefundState, openAdminOrder, refundOrder } from "./support/admin";
import { CARDS, DEMO_PRODUCT, emulatorStripe, fillCard, openProduct, payButton } from "./support/checkout";

/*
 * Issue 23's journey: a cart with alice's and bob's products paid once through Stripe Checkout (the
 * emulator's hosted page); each seller is transferred their part minus the fee and sees only their order;
 * a one-seller cart is a destination charge; a declined card and an abandoned session pay nothing.
 */

const BOB_PRODUCT = "Bike tune-up kit";

async function addToCart(page: Page, product: string, quantity = 1) {
  await openProduct(page, product);
  await page.getByLabel("Quantity").fill(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to your cart" })).toBeVisible();
}

async function toStripeCheckout(page: Page) {
  await page.goto("/cart");
  await page.getByRole("button", { name: /with Stripe Checkout$/ }).click();
  await expect(page).toHaveURL(/\/_emulator\/hosted\/checkout\/cs_/);
}

function checkoutIdOf(page: Page): string {
  const match = /\/cart\/checkouts\/([0-9a-f-]{36})/.exec(page.url());
  if (!match?.[1]) throw new Error(`not on a cart checkout page: ${page.url()}`);
  return match[1];
}

test("a cart from alice and bob: one payment, a transfer each minus the fee, each sees only their order", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signUp(page, {
    role: "buyer",
    name: "Cart Payer",
    email: uniqueEmail("payer"),
    password: "a good long password",
  });
  await addToCart(page, DEMO_PRODUCT.name, 2);
  await addToCart(page, BOB_PRODUCT);
  await toStripeCheckout(page);
  await expect(page.getByText(DEMO_PRODUCT.name)).toBeVisible();
  await fillCard(page, CARDS.visa);
  await payButton(page).click();
  await expect(page.getByTestId("cart-checkout-status")).toHaveText("Payment succeeded", { timeout: 45_000 });
  const id = checkoutIdOf(page);
  await expect(page.getByTestId("cart-checkout-line")).toHaveCount(2);
  const orderLinks = await page
    .getByRole("link", { name: /^Order/ })
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
  await page.goto("/cart");
  await expect(page.getByTestId("cart-empty")).toBeVisible();

  // Stripe's side: one platform charge, then one transfer per seller (made after the webhook).
  const stripe = emulatorStripe();
  await expect
    .poll(async () => (await stripe.transfers.list({ transfer_group: `cart_${id}` })).data.length, {
      timeout: 30_000,
    })
    .toBe(2);
  const transfers = (await stripe.transfers.list({ transfer_group: `cart_${id}` })).data;
  const total = transfers.reduce((sum, t) => sum + t.amount, 0);
  expect(total).toBeLessThan(2 * 2800 + 4500); // the platform kept its fee on each line
  expect(new Set(transfers.map((t) => t.destination)).size).toBe(2);

  // Each seller sees only their own order of the cart.
  await signOut(page);
  await signIn(page, DEMO.bob);
  const seen: number[] = [];
  for (const path of orderLinks) {
    const response = await page.goto(`/dashboard${path}`);
    seen.push(response?.status() ?? 0);
  }
  const bobOrderId = orderLinks[seen.indexOf(200)]!.split("/").pop()!;
  expect(seen.sort()).toEqual([200, 404]);

  // The admin refunds bob's line in full with the fee returned: the buyer is refunded on the platform's
  // payment, bob's transfer is reversed by his line minus the fee, alice's is untouched.
  await signOut(page);
  await signIn(page, DEMO.admin);
  await openAdminOrder(page, bobOrderId);
  await expect(
    page.getByText("Cart, Stripe Checkout: platform charge, then a transfer to the seller"),
  ).toBeVisible();
  await refundOrder(page, { amount: { all: true }, returnFee: true });
  // Nothing is left, so the form gives way; the refund row says what was taken back from bob's transfer.
  await expect(page.getByText("Nothing is left to refund on this order")).toBeVisible();
  await expect(page.getByTestId("refund-step")).toContainText("taken back from the seller's transfer (trr_");
  await expectRefundState(page, "refunded");
  // Settled once the platform's balance covered it (bob's reversal came back): the seller's net is nothing.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("admin-seller-net")).toContainText("refunded = $0.00", { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByTestId("admin-seller-transfer")).toContainText(
    /^tr_\w+: \$[\d.]+, \$[\d.]+ reversed$/,
  );
  const after = (await stripe.transfers.list({ transfer_group: `cart_${id}` })).data;
  const bobTransfer = after.find((t) => t.amount_reversed > 0)!;
  expect(after.filter((t) => t.amount_reversed > 0)).toHaveLength(1);
  expect(bobTransfer.amount_reversed).toBe(bobTransfer.amount); // his only line: all he was paid for it
  expect(after.find((t) => t.id !== bobTransfer.id)!.amount_reversed).toBe(0);

  // Bob's order page: refunded, the fee came back, he receives nothing; alice is not touched.
  await signOut(page);
  await signIn(page, DEMO.bob);
  await page.goto(`/dashboard/orders/${bobOrderId}`);
  await expect(page.getByTestId("seller-order-net")).toHaveText("$0.00");
});

test("a one-seller cart is a destination charge; a declined card and an abandoned session pay nothing", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signUp(page, {
    role: "buyer",
    name: "Cart Single",
    email: uniqueEmail("single"),
    password: "a good long password",
  });
  await addToCart(page, BOB_PRODUCT, 2);
  await toStripeCheckout(page);
  await fillCard(page, "4000 0000 0000 0002");
  await payButton(page).click();
  await expect(page.getByRole("alert")).toContainText(/declined/i);
  // Abandoned: back to the shop; the session expires, nothing is paid, the cart keeps its items.
  const sessionId = /cs_[A-Za-z0-9_]+/.exec(page.url())![0];
  const stripe = emulatorStripe();
  await stripe.checkout.sessions.expire(sessionId);
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  await page.goto(`/cart`);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  expect(
    (await stripe.transfers.list({ transfer_group: `cart_${session.client_reference_id}` })).data,
  ).toEqual([]);

  // Paid this time: a destination charge to bob with the platform's fee, Stripe's transfer.
  await toStripeCheckout(page);
  await fillCard(page, CARDS.visa);
  await payButton(page).click();
  await expect(page.getByTestId("cart-checkout-status")).toHaveText("Payment succeeded", { timeout: 45_000 });
  const paid = (await stripe.checkout.sessions.list({ limit: 5 })).data.find(
    (s) => s.client_reference_id === checkoutIdOf(page),
  );
  const intentId = typeof paid?.payment_intent === "string" ? paid.payment_intent : paid?.payment_intent?.id;
  const intent = await stripe.paymentIntents.retrieve(intentId!);
  expect(intent.transfer_data?.destination).toBeTruthy();
  expect(intent.application_fee_amount).toBeGreaterThan(0);
});
