import { expect, test } from "@playwright/test";
import { ADMIN_PAGES } from "./support/admin";
import { DEMO, signIn } from "./support/auth";

test.describe("admin console access", () => {
  test("anonymous visitors are sent to sign-in", async ({ page }) => {
    for (const path of ADMIN_PAGES) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    }
  });

  for (const who of ["buyer", "alice"] as const) {
    test(`a ${who === "alice" ? "seller" : "buyer"} gets the 403 page on every admin page`, async ({
      page,
    }) => {
      await signIn(page, DEMO[who]);
      for (const path of ADMIN_PAGES) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
        await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
      }
    });
  }

  test("an admin sees every page of the console", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Marketplace overview" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Admin" });
    await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await nav.getByRole("link", { name: "Sellers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sellers" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Alice's Ceramics" })).toBeVisible();
    await nav.getByRole("link", { name: "Orders" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
    await page.getByLabel("State").selectOption("refunded");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/state=refunded/);
    await nav.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await nav.getByRole("link", { name: "Events" }).click();
    await expect(page).toHaveURL(/\/admin\/events$/);
    await expect(page.getByRole("heading", { level: 1, name: "Stripe events" })).toBeVisible();
  });
});
