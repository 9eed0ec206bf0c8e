import type Stripe from "stripe";
import { expect, type Page } from "@playwright/test";
import { emulatorStripe } from "./emulator";

/** Stripe's test cards (the emulator gives them the same outcomes). */
export const CARDS = {
  visa: "4242 4242 4242 4242",
  insufficientFunds: "4000 0000 0000 9995",
  threeDSecure: "4000 0025 0000 3155",
} as const;

/** Seed products (lib/seed/demo-data.ts) of the demo sellers alice and bob. */
export const DEMO_PRODUCT = { name: "Stoneware mug", seller: "Alice's Ceramics", price: "$28.00" } as const;

/** Finds a product through the shop's search and opens its page. */
export async function openProduct(page: Page, name: string) {
  await page.goto(`/shop?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** From a product page: choose a quantity and go to checkout. */
export async function startCheckout(page: Page, quantity = 1) {
  await page.getByLabel("Quantity").fill(String(quantity));
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page).toHaveURL(/\/checkout\//);
}

/** Fills the (fake, offline) Payment Element: a labelled card form inside an open shadow root. */
export async function fillCard(page: Page, number: string) {
  await page.getByLabel("Card number").fill(number);
  await page
    .getByLabel("Expiration date")
    .fill(`12 / ${String((new Date().getFullYear() + 3) % 100).padStart(2, "0")}`);
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel(/ZIP|postal code/i).fill("12345");
}

export function payButton(page: Page) {
  return page.getByRole("button", { name: /^Pay / });
}

/** Pays the checkout shown on the page with `card` (and `email` for a guest). */
export async function pay(page: Page, card: string, email?: string) {
  if (email) await page.getByLabel("Email").fill(email);
  await expect(payButton(page)).toBeEnabled();
  await fillCard(page, card);
  await payButton(page).click();
}

/** On the order page: waits until the webhook has moved the order to `title` (the page refreshes itself). */
export async function expectOrderStatus(page: Page, title: string) {
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId("order-status")).toHaveText(title, { timeout: 45_000 });
}

export function orderIdFromUrl(page: Page): string {
  const match = /\/orders\/([0-9a-f-]{36})/.exec(page.url());
  if (!match?.[1]) throw new Error(`not on an order page: ${page.url()}`);
  return match[1];
}

export { emulatorStripe };

/** Every PaymentIntent (on any connected account) made for our order, with its charges. */
export async function paymentIntentsForOrder(orderId: string) {
  const stripe = emulatorStripe();
  const found: { intent: Stripe.PaymentIntent; charges: Stripe.Charge[] }[] = [];
  for await (const account of stripe.accounts.list({ limit: 100 })) {
    const stripeAccount = account.id;
    for await (const intent of stripe.paymentIntents.list({ limit: 100 }, { stripeAccount })) {
      if (intent.metadata.order_id !== orderId) continue;
      const charges = [];
      for await (const charge of stripe.charges.list({ limit: 100 }, { stripeAccount })) {
        if (charge.payment_intent === intent.id) charges.push(charge);
      }
      found.push({ intent, charges });
    }
  }
  return found;
}
