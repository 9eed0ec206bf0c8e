import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/auth";

/*
 * Loading states without lying statuses. A segment's loading.tsx is a Suspense boundary: once its fallback
 * has streamed, the response is a 200 and a notFound()/forbidden() from a page below can only render the
 * not-found UI. So the 403 checks live in the admin and dashboard layouts (above every loading boundary),
 * the 404 checks of [id] pages in a layout of their own above that segment's loading.tsx, and the admin
 * and dashboard overviews have theirs in an (overview) route group that wraps no [id] page. Checkout has
 * none: its 404s and its redirect to a paid order depend on the query (?order=&token=), which only the
 * page sees (its slow part, Stripe.js, has its own "Loading the payment form…").
 */

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

async function expectStatus(page: Page, path: string, status: number, heading: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

/**
 * Navigates with the nav link while the server is slow to answer that page (its RSC request held for a
 * moment), and expects the segment's loading state in the meantime, then the page.
 */
async function expectLoadingState(page: Page, link: string, path: RegExp, label: string, heading: RegExp) {
  await page.route(path, async (route) => {
    const headers = route.request().headers();
    const prefetch = Object.keys(headers).some((name) => name.includes("prefetch"));
    if (headers.rsc && !prefetch) await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue();
  });
  const nav = page.getByRole("navigation", { name: /^(Admin|Seller dashboard)$/ });
  // Next prefetches a link's loading state when it is shown; hovering makes sure it has.
  await nav.getByRole("link", { name: link, exact: true }).hover();
  await page.waitForLoadState("networkidle");
  await nav.getByRole("link", { name: link, exact: true }).click();
  await expect(page.getByTestId("route-loading")).toContainText(label);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByTestId("route-loading")).toHaveCount(0);
  await page.unrouteAll({ behavior: "wait" });
}

test.describe("statuses stay real with loading states", () => {
  test("an admin: unknown orders are 404; the overview, sellers and order pages have loading states", async ({
    page,
  }) => {
    await signIn(page, DEMO.admin);
    await expectStatus(page, `/admin/orders/${UNKNOWN}`, 404, "Page not found");
    await expectStatus(page, "/admin/orders/not-an-order", 404, "Page not found");
    await expectStatus(page, "/admin/events", 200, "Stripe events");
    await expectLoadingState(page, "Sellers", /\/admin\/sellers/, "Loading the sellers…", /^Sellers$/);
    await expectLoadingState(page, "Overview", /\/admin(\?|$)/, "Loading the admin overview…", /overview/i);
  });

  test("a buyer: an unknown order is 404, admin and dashboard pages are 403", async ({ page }) => {
    await signIn(page, DEMO.buyer);
    await expectStatus(page, `/orders/${UNKNOWN}`, 404, "Page not found");
    for (const path of [
      "/admin",
      "/admin/sellers",
      `/admin/orders/${UNKNOWN}`,
      "/dashboard",
      "/dashboard/payouts",
      `/dashboard/orders/${UNKNOWN}`,
    ])
      await expectStatus(page, path, 403, "You don't have access to this page");
  });

  test("a seller: another's or no order/product is 404; the dashboard pages have loading states", async ({
    page,
  }) => {
    await signIn(page, DEMO.alice);
    await expectStatus(page, `/dashboard/orders/${UNKNOWN}`, 404, "Page not found");
    await expectStatus(page, `/dashboard/products/${UNKNOWN}`, 404, "Page not found");
    await expectStatus(page, "/dashboard/settings", 200, "Settings");
    await expectLoadingState(page, "Payouts", /\/dashboard\/payouts/, "Loading your payouts…", /^Payouts$/);
    await expectLoadingState(page, "Overview", /\/dashboard(\?|$)/, "Loading your dashboard…", /Alice/);
  });

  test("checkout of an unknown or malformed product is 404", async ({ page }) => {
    await expectStatus(page, `/checkout/${UNKNOWN}`, 404, "Page not found");
    await expectStatus(page, "/checkout/not-a-product", 404, "Page not found");
  });
});
