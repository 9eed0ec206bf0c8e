import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, uniqueEmail } from "./support/auth";
import { CARDS, DEMO_PRODUCT, expectOrderStatus, openProduct, pay, startCheckout } from "./support/checkout";

/*
 * The screenshot set under docs/screenshots/ (desktop 1280×800 and phone 390×844), indexed by its README.
 *   SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts   → (re)writes the PNGs
 * Without SCREENSHOTS=1 the spec checks that the committed set is complete and indexed: every shot this
 * spec takes is on disk and in the README, and nothing else is.
 */

const DIR = path.join(process.cwd(), "docs", "screenshots");
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type Viewport = keyof typeof VIEWPORTS;

/** Each shot: a name and how to get the page there (from a fresh, signed-out page). */
const SHOTS: { name: string; open: (page: Page) => Promise<void> }[] = [
  { name: "home", open: (page) => page.goto("/").then(() => undefined) },
  { name: "shop", open: (page) => page.goto("/shop").then(() => undefined) },
  { name: "product", open: (page) => openProduct(page, DEMO_PRODUCT.name) },
  {
    name: "checkout",
    open: async (page) => {
      await openProduct(page, DEMO_PRODUCT.name);
      await startCheckout(page);
      await expect(page.getByRole("button", { name: /^Pay / })).toBeEnabled();
    },
  },
  {
    name: "order",
    open: async (page) => {
      await openProduct(page, DEMO_PRODUCT.name);
      await startCheckout(page);
      await pay(page, CARDS.visa, uniqueEmail("screenshot"));
      await expectOrderStatus(page, "Payment succeeded");
    },
  },
  { name: "sign-in", open: (page) => page.goto("/sign-in").then(() => undefined) },
  {
    name: "seller-dashboard",
    open: async (page) => {
      await signIn(page, DEMO.alice);
      await page.goto("/dashboard");
    },
  },
  {
    name: "seller-payments",
    open: async (page) => {
      await signIn(page, DEMO.alice);
      await page.goto("/dashboard/payments");
    },
  },
  {
    name: "admin",
    open: async (page) => {
      await signIn(page, DEMO.admin);
      await page.goto("/admin");
    },
  },
  {
    name: "admin-orders",
    open: async (page) => {
      await signIn(page, DEMO.admin);
      await page.goto("/admin/orders");
    },
  },
];

const files = SHOTS.flatMap(({ name }) =>
  (Object.keys(VIEWPORTS) as Viewport[]).map((viewport) => `${name}-${viewport}.png`),
);

if (process.env.SCREENSHOTS === "1") {
  for (const viewport of Object.keys(VIEWPORTS) as Viewport[]) {
    test.describe(`screenshots (${viewport})`, () => {
      test.use({ viewport: VIEWPORTS[viewport] });
      for (const shot of SHOTS) {
        test(shot.name, async ({ page }) => {
          await shot.open(page);
          await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
          await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
          mkdirSync(DIR, { recursive: true });
          await page.screenshot({
            path: path.join(DIR, `${shot.name}-${viewport}.png`),
            animations: "disabled",
            caret: "hide",
          });
        });
      }
    });
  }
} else {
  test("the committed screenshot set is complete and indexed (SCREENSHOTS=1 rewrites it)", () => {
    const readme = readFileSync(path.join(DIR, "README.md"), "utf8");
    const missing = files.filter((file) => !existsSync(path.join(DIR, file)));
    expect(missing, "run SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts").toEqual([]);
    expect(
      files.filter((file) => !readme.includes(`(${file})`)),
      "not linked from docs/screenshots/README.md",
    ).toEqual([]);
    const stray = readdirSync(DIR).filter((file) => file.endsWith(".png") && !files.includes(file));
    expect(stray, "PNGs this spec no longer takes").toEqual([]);
    for (const file of files) {
      const png = readFileSync(path.join(DIR, file));
      expect(png.subarray(1, 4).toString("latin1"), file).toBe("PNG");
      expect(png.length, file).toBeGreaterThan(5_000);
    }
  });
}
