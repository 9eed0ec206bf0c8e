import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/auth";
import {
  CARDS,
  DEMO_PRODUCT,
  expectOrderStatus,
  fillCard,
  openProduct,
  pay,
  payButton,
  startCheckout,
} from "./support/checkout";

/*
 * At 390×844 (a phone) no page of the buyer, seller or admin journeys scrolls sideways:
 * document.documentElement.scrollWidth stays within the viewport. Every page is checked (soft
 * assertions), and a failure names the elements that stick out.
 */

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

/** Waits for the page to settle (embedded components load after `load`), then measures it. */
async function overflow(page: Page): Promise<{ scrollWidth: number; wide: string[] }> {
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
  return page.evaluate((limit) => {
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > limit + 0.5))
      .slice(0, 5)
      .map((el) => {
        const cls = typeof el.className === "string" ? el.className.split(/\s+/).slice(0, 3).join(".") : "";
        return `${el.tagName.toLowerCase()}${cls ? "." + cls : ""} (right ${Math.round(el.getBoundingClientRect().right)}px)`;
      });
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  }, PHONE.width);
}

async function expectFits(page: Page, label = new URL(page.url()).pathname) {
  const { scrollWidth, wide } = await overflow(page);
  expect
    .soft(scrollWidth, `${label} is ${scrollWidth}px wide at ${PHONE.width}px: ${wide.join(", ")}`)
    .toBeLessThanOrEqual(PHONE.width);
}

async function visit(page: Page, paths: readonly string[]) {
  for (const path of paths) {
    await page.goto(path);
    await expectFits(page, path);
  }
}

test("buyer pages (signed out) fit a phone", async ({ page }) => {
  await visit(page, [
    "/",
    "/shop",
    "/shop?q=mug",
    "/sign-in",
    "/sign-up",
    "/sign-up?role=seller",
    "/no-such-page",
  ]);
  await openProduct(page, DEMO_PRODUCT.name);
  await expectFits(page, "product page");
  const sellerHref = await page.getByRole("link", { name: DEMO_PRODUCT.seller }).first().getAttribute("href");
  await startCheckout(page);
  await expectFits(page, "checkout (guest)");
  if (sellerHref) await visit(page, [sellerHref]);
});

test("buyer pages (signed in) fit a phone, down to a paid order", async ({ page }) => {
  await signIn(page, DEMO.buyer);
  await openProduct(page, DEMO_PRODUCT.name);
  await startCheckout(page);
  await expectFits(page, "checkout (signed in)");
  await pay(page, CARDS.visa);
  await expectOrderStatus(page, "Payment succeeded");
  await expectFits(page, "order page");
  // A cart with a line in it (quantity, Update, Remove, Buy now on one row where they fit).
  await openProduct(page, DEMO_PRODUCT.name);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to your cart" })).toBeVisible();
  await visit(page, ["/orders", "/account", "/account/payment-methods", "/cart"]);
  // The cart paid through Stripe Checkout (the emulator's page), back on our result page.
  await page.getByRole("button", { name: /with Stripe Checkout$/ }).click();
  await expect(page).toHaveURL(/\/_emulator\/hosted\/checkout\//);
  await fillCard(page, CARDS.visa);
  await payButton(page).click();
  await expect(page.getByTestId("cart-checkout-status")).toHaveText("Payment succeeded", { timeout: 45_000 });
  await expectFits(page, "cart checkout result");
});

test("seller pages fit a phone", async ({ page }) => {
  await signIn(page, DEMO.alice);
  await visit(page, [
    "/dashboard",
    "/dashboard/products",
    "/dashboard/orders",
    "/dashboard/payments",
    "/dashboard/payouts",
    "/dashboard/settings",
  ]);
  await page.goto("/dashboard/products");
  const product = await page.locator('a[href^="/dashboard/products/"]').first().getAttribute("href");
  if (product) await visit(page, [product]);
  // A "charge when I ship" order (e2e/capture-later.spec.ts leaves alice some) with its outcome card.
  // Run alone, there is none: the page list above still covers /dashboard/orders itself.
  await page.goto("/dashboard/orders");
  const orders = page.locator('a[href^="/dashboard/orders/"]');
  const order = (await orders.count()) > 0 ? await orders.first().getAttribute("href") : null;
  if (order) await visit(page, [order]);
});

test("admin pages fit a phone", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await visit(page, [
    "/admin",
    "/admin/sellers",
    "/admin/orders",
    "/admin/events",
    "/admin/audit",
    "/admin/jobs",
    "/admin/disputes",
    "/admin/stripe-app",
  ]);
  await page.goto("/admin/orders");
  const order = await page.locator('a[href^="/admin/orders/"]').first().getAttribute("href");
  if (order) await visit(page, [order]);
  await page.goto("/admin/sellers");
  const seller = await page.locator('a[href^="/admin/sellers/"]').first().getAttribute("href");
  expect(seller).toMatch(/^\/admin\/sellers\/[0-9a-f-]{36}$/);
  await visit(page, [seller!]);
});
