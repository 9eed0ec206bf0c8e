import "server-only";
import { cache } from "react";
import { z } from "zod";
import { getAccountByUserId } from "@/db/queries/connected-accounts";
import {
  getProductOfSeller,
  insertProduct,
  listProductsBySeller,
  updateProductOfSeller,
} from "@/db/queries/products";
import type { Product } from "@/db/schema";
import { revalidateProduct } from "@/lib/cache";
import type { Seller } from "@/lib/guards";
import { AppError } from "@/lib/errors";
import { MAX_CHARGE_AMOUNT } from "@/lib/payments/checkout-rules";
import { minorToDecimalString, parseMoneyInput } from "@/lib/money";
import { minimumPrice, settlementCurrencyFor, STRIPE_MINIMUM } from "./minimum-price";

/*
 * Sellers manage their own catalogue. The seller is always the session user, a `Seller` the action or
 * page proved once; every write names the seller in its WHERE clause, so a product id of another
 * seller behaves exactly like an unknown one.
 */

export const PRODUCT_CURRENCIES = ["usd", "eur", "gbp", "cad", "aud"] as const;
export type ProductCurrency = (typeof PRODUCT_CURRENCIES)[number];

/** The currency a seller's form starts with, from their sign-up country. */
export function defaultCurrencyFor(country: string): ProductCurrency {
  return (
    ({ US: "usd", GB: "gbp", CA: "cad", AU: "aud" } as Record<string, ProductCurrency>)[country] ?? "eur"
  );
}

const captureLaterField = z
  .enum(["on", "off", "true", "false"], { message: "Choose whether to charge when you ship." })
  .transform((v) => v === "on" || v === "true")
  .optional();

export const productFormSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
    description: z.string().trim().max(2000, "Use at most 2000 characters.").default(""),
    // What the seller types ("12.50"); stored as integer minor units of the currency.
    price: z.string().trim().min(1, "Enter a price."),
    currency: z.enum(PRODUCT_CURRENCIES, { message: "Choose a currency." }),
    // "Charge when I ship" (lib/capture). The form sends "off" in a hidden field before the checkbox's
    // "on", so an unticked box still says so; absent (an API caller) leaves the product as it was.
    captureLater: captureLaterField,
  })
  .transform((input, ctx) => {
    const parsed = parseMoneyInput(input.price, input.currency);
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", path: ["price"], message });
      return z.NEVER;
    };
    // The shared parser speaks of refund "amounts"; here it is a price.
    if (!parsed.ok) return fail(parsed.message.replace("amounts", "prices").replace("amount", "price"));
    // The currency's own minimum here; the seller's account currency is checked by checkPriceForSeller.
    const min = STRIPE_MINIMUM[input.currency];
    if (parsed.minor < min)
      return fail(
        `The price must be at least ${minorToDecimalString(min, input.currency)} ${input.currency.toUpperCase()}.`,
      );
    if (parsed.minor > MAX_CHARGE_AMOUNT) {
      return fail(
        `The price must be at most ${minorToDecimalString(MAX_CHARGE_AMOUNT, input.currency)} ${input.currency.toUpperCase()}.`,
      );
    }
    return { ...input, price: parsed.minor };
  });
export type ProductInput = z.output<typeof productFormSchema>;

export const productIdSchema = z.uuid("Unknown product.");

export const updateProductSchema = z.intersection(
  z.object({ productId: productIdSchema }),
  productFormSchema,
);

export const productActiveSchema = z.object({
  productId: productIdSchema,
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

function notFound(): AppError {
  return new AppError("not_found:product", "This product does not exist or is not yours.");
}

export async function listSellerProducts(seller: Seller): Promise<Product[]> {
  return listProductsBySeller({ sellerId: seller.id });
}

/** The edit page's layout (its 404 check) and the page both ask: one read per request. */
const productOfSeller = cache((id: string, sellerId: string) => getProductOfSeller({ id, sellerId }));

export async function getSellerProduct(seller: Seller, productId: string): Promise<Product> {
  const parsed = productIdSchema.safeParse(productId);
  const product = parsed.success ? await productOfSeller(parsed.data, seller.id) : undefined;
  if (!product) throw notFound();
  return product;
}

/**
 * A price must also reach Stripe's minimum after conversion to the currency the seller's Stripe account
 * settles in (minimum-price.ts): otherwise every checkout of the product would be refused. The account's
 * country decides it; before the seller has an account, their sign-up country (what it will be created with).
 */
async function checkPriceForSeller(
  seller: Seller,
  input: Pick<ProductInput, "price" | "currency">,
): Promise<void> {
  const account = await getAccountByUserId({ userId: seller.id });
  const settlement = settlementCurrencyFor(account?.country ?? seller.country);
  const min = minimumPrice(input.currency, settlement);
  if (input.price >= min) return;
  const floor = `${minorToDecimalString(min, input.currency)} ${input.currency.toUpperCase()}`;
  const message =
    input.currency === settlement
      ? `The price must be at least ${floor}.`
      : `The price must be at least ${floor} for your Stripe account, which is paid out in ${settlement.toUpperCase()}: Stripe refuses payments worth less than ${minorToDecimalString(STRIPE_MINIMUM[settlement], settlement)} ${settlement.toUpperCase()} after conversion (this minimum leaves some room for exchange rates).`;
  throw new AppError("unprocessable:product", message, { fieldErrors: { price: [message] } });
}

export async function createSellerProduct(seller: Seller, input: ProductInput): Promise<Product> {
  await checkPriceForSeller(seller, input);
  const product = await insertProduct({ sellerId: seller.id, ...input });
  revalidateProduct(product.id);
  return product;
}

export async function updateSellerProduct(
  seller: Seller,
  productId: string,
  input: ProductInput,
): Promise<Product> {
  // Another seller's product is "not found" before anything is said about its price.
  if (!(await getProductOfSeller({ id: productId, sellerId: seller.id }))) throw notFound();
  await checkPriceForSeller(seller, input);
  const product = await updateProductOfSeller({ id: productId, sellerId: seller.id, values: input });
  if (!product) throw notFound();
  revalidateProduct(product.id);
  return product;
}

/** Deactivated products leave the shop at once; their orders and order pages stay as they were. */
export async function setSellerProductActive(
  seller: Seller,
  productId: string,
  active: boolean,
): Promise<Product> {
  const product = await updateProductOfSeller({ id: productId, sellerId: seller.id, values: { active } });
  if (!product) throw notFound();
  revalidateProduct(product.id);
  return product;
}

/** The price as the edit form shows it again ("12.50"). */
export function priceInputValue(product: Pick<Product, "price" | "currency">): string {
  return minorToDecimalString(product.price, product.currency);
}
