import { z } from "zod";
import { quantityField } from "@/lib/payments/checkout-rules";

/* The cart's forms (their actions: app/cart/actions.ts). Quantities follow checkout's one rule: 1 to 99. */

const productId = z.uuid({ error: "Unknown product." });

export const cartLineSchema = z.object({ productId, quantity: quantityField });
export const removeCartLineSchema = z.object({ productId });
