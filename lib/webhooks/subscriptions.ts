import type Stripe from "stripe";

/*
 * The events each of our two Stripe webhook endpoints subscribes to: the one list.
 * - dispatch.ts acts on exactly these types (subscriptions.test.ts holds them equal: a handler for a
 *   type nobody subscribes to would never run with real Stripe);
 * - docs/webhooks.md tells operators to subscribe to exactly these (the same test reads its table);
 * - whoever starts the emulator for this app (scripts/lib/processes.ts, the test helpers) gives its
 *   built-in endpoints these `enabled_events`, so offline, too, an unsubscribed event never arrives.
 * Pure constants (no server code): scripts import them. The types are checked against Stripe's own list
 * of event types, so a typo fails to compile.
 */

type EventType = Stripe.WebhookEndpointCreateParams.EnabledEvent;

export const WEBHOOK_EVENTS = {
  /**
   * Events about the platform's own account: the platform's fees on each direct charge, and carts paid
   * through Stripe Checkout on the platform (the session's outcome and its PaymentIntent's, the sellers'
   * transfers, the refunds of cart lines).
   */
  platform: [
    "application_fee.created",
    "application_fee.refunded",
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
    "payment_intent.succeeded",
    "payment_intent.processing",
    "transfer.created",
    "transfer.reversed",
    "refund.created",
    "refund.updated",
    "refund.failed",
    "charge.dispute.created",
    "charge.dispute.updated",
    "charge.dispute.closed",
    "charge.dispute.funds_withdrawn",
    "charge.dispute.funds_reinstated",
  ],
  /** Events that happen on connected accounts ("Listen to events on Connected accounts"). */
  connect: [
    "account.updated",
    "account.application.authorized",
    "account.application.deauthorized",
    "payment_intent.succeeded",
    "payment_intent.processing",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.requires_action",
    "payment_intent.amount_capturable_updated",
    "charge.captured",
    "charge.expired",
    "charge.refunded",
    "refund.created",
    "refund.updated",
    "refund.failed",
    "charge.refund.updated",
    "charge.dispute.created",
    "charge.dispute.updated",
    "charge.dispute.closed",
    "charge.dispute.funds_withdrawn",
    "charge.dispute.funds_reinstated",
    "payout.created",
    "payout.paid",
    "payout.failed",
    "payout.canceled",
    "payout.updated",
  ],
} as const satisfies Record<"platform" | "connect", readonly EventType[]>;

/**
 * Every type either endpoint subscribes to, once. A cart's payment and refunds happen on the platform's own
 * account, a direct charge's on the seller's: `payment_intent.succeeded`/`processing`, `refund.*` and
 * `charge.dispute.*` are on both endpoints, and their handlers tell them apart by `event.account`.
 */
export const SUBSCRIBED_EVENT_TYPES: readonly string[] = [
  ...new Set<string>([...WEBHOOK_EVENTS.platform, ...WEBHOOK_EVENTS.connect]),
];

/** The events an endpoint of this kind subscribes to (`connect` = the Connect endpoint). */
export function subscribedEvents(connect: boolean): string[] {
  return [...WEBHOOK_EVENTS[connect ? "connect" : "platform"]];
}
