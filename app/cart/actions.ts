"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { validatedAction, type ActionState } from "@/lib/actions";
import { addToCart, cartItemCount, removeFromCart, setCartQuantity } from "@/lib/cart/cart";
import { startCartCheckout } from "@/lib/cart/checkout";
import { cartLineSchema, payCartSchema, removeCartLineSchema } from "@/lib/cart/forms";

/*
 * The cart, for anyone: a signed-in user's cart or this browser's guest cart (lib/cart). The form only
 * names a product: whose cart it changes comes from the session or the cart cookie, never from the form.
 */

/** Every page's header shows the cart's count. */
const changed = () => revalidatePath("/", "layout");

export const addToCartAction = validatedAction(
  { schema: cartLineSchema, roles: null, surface: "cart" },
  async (input, user): Promise<ActionState<{ count: number }>> => {
    await addToCart(user, input);
    changed();
    const count = await cartItemCount(user);
    return {
      ok: true,
      message: `Added to your cart (${count} ${count === 1 ? "item" : "items"}).`,
      data: { count },
    };
  },
);

export const updateCartLineAction = validatedAction(
  { schema: cartLineSchema, roles: null, surface: "cart" },
  async (input, user): Promise<ActionState> => {
    await setCartQuantity(user, input);
    changed();
    return { ok: true, message: "Quantity updated." };
  },
);

export const removeCartLineAction = validatedAction(
  { schema: removeCartLineSchema, roles: null, surface: "cart" },
  async (input, user): Promise<ActionState> => {
    await removeFromCart(user, input);
    changed();
    return { ok: true, message: "Removed from your cart." };
  },
);

/** "Pay with Stripe Checkout": records the orders and sends the buyer to Stripe's payment page. */
export const payCartAction = validatedAction(
  {
    schema: payCartSchema,
    roles: null,
    surface: "cart_checkout",
    refusal: (raw) => ({ data: { email: typeof raw.email === "string" ? raw.email.slice(0, 254) : "" } }),
  },
  async (input, user): Promise<ActionState<{ email: string }>> => {
    const { url } = await startCartCheckout(user, input);
    redirect(url);
  },
);
