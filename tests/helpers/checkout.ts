import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db/client";
import { insertAccountForUser, markAccountDisconnected } from "@/db/queries/connected-accounts";
import { insertProduct, type NewProduct } from "@/db/queries/products";
import { getFeeSettings } from "@/db/queries/settings";
import {
  connectedAccounts,
  orders,
  products,
  type ConnectedAccount,
  type Product,
  type User,
} from "@/db/schema";
import { expressAccountParams } from "@/lib/connect/accounts";
import { accountStatusFromStripe } from "@/lib/connect/account-status";
import { checkoutInputSchema, type CheckoutInput, type CheckoutResult } from "@/lib/payments/checkout";
import { newCheckoutKey } from "@/lib/payments/checkout-page";
import { computeApplicationFee, resolveFeeRule } from "@/lib/payments/fees";
import { control, testStripe } from "./emulator";
import { createTestUser } from "./users";

/**
 * Sellers for checkout tests: a seller user with an Express account created in the emulator (platform
 * controls fees and losses, Express dashboard), optionally onboarded so it can charge, and the
 * connected_accounts row the app reads.
 */
export async function createTestSeller(
  options: { onboarded?: boolean; seller?: User } = {},
): Promise<{ seller: User; account: ConnectedAccount }> {
  const seller = options.seller ?? (await createTestUser("seller"));
  const stripe = testStripe();
  const created = await stripe.accounts.create(expressAccountParams(seller), {
    idempotencyKey: `test-account-${seller.id}`,
  });
  if (options.onboarded !== false) await control(`/accounts/${created.id}/onboard`, {});
  const account = await stripe.accounts.retrieve(created.id);
  const row = await insertAccountForUser({
    userId: seller.id,
    stripeAccountId: account.id,
    status: accountStatusFromStripe(account),
    stripeStateAt: Math.floor(Date.now() / 1000),
  });
  return { seller, account: row };
}

export async function createTestProduct(
  sellerId: string,
  overrides: Partial<NewProduct> & { createdAt?: Date } = {},
): Promise<Product> {
  const product = await insertProduct({
    sellerId,
    name: overrides.name ?? `Test product ${Math.random().toString(36).slice(2, 8)}`,
    description: overrides.description ?? "A product made for a test.",
    price: overrides.price ?? 2500,
    currency: overrides.currency ?? "usd",
  });
  if (!overrides.createdAt) return product;
  // Rows inserted back to back can share a timestamp (PGlite's clock is coarse): ordering tests set it.
  const [dated] = await db
    .update(products)
    .set({ createdAt: overrides.createdAt })
    .where(eq(products.id, product.id))
    .returning();
  return dated ?? product;
}

export async function deactivateProduct(id: string): Promise<void> {
  await db.update(products).set({ active: false }).where(eq(products.id, id));
}

export async function disconnectAccount(stripeAccountId: string): Promise<void> {
  await markAccountDisconnected({ stripeAccountId, at: new Date() });
}

export async function setFeeOverride(
  stripeAccountId: string,
  override: { feeBpsOverride: number | null; feeFixedOverride: number | null },
): Promise<void> {
  await db
    .update(connectedAccounts)
    .set(override)
    .where(eq(connectedAccounts.stripeAccountId, stripeAccountId));
}

/** Simulates a crash between Stripe creating the PaymentIntent and us storing its id. */
export async function forgetPaymentIntent(orderId: string): Promise<void> {
  await db.update(orders).set({ paymentIntentId: null }).where(eq(orders.id, orderId));
}

/** A fresh seller (own emulator account, so its PaymentIntents are only this test's) with one product. */
export async function shopWithProduct(options: { onboarded?: boolean; price?: number; seller?: User } = {}) {
  const { seller, account } = await createTestSeller({
    onboarded: options.onboarded,
    seller: options.seller,
  });
  const product = await createTestProduct(seller.id, { price: options.price ?? 2800 });
  return { seller, account, product };
}

/**
 * What the checkout form submits for a guest, as raw fields, with a fresh checkout key and the price its
 * page showed (the product's price for the quantity submitted; `extra` may override any of it, with
 * values the schema refuses too). Tests of those refusals hand it to the action.
 */
export function guestFields(
  product: Pick<Product, "id" | "price" | "currency">,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const quantity = extra.quantity ?? 2;
  const shownQuantity = typeof quantity === "number" && Number.isInteger(quantity) ? quantity : 1;
  return {
    productId: product.id,
    quantity,
    checkoutKey: newCheckoutKey(),
    email: "guest@example.com",
    ...shownPriceOf(product, shownQuantity),
    ...extra,
  };
}

/**
 * The same fields parsed as the checkout action parses them (trimmed email, numbers, nothing extra):
 * what `startCheckout` receives. Throws on fields the schema refuses.
 */
export function guestInput(
  product: Pick<Product, "id" | "price" | "currency">,
  extra: Record<string, unknown> = {},
): CheckoutInput {
  return checkoutInputSchema.parse(guestFields(product, extra));
}

/** The shown-price fields of a checkout page for `quantity` of `product` at its price now. */
export function shownPriceOf(product: Pick<Product, "price" | "currency">, quantity: number) {
  return {
    shownUnitAmount: product.price,
    shownAmount: product.price * quantity,
    shownCurrency: product.currency,
  };
}

export async function paymentIntentsOn(account: ConnectedAccount): Promise<Stripe.PaymentIntent[]> {
  return (await testStripe().paymentIntents.list({ limit: 100 }, { stripeAccount: account.stripeAccountId }))
    .data;
}

export function confirmOf(result: CheckoutResult) {
  if (result.kind !== "confirm") throw new Error(`expected a client secret, got ${result.kind}`);
  return result;
}

/** The fee the platform settings (and the seller's override) give for `amount`. */
export async function expectedFee(amount: number, account: ConnectedAccount): Promise<number> {
  return computeApplicationFee(amount, resolveFeeRule(await getFeeSettings(), account));
}
