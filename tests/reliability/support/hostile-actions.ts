import type { z } from "zod";
import { formDataToObject, type ActionState } from "@/lib/actions";
import { cartLineSchema } from "@/lib/cart/forms";
import { cancelFormSchema } from "@/lib/capture/forms";
import { productActiveSchema, productFormSchema, updateProductSchema } from "@/lib/products/seller-products";
import { signUpSchema } from "@/lib/users/sign-up";
import { toFormData } from "./hostile";
import { ADMIN, BUYER, SELLER } from "./hostile-routes";

/** A server action under hostile input. Callers are indexed as for routes (2 = the seller). */
export interface ActionTarget {
  name: string;
  fields: string[];
  /**
   * Whether this input from this caller is hostile. What a legitimate caller could send and get
   * accepted (a seller adding a valid product) is not, and the run is skipped.
   */
  hostile?: (
    input: Record<string, unknown>,
    ctx: { caller: number; pools: Record<string, string[]> },
  ) => boolean;
  call: (input: Record<string, unknown>, asForm: boolean) => Promise<ActionState<unknown>>;
}

/** What the action's own schema makes of the input, sent as a browser form would send it. */
function parsed<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.infer<S> | undefined {
  const result = schema.safeParse(formDataToObject(toFormData(input)));
  return result.success ? result.data : undefined;
}

/** A form, or (a forged call) the raw object: validatedAction must refuse both the same way. */
const formOrObject = (input: Record<string, unknown>, asForm: boolean) =>
  (asForm ? toFormData(input) : input) as FormData;

/** Legitimate for the seller: a valid form about a product of their own (pools.sellerProductId). */
function sellersOwnProduct(schema: typeof updateProductSchema | typeof productActiveSchema) {
  return (
    input: Record<string, unknown>,
    { caller, pools }: { caller: number; pools: Record<string, string[]> },
  ) => {
    const data = caller === SELLER ? parsed(schema, input) : undefined;
    return !(data && (pools.sellerProductId ?? []).includes(data.productId));
  };
}

