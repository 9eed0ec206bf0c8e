import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { getCartCheckout } from "@/db/queries/cart-checkouts";
import { lockOrderForWebhook } from "@/db/queries/orders";
import type { Order } from "@/db/schema";
import { isUuid } from "@/lib/params";
import {
  applyCartIntentEvent,
  applySessionOutcome,
  applyTransferEvent,
  checkoutOfIntent,
  checkoutOfSession,
  type SessionOutcome,
} from "@/lib/cart/settle";
import { applied, idOf, ignored, type HandlerResult } from "./types";

/*
 * Carts paid through Stripe Checkout, on the platform's own account: the Checkout Session's outcome moves
 * the cart checkout and its orders (lib/cart/settle.ts), and the sellers' transfers are recorded as Stripe
 * reports them. Events of a connected account are never about a cart.
 */

export const CHECKOUT_SESSION_EVENTS = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
] as const;

export const TRANSFER_EVENTS = ["transfer.created", "transfer.reversed"] as const;

const OUTCOMES: Record<(typeof CHECKOUT_SESSION_EVENTS)[number], SessionOutcome> = {
  "checkout.session.completed": "completed",
  "checkout.session.async_payment_succeeded": "async_succeeded",
  "checkout.session.async_payment_failed": "async_failed",
  "checkout.session.expired": "expired",
};

export async function handleCheckoutSessionEvent(
  event: Stripe.Event,
  tx: Transaction,
): Promise<HandlerResult> {
  if (event.account) return ignored("Checkout Sessions of a connected account are not carts of ours.");
  const session = event.data.object as Stripe.Checkout.Session;
  const checkout = await checkoutOfSession(session, tx);
  if (!checkout) return ignored(`No cart checkout has the Checkout Session ${session.id}.`);
  const outcome = OUTCOMES[event.type as keyof typeof OUTCOMES];
  const moved = await applySessionOutcome(checkout, outcome, session, tx);
  return moved ? applied() : ignored(`The cart checkout is already ${checkout.status}.`);
}

/**
 * payment_intent.succeeded / processing on the platform: a cart's payment (Checkout made the PaymentIntent
 * with our metadata), the same news as its session's events, whichever comes first.
 */
export async function handleCartIntentEvent(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  const intent = event.data.object as Stripe.PaymentIntent;
  if (intent.object !== "payment_intent") return ignored(`${event.type} does not carry a PaymentIntent`);
  const checkout = await checkoutOfIntent(intent, tx);
  if (!checkout) return ignored(`No cart checkout has the PaymentIntent ${intent.id}.`);
  const moved = await applyCartIntentEvent(checkout, intent, tx);
  return moved ? applied() : ignored(`The cart checkout is already ${checkout.status}.`);
}

export async function handleTransferEvent(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  if (event.account) return ignored("Transfers are made by the platform.");
  const transfer = event.data.object as Stripe.Transfer;
  const checkoutId = await applyTransferEvent(transfer, tx);
  return checkoutId ? applied() : ignored(`The transfer ${transfer.id} is not a cart seller's.`);
}

/**
 * A refund on the platform's own account is a cart line's when it carries the line's order id (the admin's
 * refund sends it, lib/refunds/stripe-refund.ts) and is on that line's cart payment. A refund made in the
 * Stripe Dashboard on a cart payment names no line: it is not attributed (the event stays on /admin/events).
 */
export async function findCartOrderForRefund(
  refund: Stripe.Refund,
  tx: Transaction,
): Promise<Order | undefined> {
  const orderId = refund.metadata?.order_id;
  if (!isUuid(orderId)) return undefined;
  const order = await lockOrderForWebhook({ id: orderId }, tx);
  if (!order?.cartCheckoutId || order.chargeModel === "direct") return undefined;
  const checkout = await getCartCheckout({ id: order.cartCheckoutId }, tx);
  const intent = idOf(refund.payment_intent);
  return checkout?.paymentIntentId && checkout.paymentIntentId === intent ? order : undefined;
}
