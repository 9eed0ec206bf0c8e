import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut, signUp, uniqueEmail } from "./support/auth";

test.describe("accounts and roles", () => {
  test("a buyer signs up, signs out, signs back in and reaches their orders", async ({ page }) => {
    const email = uniqueEmail("buyer");
    await signUp(page, { role: "buyer", name: "Pat Buyer", email, password: "a good long password" });
    await expect(page.getByRole("link", { name: "My orders" })).toBeVisible();
    await signOut(page);
    await signIn(page, { email, password: "a good long password" });
    await page.goto("/orders");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/orders$/);
  });

  test("a seller signs up and lands in the seller dashboard", async ({ page }) => {
    await signUp(page, {
      role: "seller",
      name: "Sam Seller",
      email: uniqueEmail("seller"),
      password: "a good long password",
      businessName: "Sam's Shop",
    });
    await expect(page).toHaveURL(/\/dashboard/);
    await expect(page.getByRole("link", { name: "Dashboard" })).toBeVisible();
  });

  test("sign-up refuses a taken email and a short password, and keeps the form", async ({ page }) => {
    await page.goto("/sign-up");
    await page.getByLabel("Name", { exact: true }).fill("Dup");
    await page.getByLabel("Email").fill(DEMO.buyer.email);
    await page.getByLabel("Password").fill("a good long password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("An account with this email already exists.").first()).toBeVisible();

    await page.getByLabel("Name", { exact: true }).fill("Short");
    await page.getByLabel("Email").fill(uniqueEmail("short"));
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at least 10 characters.").first()).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  });

  test("a wrong password shows an error", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(DEMO.buyer.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    // The form keeps the email (React resets a form after its action), the password is typed again.
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.buyer.email);
  });

  test("sign-out ends the session on the server: a copy of the cookie taken before it is refused after it", async ({
    page,
    browser,
    baseURL,
  }) => {
    const email = uniqueEmail("copied");
    await signUp(page, { role: "buyer", name: "Cy Copy", email, password: "a good long password" });
    const copied = (await page.context().cookies()).filter((c) => c.name.includes("authjs.session-token"));
    expect(copied).toHaveLength(1);
    await signOut(page);

    // Another browser presenting the copied cookie is a visitor who never signed in.
    const other = await browser.newContext({ baseURL });
    try {
      await other.addCookies(copied);
      const tab = await other.newPage();
      await tab.goto("/orders");
      await expect(tab).toHaveURL(/\/sign-in\?callbackUrl=/);
      await expect(tab.getByRole("link", { name: "Sign in" })).toBeVisible();
      expect(await (await tab.request.get("/api/auth/session")).json()).toBeNull();
    } finally {
      await other.close();
    }

    // Signing in again gives a session that works.
    await signIn(page, { email, password: "a good long password" });
    await page.goto("/orders");
    await expect(page).toHaveURL(/\/orders$/);
  });

  test("a buyer changes their password from the account page: a wrong current password is refused, then the new one works and the old does not", async ({
    page,
  }) => {
    const email = uniqueEmail("rotate");
    await signUp(page, { role: "buyer", name: "Ro Tate", email, password: "a good long password" });
    await page.getByRole("link", { name: /Ro Tate/ }).click();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

    await page.getByLabel("Current password").fill("a wrong password!");
    await page.getByLabel("New password", { exact: true }).fill("an even better password");
    await page.getByLabel("New password again").fill("an even better password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That is not your current password.")).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Current password").fill("a good long password");
    await page.getByLabel("New password", { exact: true }).fill("an even better password");
    await page.getByLabel("New password again").fill("an even better password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your password was changed.")).toBeVisible();
    await expect(page).toHaveURL(/\/account\?changed=1$/);

    await signOut(page);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a good long password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    await signIn(page, { email, password: "an even better password" });
    await page.goto("/account");
    await expect(page).toHaveURL(/\/account$/);
  });

  test("anonymous visitors are sent to sign-in and come back after", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await page.getByLabel("Email").fill(DEMO.alice.email);
    await page.getByLabel("Password").fill(DEMO.alice.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("the wrong role gets the 403 page, not a crash", async ({ page }) => {
    await signIn(page, DEMO.buyer);
    for (const path of ["/dashboard", "/admin"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    }
    await signOut(page);
    await signIn(page, DEMO.alice);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
  });

  test("an unknown page is a 404", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});
