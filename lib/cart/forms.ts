import { z } from "zod";
import { formNumber } from "@/lib/form-number";
import { quantityField } from "@/lib/payments/checkout-rules";

/* The cart's forms (their actions: app/cart/actions.ts). Quantities follow checkout's one rule: 1 to 99. */

const productId = z.uuid({ error: "Unknown product." });

export const cartLineSchema = z.object({ productId, quantity: quantityField });
export const removeCartLineSchema = z.object({ productId });

/** "Pay with Stripe Checkout": the total the cart page showed (the honest-price rule) and a guest's email. */
export const payCartSchema = z.object({
  checkoutKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "Reload the page and try again."),
  shownTotal: formNumber(z.number({ error: "Reload the page and try again." }).int().nonnegative()),
  shownCurrency: z.string().regex(/^[a-z]{3}$/),
  email: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.email({ error: "Enter a valid email address." }).optional()),
});
