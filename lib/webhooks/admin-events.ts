import "server-only";
import {
  countEventsAtOtherApiVersion,
  countEventsByStatus,
  getEventById,
  listStripeEvents,
  requeueEvent,
  type EventStatus,
} from "@/db/queries/stripe-events";
import { EVENT_STATUSES } from "@/db/schema";
import { recordAudit } from "@/lib/admin/audit";
import type { Admin } from "@/lib/guards";
import { AppError } from "@/lib/errors";
import { firstParam, pageWindow } from "@/lib/params";
import { apiVersionMismatch, EXPECTED_EVENT_API_VERSION } from "./api-version";
import { drainInbox } from "./inbox";

/*
 * The admin event log (/admin/events) and re-applying a failed event. Both take an `Admin`: the page
 * (pageUser) and the action (validatedAction's roles) checked the role once.
 */

export const EVENTS_PAGE_SIZE = 25;

/** The status filters the event log offers (pages import it from here, never from db/). */
export { EVENT_STATUSES };

/** A status filter from the URL; anything unknown means "all". */
export function parseEventStatus(value: string | string[] | undefined): EventStatus | undefined {
  const raw = firstParam(value);
  return (EVENT_STATUSES as readonly string[]).includes(raw ?? "") ? (raw as EventStatus) : undefined;
}

/** Attempts before an event is dead-lettered (the page says it). */
export { MAX_ATTEMPTS } from "./inbox";

/** The version every endpoint's events must be rendered at (the page names it). */
export { EXPECTED_EVENT_API_VERSION };

/** How far back the log's version warning looks: an endpoint fixed a week ago stops being news. */
export const API_VERSION_WARNING_DAYS = 7;

/**
 * One page of the log, each event flagged when Stripe rendered it at another API version than ours,
 * and how many such events arrived in the last API_VERSION_WARNING_DAYS days (`otherVersion`).
 */
export async function listEventsForAdmin(
  _admin: Admin,
  { page, status }: { page: number; status?: EventStatus },
) {
  const [{ items, total }, counts, otherVersion] = await Promise.all([
    listStripeEvents({ status, ...pageWindow(page, EVENTS_PAGE_SIZE) }),
    countEventsByStatus(),
    countEventsAtOtherApiVersion({
      apiVersion: EXPECTED_EVENT_API_VERSION,
      since: new Date(Date.now() - API_VERSION_WARNING_DAYS * 86_400_000),
    }),
  ]);
  const flagged = items.map((e) => ({ ...e, apiVersionMismatch: apiVersionMismatch(e.apiVersion) }));
  return {
    items: flagged,
    total,
    counts,
    otherVersion,
    page,
    pageCount: Math.max(1, Math.ceil(total / EVENTS_PAGE_SIZE)),
    status,
  };
}

/** Events that need an admin: dead (no more automatic attempts) and failed (still being retried). */
export async function eventsNeedingAttention(_admin: Admin): Promise<{ dead: number; failed: number }> {
  const counts = await countEventsByStatus();
  return { dead: counts.dead, failed: counts.failed };
}

export interface ReapplyOutcome {
  ok: boolean;
  message: string;
}

/**
 * Re-queues a failed or dead event and drains the inbox at once: the stored payload (verified at
 * receipt) goes through the same exactly-once path as every delivery, so nothing is applied twice.
 */
export async function reapplyEvent(admin: Admin, { eventId }: { eventId: string }): Promise<ReapplyOutcome> {
  const row = await getEventById({ id: eventId });
  if (!row) throw new AppError("not_found:event", "This event is not in the log.");
  if (!(await requeueEvent({ id: eventId }))) {
    throw new AppError(
      "conflict:event",
      `This event is ${row.status}; only failed or dead events can be retried.`,
    );
  }
  await drainInbox();
  const after = await getEventById({ id: eventId });
  const outcome = after?.status ?? "received";
  await recordAudit(admin, {
    action: "webhook_event.reapply",
    targetType: "stripe_event",
    targetId: row.id,
    details: { type: row.type, outcome },
    result: outcome === "applied" || outcome === "ignored" ? "ok" : "error",
  });
  switch (outcome) {
    case "applied":
      return { ok: true, message: `${row.type} ${row.id} was applied.` };
    case "ignored":
      return { ok: true, message: `${row.type} ${row.id} was processed; it had nothing to change.` };
    case "received":
      return {
        ok: true,
        message: `${row.type} ${row.id} is queued behind an older event of the same object; it applies after it.`,
      };
    default:
      return { ok: false, message: `${row.type} ${row.id} failed again; the error is in the log.` };
  }
}
