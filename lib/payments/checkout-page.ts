import "server-only";
import { randomBytes } from "node:crypto";
import { getCheckoutContext } from "@/db/queries/orders";
import type { User } from "@/db/schema";
import { firstParam, isUuid, type SearchParam } from "@/lib/params";
import {
  CHECKOUT_REFUSALS,
  mayBuy,
  orderPrice,
  productPrice,
  quantityField,
  type CheckoutPrice,
  type CheckoutRefusal,
} from "./checkout-rules";
import { canViewOrder, orderReturnUrl } from "./orders";

/*
 * The checkout page (lib/payments/checkout.ts takes it from Pay on): it only reads — looking creates no
 * order and no PaymentIntent — and says what to render, a refusal in the rules' words, or "already paid".
 */

/** What the checkout page renders: the form, a refusal in the rules' words, or "already paid". */
export type CheckoutPageModel =
  | (CheckoutPrice & {
      kind: "ready";
      productId: string;
      productName: string;
      sellerName: string;
      /** Stripe.js must be loaded for this account: the PaymentIntent is created on it (direct charge). */
      stripeAccountId: string;
      /** "Charge when I ship": the card is authorised now and charged when the seller ships. */
      captureLater: boolean;
      checkoutKey: string;
      /** Receipt email when already known (signed-in buyer, or the order being retried). */
      email: string | null;
      /** The order being paid again after a failed attempt. */
      retryOrderId: string | null;
    })
  | { kind: "blocked"; productId: string; message: string }
  | { kind: "paid"; orderUrl: string };

/** A fresh key per rendered checkout form: a double submit of that form finds the same order. */
export function newCheckoutKey(): string {
  return randomBytes(24).toString("base64url");
}

/** The URL's quantity, as the product page's form sends it (absent: 1); null when it is not one we sell. */
function pageQuantity(value: SearchParam): number | null {
  const raw = firstParam(value);
  if (raw === undefined || raw === "") return 1;
  const parsed = quantityField.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Null means "no such product or order" (the page answers 404). */
export async function prepareCheckout(
  actor: User | null,
  params: { productId: string; quantity?: SearchParam; orderId?: string; token?: string },
): Promise<CheckoutPageModel | null> {
  // "Try another card": the same order again, with its checkout key so the action finds it.
  const retrying = Boolean(params.orderId);
  if (!isUuid(params.productId) || (retrying && !isUuid(params.orderId))) return null;
  const context = await getCheckoutContext({
    productId: params.productId,
    order: params.orderId ? { id: params.orderId } : undefined,
  });
  if (!context) return null;
  const { product, order } = context;
  const blocked = (refusal: CheckoutRefusal): CheckoutPageModel | null =>
    refusal.code.startsWith("not_found:")
      ? null
      : { kind: "blocked", productId: product.id, message: refusal.message };
  const summary = {
    kind: "ready",
    productId: product.id,
    productName: product.name,
    sellerName: context.sellerName,
  } as const;

  if (retrying) {
    if (!order || order.productId !== product.id || !canViewOrder(order, actor, params.token)) return null;
    if (order.status === "succeeded" || order.status === "processing")
      return { kind: "paid", orderUrl: orderReturnUrl(order) };
    if (order.chargeModel !== "direct") return blocked(CHECKOUT_REFUSALS.cartOrder);
    const verdict = mayBuy({ buyer: actor, product, account: context.account, order });
    if (!verdict.ok) return blocked(verdict.refusal);
    return {
      ...summary,
      ...orderPrice(order),
      stripeAccountId: order.stripeAccountId,
      captureLater: order.captureMethod === "manual",
      checkoutKey: order.checkoutKey,
      email: order.buyerEmail,
      retryOrderId: order.id,
    };
  }

  const quantity = pageQuantity(params.quantity);
  if (quantity === null) return blocked(CHECKOUT_REFUSALS.quantity);
  const verdict = mayBuy({ buyer: actor, product, account: context.account, quantity });
  if (!verdict.ok) return blocked(verdict.refusal);
  return {
    ...summary,
    ...productPrice(product, quantity),
    stripeAccountId: verdict.account.stripeAccountId,
    captureLater: product.captureLater,
    checkoutKey: newCheckoutKey(),
    email: actor?.email ?? null,
    retryOrderId: null,
  };
}
