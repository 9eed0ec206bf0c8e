import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { CAPTURE_EVENTS, handleCaptureEvent } from "./captures";
import {
  CHECKOUT_SESSION_EVENTS,
  handleCheckoutSessionEvent,
  handleTransferEvent,
  TRANSFER_EVENTS,
} from "./cart-checkouts";
import { handleAccountUpdated, handleApplicationAuthorization } from "./accounts";
import { APPLICATION_FEE_EVENTS, handleApplicationFeeEvent } from "./application-fees";
import { DISPUTE_EVENTS, handleDisputeEvent } from "./disputes";
import { handlePaymentIntentEvent, PAYMENT_INTENT_EVENTS } from "./payments";
import { handlePayoutEvent, PAYOUT_EVENTS } from "./payouts";
import { handleChargeRefunded, handleRefundEvent, REFUND_EVENTS } from "./refunds";
import { ignored, type HandlerResult, type WebhookHandler } from "./types";

/**
 * Every event type we act on, by the handler of its family. What Stripe sends us is owned by
 * subscriptions.ts (WEBHOOK_EVENTS); subscriptions.test.ts holds these keys equal to it.
 */
export const HANDLERS: ReadonlyMap<string, WebhookHandler> = new Map<string, WebhookHandler>([
  ["account.updated", handleAccountUpdated],
  ["account.application.authorized", handleApplicationAuthorization],
  ["account.application.deauthorized", handleApplicationAuthorization],
  ...PAYMENT_INTENT_EVENTS.map((t) => [t, handlePaymentIntentEvent] as const),
  ["charge.refunded", handleChargeRefunded],
  ...CAPTURE_EVENTS.map((t) => [t, handleCaptureEvent] as const),
  ...REFUND_EVENTS.map((t) => [t, handleRefundEvent] as const),
  ...DISPUTE_EVENTS.map((t) => [t, handleDisputeEvent] as const),
  ...PAYOUT_EVENTS.map((t) => [t, handlePayoutEvent] as const),
  ...APPLICATION_FEE_EVENTS.map((t) => [t, handleApplicationFeeEvent] as const),
  ...CHECKOUT_SESSION_EVENTS.map((t) => [t, handleCheckoutSessionEvent] as const),
  ...TRANSFER_EVENTS.map((t) => [t, handleTransferEvent] as const),
]);

/** Whether any handler acts on this type (most of Stripe's traffic — payment_intent.created, charge.succeeded... — is not). */
export function isHandledType(type: string): boolean {
  return HANDLERS.has(type);
}

export function notActedOn(type: string): HandlerResult {
  return ignored(`We do not act on ${type} events.`);
}

/** Hands the event to its family's handler. Types we do not act on are acknowledged and logged. */
export async function dispatchEvent(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  const handler = HANDLERS.get(event.type);
  if (!handler) return notActedOn(event.type);
  return handler(event, tx);
}
