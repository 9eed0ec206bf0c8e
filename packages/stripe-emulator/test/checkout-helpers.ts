import type Stripe from "stripe";

/* A cart's Checkout Session parameters, shared by the Checkout Session test files. */

export const item = (name: string, unitAmount: number, quantity = 1, currency = "usd") => ({
  price_data: { currency, unit_amount: unitAmount, product_data: { name } },
  quantity,
});

export function cart(
  extra: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [item("Mug", 1500, 2), item("Poster", 2000)],
    success_url: "https://shop.example/success?session={CHECKOUT_SESSION_ID}",
    cancel_url: "https://shop.example/cart",
    ...extra,
  };
}
