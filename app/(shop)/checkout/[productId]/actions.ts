"use server";

import { validatedAction, type ActionState } from "@/lib/actions";
import { checkoutInputSchema, startCheckout, type CheckoutResult } from "@/lib/payments/checkout";

const run = validatedAction(
  { schema: checkoutInputSchema, roles: null, surface: "checkout" },
  async (input, user): Promise<ActionState<CheckoutResult>> => ({ ok: true, data: await startCheckout(user, input) }),
);

/**
 * Called by the checkout form after `elements.submit()`. Receives only the product, the quantity, the
 * page's checkout key and a guest's email (the schema drops anything else); the amount and the
 * application fee are computed on the server from the database. Guests allowed (`roles: null`).
 */
export async function startCheckoutAction(
  prev: ActionState<CheckoutResult> | undefined,
  input: FormData | Record<string, unknown>,
): Promise<ActionState<CheckoutResult>> {
  return run(prev, input);
}
