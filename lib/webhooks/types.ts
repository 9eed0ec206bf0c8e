import type Stripe from "stripe";
import type { Transaction } from "@/db/client";

/**
 * What a handler did with an event. `ignored` is a normal outcome (unknown order, stale event, type we
 * do not act on): the event is acknowledged and kept in the log with the reason. A handler that cannot
 * apply an event it should apply throws instead, so the transaction rolls back and Stripe retries.
 */
export interface HandlerResult {
  /**
   * `busy`: the handler wrote nothing because another transaction holds what the event needs (a charge's
   * fee lock); the event stays waiting and the worker takes it again after that transaction ends.
   */
  status: "applied" | "ignored" | "busy";
  /** The order the event touched, so the admin order timeline can show it. */
  orderId: string | null;
  /** Why it was ignored (shown in the admin event log). */
  note: string | null;
  /**
   * Set when this event taught an order its PaymentIntent id (the checkout's answer from Stripe was
   * lost): events about that payment ignored earlier for want of an order are applied now.
   */
  linked?: { account: string; paymentIntentId: string };
}

/** Every handler is a plain function of the event and the open transaction: unit tests call it directly. */
export type WebhookHandler = (event: Stripe.Event, tx: Transaction) => Promise<HandlerResult>;

export function applied(orderId: string | null = null): HandlerResult {
  return { status: "applied", orderId, note: null };
}

export function busy(note: string): HandlerResult {
  return { status: "busy", orderId: null, note };
}

export function ignored(note: string, orderId: string | null = null): HandlerResult {
  return { status: "ignored", orderId, note };
}

/** Stripe fields that are an id, or the object when expanded. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}
