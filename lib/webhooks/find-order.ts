import type { Transaction } from "@/db/client";
import { lockOrderForWebhook } from "@/db/queries/orders";
import type { Order } from "@/db/schema";
import { isUuid } from "@/lib/params";

export interface PaymentRefs {
  paymentIntentId?: string | null;
  chargeId?: string | null;
  /** `metadata.order_id` we put on the PaymentIntent: finds the order if storing its id was lost. */
  metadataOrderId?: string | null;
  /** The event's connected account: every order is a direct charge on exactly one. */
  account: string | null;
}

/**
 * The order a payment, charge, refund or dispute belongs to, locked for the rest of the transaction.
 * Metadata is only trusted for an order that has no other PaymentIntent, and any match must be on the
 * event's own connected account, so an event can never touch another seller's order.
 */
export async function findOrderForPayment(refs: PaymentRefs, tx: Transaction): Promise<Order | undefined> {
  let order: Order | undefined;
  if (refs.paymentIntentId) order = await lockOrderForWebhook({ paymentIntentId: refs.paymentIntentId }, tx);
  if (!order && refs.chargeId) order = await lockOrderForWebhook({ chargeId: refs.chargeId }, tx);
  if (!order && isUuid(refs.metadataOrderId)) {
    const candidate = await lockOrderForWebhook({ id: refs.metadataOrderId }, tx);
    const sameIntent = !candidate?.paymentIntentId || candidate.paymentIntentId === refs.paymentIntentId;
    if (candidate && sameIntent) order = candidate;
  }
  if (order && order.stripeAccountId !== refs.account) return undefined;
  return order;
}
