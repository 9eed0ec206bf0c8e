/**
 * The fake Stripe.js holds a deferred-intent Elements group to its `captureMethod` like Stripe.js does:
 * confirming a PaymentIntent whose capture_method differs fails, and nothing is confirmed. Driven in a real
 * Chromium through the harness page (real @stripe/stripe-js + @stripe/react-stripe-js), as a buyer would.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorForFile } from "./helpers";

const t = emulatorForFile();
let browser: Browser;

beforeAll(async () => {
  // Debian's Chromium when present (no browser downloads offline), else Playwright's own.
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
}, 30_000);
afterAll(() => browser?.close());

const FUTURE_EXPIRY = `12 / ${String((new Date().getFullYear() + 3) % 100).padStart(2, "0")}`;

/** Opens the deferred-flow harness with `query`, pays with 4242 and returns the page and its ids. */
async function payDeferred(query: string): Promise<{ page: Page; account: string; pi: string }> {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${t.url}/_emulator/harness/?view=payment&flow=deferred&redirect=if_required&${query}`);
  const piText = page.getByTestId("payment-intent-id");
  await piText.filter({ hasText: /^pi_/ }).waitFor();
  await page.getByTestId("payment-element-ready").waitFor({ state: "attached" });
  await page.getByLabel("Card number").fill("4242424242424242");
  await page.getByLabel("Expiration date").fill(FUTURE_EXPIRY);
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("ZIP / postal code").fill("94103");
  await page.getByRole("button", { name: "Pay $25.00" }).click();
  await page
    .getByRole("alert")
    .or(page.getByRole("status").filter({ hasText: /^Payment / }))
    .waitFor();
  return { page, account: await page.getByTestId("account-id").innerText(), pi: await piText.innerText() };
}

const statusOf = async (pi: string, account: string) =>
  (await t.stripe.paymentIntents.retrieve(pi, {}, { stripeAccount: account })).status;

describe("confirmPayment with a deferred-intent Elements group", () => {
  it('confirms a manual PaymentIntent from a group created with captureMethod "manual"', async () => {
    const { page, account, pi } = await payDeferred("intentCaptureMethod=manual&captureMethod=manual");
    await expect(
      page
        .getByRole("status")
        .filter({ hasText: /^Payment / })
        .innerText(),
    ).resolves.toBe(`Payment requires_capture: ${pi}`);
    expect(await statusOf(pi, account)).toBe("requires_capture");
    await page.close();
  }, 30_000);

  it("refuses a manual PaymentIntent from a group without captureMethod, and confirms nothing", async () => {
    const { page, account, pi } = await payDeferred("intentCaptureMethod=manual");
    const alert = await page.getByRole("alert").innerText();
    expect(alert).toContain(`The PaymentIntent ${pi} has capture_method "manual"`);
    expect(alert).toContain('captureMethod "automatic" (the default');
    expect(await statusOf(pi, account)).toBe("requires_payment_method");
    const charges = await t.stripe.charges.list({ payment_intent: pi }, { stripeAccount: account });
    expect(charges.data).toHaveLength(0);
    await page.close();
  }, 30_000);

  it('refuses an automatic PaymentIntent from a group with captureMethod "manual"', async () => {
    const { page, account, pi } = await payDeferred("captureMethod=manual");
    const alert = await page.getByRole("alert").innerText();
    expect(alert).toContain('capture_method "automatic_async"');
    expect(alert).toContain('captureMethod "manual"');
    expect(await statusOf(pi, account)).toBe("requires_payment_method");
    await page.close();
  }, 30_000);

  it('treats "automatic_async" and "automatic" as the same capture method', async () => {
    const { page, account, pi } = await payDeferred(
      "intentCaptureMethod=automatic&captureMethod=automatic_async",
    );
    await expect(
      page
        .getByRole("status")
        .filter({ hasText: /^Payment / })
        .innerText(),
    ).resolves.toBe(`Payment succeeded: ${pi}`);
    expect(await statusOf(pi, account)).toBe("succeeded");
    await page.close();
  }, 30_000);
});