export const ACTIONS: ActionTarget[] = [
  {
    name: "sign-up",
    fields: ["name", "email", "password", "role", "country", "businessName"],
    // A well-formed sign-up with a fresh email is a real sign-up: only taken emails stay in.
    hostile: (input, { pools }) => {
      const data = parsed(signUpSchema, input);
      return (
        !data || (pools.email ?? []).some((e) => e.trim().toLowerCase() === data.email.trim().toLowerCase())
      );
    },
    call: async (input) =>
      (await import("@/app/(auth)/sign-up/actions")).signUpAction(undefined, toFormData(input)),
  },
  {
    name: "sign-in",
    fields: ["email", "password", "callbackUrl"],
    call: async (input) =>
      (await import("@/app/(auth)/sign-in/actions")).signInAction(undefined, toFormData(input)),
  },
  {
    name: "checkout",
    fields: ["productId", "quantity", "checkoutKey", "email", "savedCard"],
    call: async (input, asForm) =>
      (await import("@/app/(shop)/checkout/[productId]/actions")).startCheckoutAction(
        undefined,
        asForm ? toFormData(input) : input,
      ),
  },
  {
    name: "admin refund",
    fields: ["orderId", "amount", "reason", "refundApplicationFee"],
    call: async (input) =>
      (await import("@/app/admin/orders/[id]/actions")).refundOrderAction(undefined, toFormData(input)),
  },
  {
    // pools.authorizedOrderId is another seller's authorised order: an admin may release it, no one else.
    name: "admin cancel authorisation",
    fields: ["orderId", "reason", "confirm"],
    hostile: (input, { caller, pools }) => {
      const data = caller === ADMIN ? parsed(cancelFormSchema, input) : undefined;
      return !(data && (pools.authorizedOrderId ?? []).includes(data.orderId));
    },
    call: async (input, asForm) =>
      (await import("@/app/admin/orders/[id]/actions")).cancelAuthorizationAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  {
    name: "admin re-apply event",
    fields: ["eventId"],
    call: async (input) =>
      (await import("@/app/admin/events/actions")).reapplyEventAction(undefined, toFormData(input)),
  },
  {
    name: "seller create product",
    fields: ["name", "description", "price", "currency"],
    hostile: (input, { caller }) => !(caller === SELLER && parsed(productFormSchema, input)),
    call: async (input, asForm) =>
      (await import("@/app/dashboard/products/actions")).createProductAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  {
    name: "seller update product",
    fields: ["productId", "name", "description", "price", "currency"],
    hostile: sellersOwnProduct(updateProductSchema),
    call: async (input, asForm) =>
      (await import("@/app/dashboard/products/actions")).updateProductAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  {
    name: "seller set product active",
    fields: ["productId", "active"],
    hostile: sellersOwnProduct(productActiveSchema),
    call: async (input, asForm) =>
      (await import("@/app/dashboard/products/actions")).setProductActiveAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  {
    // The seller's account is Express: even a confirmed disconnect is refused (Standard accounts only).
    name: "seller disconnect account",
    fields: ["confirm"],
    call: async (input, asForm) =>
      (await import("@/app/dashboard/settings/actions")).disconnectAccountAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  {
    // The caller seller owns no authorised order: every ship or cancel is someone else's or not shippable.
    name: "seller ship order",
    fields: ["orderId", "quantity"],
    call: async (input, asForm) =>
      (await import("@/app/dashboard/orders/[id]/actions")).shipOrderAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  {
    name: "seller cancel order",
    fields: ["orderId", "reason", "confirm"],
    call: async (input, asForm) =>
      (await import("@/app/dashboard/orders/[id]/actions")).cancelOrderAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  {
    // Takes no input: whatever a forged request carries is ignored, so only the caller can be hostile.
    name: "seller refresh onboarding status",
    fields: ["account", "stripeAccountId", "userId"],
    hostile: (_input, { caller }) => caller !== SELLER,
    call: async (input, asForm) => {
      const { refreshOnboardingStatusAction } = await import("@/app/dashboard/onboarding/actions");
      // A forged POST can carry fields the button never sends: the action's empty schema drops them.
      return refreshOnboardingStatusAction(undefined, formOrObject(input, asForm));
    },
  },
  // Saved cards. The buyer caller has a card of their own, which the pools never name: pools hold another
  // buyer's card and SetupIntent, the caller's removed card and their SetupIntent that never completed.
  {
    // Takes no input: a buyer starting to add a card is legitimate, anyone else is refused.
    name: "buyer start adding a card",
    fields: ["customer", "userId", "usage"],
    hostile: (_input, { caller }) => caller !== BUYER,
    call: async (input, asForm) =>
      (await import("@/app/account/payment-methods/actions")).startCardSetupAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  {
    name: "buyer finish adding a card",
    fields: ["setupIntentId"],
    call: async (input, asForm) =>
      (await import("@/app/account/payment-methods/actions")).finishCardSetupAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  {
    name: "buyer make a card the default",
    fields: ["paymentMethodId"],
    call: async (input, asForm) =>
      (await import("@/app/account/payment-methods/actions")).setDefaultCardAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  {
    name: "buyer remove a card",
    fields: ["paymentMethodId", "confirm"],
    call: async (input, asForm) =>
      (await import("@/app/account/payment-methods/actions")).removeCardAction(
        undefined,
        formOrObject(input, asForm),
      ),
  },
  // The cart: adding a product on sale (pools.activeProductId, not the caller's own) is legitimate for
  // anyone; the callers have empty carts, so every change to a line is "not in your cart".
  {
    name: "cart add",
    fields: ["productId", "quantity", "cartId", "userId"],
    hostile: (input, { pools }) => {
      const data = parsed(cartLineSchema, input);
      return !(data && (pools.activeProductId ?? []).includes(data.productId));
    },
    call: async (input, asForm) =>
      (await import("@/app/cart/actions")).addToCartAction(undefined, formOrObject(input, asForm)),
  },
  {
    name: "cart update line",
    fields: ["productId", "quantity", "cartId"],
    call: async (input, asForm) =>
      (await import("@/app/cart/actions")).updateCartLineAction(undefined, formOrObject(input, asForm)),
  },
  {
    name: "cart remove line",
    fields: ["productId", "cartId"],
    call: async (input, asForm) =>
      (await import("@/app/cart/actions")).removeCartLineAction(undefined, formOrObject(input, asForm)),
  },
  {
    // Every caller's cart is empty: paying it is always refused, and nothing is recorded or sent to Stripe.
    name: "cart pay with Stripe Checkout",
    fields: ["checkoutKey", "shownTotal", "shownCurrency", "email", "cartId"],
    call: async (input, asForm) =>
      (await import("@/app/cart/actions")).payCartAction(undefined, formOrObject(input, asForm)),
  },
];
