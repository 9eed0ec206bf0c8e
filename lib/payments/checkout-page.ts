import "server-only";
import { getProductForCheckout } from "@/db/queries/shop";
import type { User } from "@/db/schema";
import {
  canCharge,
  MAX_CHARGE_AMOUNT,
  MAX_QUANTITY,
  MIN_QUANTITY,
  newCheckoutKey,
  orderReturnUrl,
} from "./checkout";
import { firstParam, isUuid } from "@/lib/params";
import { getOrderForViewer } from "./orders";

/*
 * What the checkout page renders. Read-only on purpose: a buyer who only looks at the page creates no
 * order and no PaymentIntent; those wait for the server action on submit.
 */

export interface CheckoutFormModel {
  kind: "ready";
  productId: string;
  productName: string;
  sellerName: string;
  unitAmount: number;
  quantity: number;
  amount: number;
  currency: string;
  /** Stripe.js must be loaded for this account: the PaymentIntent is created on it (direct charge). */
  stripeAccountId: string;
  checkoutKey: string;
  /** Receipt email when already known (signed-in buyer, or the order being retried). */
  email: string | null;
  /** The order being paid again after a failed attempt. */
  retryOrderId: string | null;
}

export type CheckoutPageModel =
  | CheckoutFormModel
  | { kind: "blocked"; productId: string; message: string }
  | { kind: "paid"; orderUrl: string };

export function parseQuantity(value: string | string[] | undefined): number | null {
  const raw = firstParam(value);
  if (raw === undefined || raw === "") return 1;
  if (!/^\d{1,2}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= MIN_QUANTITY && n <= MAX_QUANTITY ? n : null;
}

/** Null means "no such product" (the page answers 404). */
export async function prepareCheckout(
  actor: User | null,
  params: { productId: string; quantity?: string | string[]; orderId?: string; token?: string },
): Promise<CheckoutPageModel | null> {
  if (!isUuid(params.productId)) return null;
  const loaded = await getProductForCheckout({ id: params.productId });
  if (!loaded) return null;
  const { product, account, sellerName } = loaded;
  const blocked = (message: string): CheckoutPageModel => ({
    kind: "blocked",
    productId: product.id,
    message,
  });

  // "Try another card": the same order again, with its checkout key so the action finds it.
  if (params.orderId) {
    const found = await getOrderForViewer(actor, { orderId: params.orderId, token: params.token });
    if (!found || found.order.productId !== product.id) return null;
    const { order } = found;
    if (order.status === "succeeded" || order.status === "processing")
      return { kind: "paid", orderUrl: orderReturnUrl(order) };
    if (order.status === "canceled")
      return blocked("This order was canceled. Start a new checkout from the product page.");
    if (!canCharge(account))
      return blocked("This seller cannot accept payments right now. Please try again later.");
    return {
      kind: "ready",
      productId: product.id,
      productName: product.name,
      sellerName,
      unitAmount: order.unitAmount,
      quantity: order.quantity,
      amount: order.amount,
      currency: order.currency,
      stripeAccountId: order.stripeAccountId,
      checkoutKey: order.checkoutKey,
      email: order.buyerEmail,
      retryOrderId: order.id,
    };
  }

  if (!product.active) return null;
  if (!account || !canCharge(account))
    return blocked("This seller cannot accept payments right now. Please try again later.");
  if (actor?.id === product.sellerId)
    return blocked("This is your own product: you cannot buy from your own shop.");
  const quantity = parseQuantity(params.quantity);
  if (quantity === null) return blocked(`Choose a quantity from ${MIN_QUANTITY} to ${MAX_QUANTITY}.`);
  const amount = product.price * quantity;
  if (amount > MAX_CHARGE_AMOUNT)
    return blocked("This order is too large for one payment. Please lower the quantity.");
  return {
    kind: "ready",
    productId: product.id,
    productName: product.name,
    sellerName,
    unitAmount: product.price,
    quantity,
    amount,
    currency: product.currency,
    stripeAccountId: account.stripeAccountId,
    checkoutKey: newCheckoutKey(),
    email: actor?.email ?? null,
    retryOrderId: null,
  };
}
