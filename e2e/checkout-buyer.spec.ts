import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut, signUp, uniqueEmail } from "./support/auth";
import { webhooksSettled } from "./support/emulator";
import {
  CARDS,
  expectOrderStatus,
  openProduct,
  orderIdFromUrl,
  pay,
  paymentIntentsForOrder,
  startCheckout,
} from "./support/checkout";

test.describe("signed-in buyer checkout", () => {
  test("a signed-in buyer pays and sees the order in My orders; another buyer gets a 404", async ({
    page,
  }) => {
    await signIn(page, DEMO.buyer);
    await openProduct(page, "Commuter lights");
    await startCheckout(page, 1);
    // Signed-in buyers are not asked for an email: the receipt goes to their account's.
    await expect(page.getByText(`Receipt will be sent to ${DEMO.buyer.email}`)).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveCount(0);

    await pay(page, CARDS.visa);
    await expectOrderStatus(page, "Payment succeeded");
    const orderId = orderIdFromUrl(page);

    await page.getByRole("link", { name: "My orders" }).click();
    await expect(page.getByRole("heading", { name: "My orders" })).toBeVisible();
    const row = page.getByRole("row").filter({ has: page.locator(`a[href="/orders/${orderId}"]`) });
    await expect(row).toContainText("Commuter lights");
    await expect(row).toContainText("$45.00");
    await expect(row).toContainText("Payment succeeded");

    // The buyer's own order opens without a token.
    await row.getByRole("link", { name: "Commuter lights" }).click();
    await expectOrderStatus(page, "Payment succeeded");

    await signOut(page);
    await signUp(page, {
      role: "buyer",
      name: "Other Buyer",
      email: uniqueEmail("other"),
      password: "other-password-1",
    });
    const response = await page.goto(`/orders/${orderId}`);
    expect(response?.status()).toBe(404);
    await page.goto("/orders");
    await expect(page.getByText("You have no orders yet.")).toBeVisible();
  });

  test("a declined order waits in My orders with the reason; Try another card pays that same order", async ({
    page,
  }) => {
    await signIn(page, DEMO.buyer);
    await openProduct(page, "Handlebar bag");
    await startCheckout(page, 1);
    await pay(page, CARDS.insufficientFunds);
    await expect(page.getByRole("alert").filter({ hasText: /insufficient funds/i })).toBeVisible();
    // The buyer walks away; the payment_intent.payment_failed event marks the order failed.
    await expect.poll(webhooksSettled, { timeout: 15_000 }).toBe(true);

    await page.getByRole("link", { name: "My orders" }).click();
    const row = page
      .getByRole("row")
      .filter({ hasText: "Handlebar bag" })
      .filter({ hasText: "Payment failed" })
      .first();
    await expect(row).toBeVisible();
    await row.getByRole("link", { name: "Handlebar bag" }).click();
    await expectOrderStatus(page, "Payment failed");
    const orderId = orderIdFromUrl(page);
    await expect(page.getByText(/insufficient funds/i)).toBeVisible();

    await page.getByRole("link", { name: "Try another card" }).click();
    await expect(page).toHaveURL(/\/checkout\//);
    await pay(page, CARDS.visa);
    await expectOrderStatus(page, "Payment succeeded");
    expect(orderIdFromUrl(page)).toBe(orderId);
    const intents = await paymentIntentsForOrder(orderId);
    expect(intents).toHaveLength(1);
    expect(intents[0]?.charges.map((c) => c.status).sort()).toEqual(["failed", "succeeded"]);
  });

  test("a seller cannot buy from their own shop", async ({ page }) => {
    await signIn(page, DEMO.alice);
    await openProduct(page, "Serving bowl");
    await startCheckout(page);
    await expect(page.getByText("you cannot buy from your own shop")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);
  });
});
