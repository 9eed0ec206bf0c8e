import "server-only";
import { timingSafeEqual } from "node:crypto";
import { getOrderWithDetails, listOrdersForBuyer, type OrderWithDetails } from "@/db/queries/orders";
import type { Order, User } from "@/db/schema";
import { env } from "@/lib/env";
import { isUuid, pageWindow } from "@/lib/params";
import { retrieveOrderPaymentIntent } from "./payment-intents";

export type { OrderWithDetails };

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether `actor` (or whoever holds `token`) may see the order: its signed-in buyer, or the return URL's token. */
export function canViewOrder(
  order: Pick<Order, "buyerId" | "accessToken">,
  actor: User | null,
  token: string | undefined,
): boolean {
  if (actor && order.buyerId === actor.id) return true;
  return typeof token === "string" && token.length > 0 && tokensMatch(token, order.accessToken);
}

/**
 * The order for its page, or null when it does not exist or belongs to someone else — the page
 * answers 404 in both cases so order ids cannot be probed.
 */
export async function getOrderForViewer(
  actor: User | null,
  { orderId, token }: { orderId: string; token?: string },
): Promise<OrderWithDetails | null> {
  if (!isUuid(orderId)) return null;
  const found = await getOrderWithDetails({ id: orderId });
  if (!found || !canViewOrder(found.order, actor, token)) return null;
  return found;
}

/**
 * The PaymentIntent's status as Stripe has it right now, read only when Stripe.js has just redirected
 * the buyer here (`payment_intent` in the return URL is this order's intent) and our row is not
 * settled yet — the redirect can beat the webhook. Undefined otherwise, or when Stripe cannot be
 * reached: the page then shows what the database knows.
 */
export async function liveIntentStatusAfterRedirect(
  order: Order,
  redirectedIntentId: string | undefined,
): Promise<string | undefined> {
  if (order.status === "succeeded" || order.status === "canceled" || order.status === "authorized")
    return undefined;
  if (!redirectedIntentId || order.paymentIntentId !== redirectedIntentId) return undefined;
  try {
    return (await retrieveOrderPaymentIntent({ ...order, paymentIntentId: order.paymentIntentId })).status;
  } catch {
    return undefined; // logged by retrieveOrderPaymentIntent
  }
}

export const ORDERS_PAGE_SIZE = 20;

export async function listMyOrders(actor: User, page: number) {
  const { offset, limit } = pageWindow(page, ORDERS_PAGE_SIZE);
  const { items, total } = await listOrdersForBuyer({ buyerId: actor.id, limit, offset });
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE)) };
}

/** The order page a buyer returns to after paying; the token lets a guest in. */
export function orderReturnUrl(order: Pick<Order, "id" | "accessToken">): string {
  const url = new URL(`/orders/${order.id}`, env.APP_URL);
  url.searchParams.set("token", order.accessToken);
  return url.toString();
}

/** How an order's money moved, in the words of the order pages (admin and seller). */
export const CHARGE_MODEL_LABELS: Record<Order["chargeModel"], string> = {
  direct: "Direct charge on the seller's account",
  destination: "Cart, Stripe Checkout: destination charge on the platform",
  separate: "Cart, Stripe Checkout: platform charge, then a transfer to the seller",
};
