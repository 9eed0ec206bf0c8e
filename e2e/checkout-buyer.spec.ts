import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut, signUp, uniqueEmail } from "./support/auth";
import { CARDS, expectOrderStatus, openProduct, orderIdFromUrl, pay, startCheckout } from "./support/checkout";

test.describe("signed-in buyer checkout", () => {
  test("a signed-in buyer pays and sees the order in My orders; another buyer gets a 404", async ({ page }) => {
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
    await signUp(page, { role: "buyer", name: "Other Buyer", email: uniqueEmail("other"), password: "other-password-1" });
    const response = await page.goto(`/orders/${orderId}`);
    expect(response?.status()).toBe(404);
    await page.goto("/orders");
    await expect(page.getByText("You have no orders yet.")).toBeVisible();
  });

  test("a seller cannot buy from their own shop", async ({ page }) => {
    await signIn(page, DEMO.alice);
    await openProduct(page, "Serving bowl");
    await startCheckout(page);
    await expect(page.getByText("you cannot buy from your own shop")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);
  });
});
