import { expect, test } from "@playwright/test";
import { uniqueEmail } from "./support/auth";
import { control, webhooksSettled } from "./support/emulator";
import {
  CARDS,
  DEMO_PRODUCT,
  expectOrderStatus,
  openProduct,
  orderIdFromUrl,
  pay,
  payButton,
  paymentIntentsForOrder,
  startCheckout,
} from "./support/checkout";

test.describe("guest checkout with the Payment Element", () => {
  test("a guest pays with 4242 and lands on a succeeded order", async ({ page }) => {
    await openProduct(page, DEMO_PRODUCT.name);
    await startCheckout(page, 2);
    await expect(page.getByTestId("checkout-total")).toHaveText("$56.00");
    await expect(payButton(page)).toHaveText("Pay $56.00");

    await pay(page, CARDS.visa, uniqueEmail("guest"));
    await expectOrderStatus(page, "Payment succeeded");
    await expect(page).toHaveURL(/[?&]token=[A-Za-z0-9_-]{43}/);
    await expect(page.getByText("$56.00")).toBeVisible();
    await expect(page.getByText(DEMO_PRODUCT.seller)).toBeVisible();

    // A wrong token is somebody else's order: 404. No token at all: the sign-in page, nothing of the order.
    const orderId = orderIdFromUrl(page);
    const response = await page.goto(`/orders/${orderId}?token=${"x".repeat(43)}`);
    expect(response?.status()).toBe(404);
    await page.goto(`/orders/${orderId}`);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByText("$56.00")).toHaveCount(0);
  });

  test("a declined card (9995) shows Stripe's message and a retry with 4242 succeeds on the same order", async ({
    page,
  }) => {
    await openProduct(page, DEMO_PRODUCT.name);
    await startCheckout(page);
    const email = uniqueEmail("declined");
    await pay(page, CARDS.insufficientFunds, email);
    await expect(page.getByRole("alert").filter({ hasText: /insufficient funds/i })).toBeVisible();
    await expect(page).toHaveURL(/\/checkout\//);

    await pay(page, CARDS.visa);
    await expectOrderStatus(page, "Payment succeeded");
    const orderId = orderIdFromUrl(page);

    await expect(page.getByText(email)).toBeVisible();

    // The declined attempt and the retry were one order with one PaymentIntent: a failed charge, then a paid one.
    const intents = await paymentIntentsForOrder(orderId);
    expect(intents).toHaveLength(1);
    expect(intents[0]?.intent.status).toBe("succeeded");
    expect(intents[0]?.charges.map((c) => c.status).sort()).toEqual(["failed", "succeeded"]);
  });

  test("a 3-D Secure card (3155) passes the challenge", async ({ page }) => {
    await openProduct(page, DEMO_PRODUCT.name);
    await startCheckout(page);
    await pay(page, CARDS.threeDSecure, uniqueEmail("threeds"));
    const challenge = page.getByRole("dialog", { name: "3D Secure 2 Test Page" });
    await expect(challenge).toBeVisible();
    await challenge.getByRole("button", { name: "Complete authentication" }).click();
    await expectOrderStatus(page, "Payment succeeded");
  });

  test("a failed 3-D Secure challenge keeps the buyer on checkout to try again", async ({ page }) => {
    await openProduct(page, DEMO_PRODUCT.name);
    await startCheckout(page);
    await pay(page, CARDS.threeDSecure, uniqueEmail("threeds-fail"));
    await page
      .getByRole("dialog", { name: "3D Secure 2 Test Page" })
      .getByRole("button", { name: "Fail authentication" })
      .click();
    await expect(page.getByRole("alert").filter({ hasText: /authenticat/i })).toBeVisible();
    await expect(page).toHaveURL(/\/checkout\//);
    // Webhooks held: the redirect beats the payment_intent.succeeded event, as it can in production.
    // The order row says failed (its event was applied); the page must not call that final but ask
    // Stripe and wait.
    await expect.poll(webhooksSettled, { timeout: 15_000 }).toBe(true);
    await control("/delivery/pause", {});
    try {
      await pay(page, CARDS.visa);
      await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}/);
      await expect(page.getByTestId("order-status")).toHaveText("Confirming your payment");
      await expect(page.getByRole("link", { name: "Try another card" })).toHaveCount(0);
    } finally {
      await control("/delivery/resume", {});
    }
    await expectOrderStatus(page, "Payment succeeded");
  });
});
