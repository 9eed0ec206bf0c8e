import "server-only";
import type Stripe from "stripe";
import { insertEventOnce, type NewStripeEvent } from "@/db/queries/stripe-events";
import type { EVENT_SOURCES } from "@/db/schema";
import { env } from "@/lib/env";
import { apiVersionMismatch, EXPECTED_EVENT_API_VERSION } from "./api-version";
import { isHandledType, notActedOn } from "./dispatch";
import { applyAfterResponse } from "./inbox";
import { idOf } from "./types";
import { verifyWebhook } from "./verify";

/*
 * Receiving: verify, one durable insert, 2xx. Applying is the inbox's job (inbox.ts), right after the
 * response and from the worker; Stripe asks endpoints to answer quickly and retries what is not
 * acknowledged, so the only failures the route may answer 5xx for are the ones that lose the event:
 * the database refusing the insert.
 */

/** Stripe's events are far smaller; anything bigger is not from Stripe and is refused unread (413). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export const LIVEMODE_MISMATCH = "livemode mismatch";

export type EventSource = (typeof EVENT_SOURCES)[number];
/** queued: the worker will apply it; ignored: stored, nothing to apply; duplicate: already stored. */
export type StoreOutcome = "queued" | "ignored" | "duplicate";

export async function receiveWebhook(raw: string, signature: string | null): Promise<Response> {
  const event = verifyWebhook(raw, signature);
  const status = await storeEvent(event, "webhook");
  if (status === "queued") applyAfterResponse();
  return Response.json({ received: true, status });
}

/** Fee events are platform events; the account they concern is on the fee. */
function accountOf(event: Stripe.Event): string | null {
  if (event.account) return event.account;
  const object = event.data.object as { object?: string; account?: string | { id: string } };
  return object.object === "application_fee" ? idOf(object.account) : null;
}

/**
 * The Stripe object whose events must apply in the order Stripe created them: the payment for
 * everything about one (PaymentIntent, charge, refund, dispute events all name `payment_intent`), the
 * charge for application fees, otherwise the object itself (an account, a payout).
 */
export function objectKeyOf(event: Stripe.Event): string {
  const object = event.data.object as {
    id?: string;
    object?: string;
    payment_intent?: string | { id: string } | null;
    charge?: string | { id: string } | null;
  };
  const subject =
    (object.object === "payment_intent" ? object.id : idOf(object.payment_intent)) ??
    (object.object === "application_fee" ? idOf(object.charge) : null) ??
    object.id ??
    event.id;
  return `${accountOf(event) ?? "platform"}:${subject}`;
}

function record(event: Stripe.Event, source: EventSource): NewStripeEvent {
  return {
    id: event.id,
    type: event.type,
    account: accountOf(event),
    livemode: event.livemode,
    apiVersion: event.api_version ?? null,
    stripeCreated: event.created,
    payload: event,
    objectKey: objectKeyOf(event),
    source,
  };
}

/**
 * Stores a verified event (from the webhook route, or listed by the reconciliation job) once. Types no
 * handler acts on (about half of Stripe's traffic) and events of the other mode (a test event at a live
 * deployment, or the reverse) are stored as ignored, with the reason, and never applied.
 */
export async function storeEvent(event: Stripe.Event, source: EventSource): Promise<StoreOutcome> {
  const row = record(event, source);
  if (apiVersionMismatch(event.api_version)) {
    // Stored with its version and flagged in /admin/events: the endpoint must be recreated at ours.
    console.warn(
      `[webhook ${event.id}] ${event.type}: rendered at API version ${event.api_version}, expected ${EXPECTED_EVENT_API_VERSION}`,
    );
  }
  let note: string | null = null;
  if (event.livemode !== env.stripeLivemode) {
    console.warn(
      `[webhook ${event.id}] ${event.type}: ${LIVEMODE_MISMATCH} (event livemode=${event.livemode})`,
    );
    note = LIVEMODE_MISMATCH;
  } else if (!isHandledType(event.type)) {
    note = notActedOn(event.type).note;
  }
  const status = note === null ? "received" : "ignored";
  if (!(await insertEventOnce({ event: row, status, error: note }))) return "duplicate";
  return status === "received" ? "queued" : "ignored";
}
