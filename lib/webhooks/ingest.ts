import "server-only";
import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import {
  finishEvent,
  getEventStatus,
  insertEventOnce,
  listOrphanEvents,
  lockEvent,
  recordEventFailure,
  type NewStripeEvent,
} from "@/db/queries/stripe-events";
import { runInTransaction } from "@/db/queries/transaction";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { apiVersionMismatch, EXPECTED_EVENT_API_VERSION } from "./api-version";
import { dispatchEvent, isHandledType, notActedOn } from "./dispatch";
import { idOf } from "./types";
import { verifyWebhook } from "./verify";

/** Stripe's events are far smaller; anything bigger is not from Stripe and is refused unread (413). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * The webhook route's work, after it read the raw body: verify, apply once, answer. 2xx tells Stripe to
 * stop; a 500 makes it retry with backoff, which is what we want when applying failed.
 */
export async function receiveWebhook(raw: string, signature: string | null): Promise<Response> {
  const event = verifyWebhook(raw, signature);
  const result = await ingestEvent(event);
  if (result.status === "failed") {
    return new AppError(
      "internal:webhook_apply",
      "The event could not be applied; it will be retried.",
    ).toResponse();
  }
  return Response.json({ received: true, status: result.status });
}

/*
 * Exactly once: the event id is inserted (unique) in the same transaction that applies the event.
 * - new id → apply, store applied/ignored, commit together (a type no handler acts on is stored as
 *   ignored by a single insert: there is nothing to commit together with it);
 * - known id, applied or ignored → duplicate, nothing changes;
 * - known id, failed → lock the row and apply again (Stripe's redelivery, or an admin's re-apply);
 * - the handler throws → the transaction rolls back, the failure is recorded in a separate write and the
 *   caller answers 500 so Stripe retries.
 * Two deliveries at the same moment: on PostgreSQL the second insert waits for the first transaction
 * and then sees the conflict; PGlite has one connection and runs transactions one at a time.
 */

export type IngestStatus = "applied" | "ignored" | "duplicate" | "failed";

export interface IngestResult {
  status: IngestStatus;
  /** For failures: what went wrong (logged and shown to admins, never sent to the caller). */
  error?: string;
}

export const LIVEMODE_MISMATCH = "livemode mismatch";

/** Fee events are platform events; the account they concern is on the fee. */
function accountOf(event: Stripe.Event): string | null {
  if (event.account) return event.account;
  const object = event.data.object as { object?: string; account?: string | { id: string } };
  return object.object === "application_fee" ? idOf(object.account) : null;
}

function record(event: Stripe.Event): NewStripeEvent {
  return {
    id: event.id,
    type: event.type,
    account: accountOf(event),
    livemode: event.livemode,
    apiVersion: event.api_version ?? null,
    stripeCreated: event.created,
    payload: event,
  };
}

/** The innermost error: drizzle wraps driver errors, whose message says what the database refused. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause instanceof Error; depth++)
    current = current.cause;
  return current;
}

export function describeError(error: unknown): string {
  const root = rootCause(error);
  const message = root instanceof Error && root.message ? root.message : String(root);
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}

/**
 * The order just learned its PaymentIntent: apply, oldest first, the events about that payment that
 * arrived before and were ignored because no order matched them (Stripe does not redeliver them).
 */
async function applyOrphans(
  linked: { account: string; paymentIntentId: string },
  tx: Transaction,
): Promise<void> {
  for (const orphan of await listOrphanEvents(linked, tx)) {
    const result = await dispatchEvent(orphan.payload as Stripe.Event, tx);
    await finishEvent(
      {
        id: orphan.id,
        status: result.status,
        error: result.note,
        orderId: result.orderId,
        attempts: orphan.attempts + 1,
      },
      tx,
    );
  }
}

export async function ingestEvent(event: Stripe.Event): Promise<IngestResult> {
  const row = record(event);
  if (apiVersionMismatch(event.api_version)) {
    // Stored with its version and flagged in /admin/events: the endpoint must be recreated at ours.
    console.warn(
      `[webhook ${event.id}] ${event.type}: rendered at API version ${event.api_version}, expected ${EXPECTED_EVENT_API_VERSION}`,
    );
  }
  if (event.livemode !== env.stripeLivemode) {
    // A test-mode event at a live deployment (or the reverse): acknowledged so Stripe stops sending it,
    // kept in the log for admins, never applied.
    console.warn(
      `[webhook ${event.id}] ${event.type}: ${LIVEMODE_MISMATCH} (event livemode=${event.livemode})`,
    );
    const stored = await runInTransaction(async (tx) => {
      const inserted = await insertEventOnce({ event: row, status: "ignored" }, tx);
      if (inserted)
        await finishEvent({ id: event.id, status: "ignored", error: LIVEMODE_MISMATCH, attempts: 1 }, tx);
      return inserted;
    });
    return { status: stored ? "ignored" : "duplicate" };
  }
  try {
    if (!isHandledType(event.type)) {
      // Nothing to apply (about half of all deliveries): one insert, no transaction. A conflict is a
      // duplicate — unless the stored row failed, which the transaction below applies again.
      const note = notActedOn(event.type).note;
      if (await insertEventOnce({ event: row, status: "ignored", error: note })) return { status: "ignored" };
      if ((await getEventStatus({ id: event.id })) !== "failed") return { status: "duplicate" };
    }
    return await runInTransaction(async (tx): Promise<IngestResult> => {
      let attempts = 1;
      if (!(await insertEventOnce({ event: row, status: "ignored" }, tx))) {
        const existing = await lockEvent({ id: event.id }, tx);
        if (!existing) throw new Error(`event ${event.id} conflicted on insert but is not stored`);
        if (existing.status !== "failed") return { status: "duplicate" };
        attempts = existing.attempts + 1;
      }
      const result = await dispatchEvent(event, tx);
      await finishEvent(
        { id: event.id, status: result.status, error: result.note, orderId: result.orderId, attempts },
        tx,
      );
      if (result.linked) await applyOrphans(result.linked, tx);
      return { status: result.status };
    });
  } catch (error) {
    const message = describeError(error);
    // The root cause's stack only: drizzle's wrapper and the driver error's fields carry query
    // parameters (buyer emails) that do not belong in logs.
    const root = rootCause(error);
    console.error(
      `[webhook ${event.id}] ${event.type} could not be applied: ${message}`,
      root instanceof Error ? root.stack : "",
    );
    try {
      await recordEventFailure({ event: row, error: message });
    } catch (recordError) {
      console.error(
        `[webhook ${event.id}] could not record the failure either: ${describeError(recordError)}`,
      );
    }
    return { status: "failed", error: message };
  }
}
