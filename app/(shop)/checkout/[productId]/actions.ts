"use server";

import { headers } from "next/headers";
import { validatedAction, type ActionState } from "@/lib/actions";
import { checkoutInputSchema, startCheckout, type CheckoutActionData } from "@/lib/payments/checkout";
import { PriceChangedError } from "@/lib/payments/checkout-rules";
import { reserveCheckoutAttempt } from "@/lib/security/money-throttle";
import { clientIp } from "@/lib/security/throttle";

/**
 * Called by the checkout form after `elements.submit()`. Receives only the product, the quantity, the
 * page's checkout key, a guest's email and the price the page showed (the schema drops anything else);
 * the amount and the application fee are computed on the server from the database, and the shown
 * price is only compared with them. Guests allowed (`roles: null`).
 */
export const startCheckoutAction = validatedAction(
  { schema: checkoutInputSchema, roles: null, surface: "checkout" },
  async (input, user): Promise<ActionState<CheckoutActionData>> => {
    const allowed = await reserveCheckoutAttempt({
      ip: clientIp(await headers()),
      checkoutKey: input.checkoutKey,
    });
    if (!allowed.ok) return { ok: false, message: allowed.message };
    try {
      return { ok: true, data: await startCheckout(user, input) };
    } catch (error) {
      // Nothing was charged: hand the page the price to show, so the buyer can pay it with one click.
      if (error instanceof PriceChangedError)
        return { ok: false, message: error.message, data: { kind: "price_changed", price: error.current } };
      throw error;
    }
  },
);
