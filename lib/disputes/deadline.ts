import { awaitsResponse } from "./status";

/*
 * How long is left to answer a dispute, in words. Stripe's `evidence_details.due_by` is a hard limit: an
 * unanswered dispute is closed as lost then, so the queue shows the nearest first and flags the last
 * three days. Pure (the caller passes `now`) so the queue and the tests agree on the wording.
 */

/** A deadline closer than this is flagged in the queue and counted on the admin overview. */
export const URGENT_HOURS = 72;

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

export interface TimeLeft {
  /** "3 days 4 h left", "5 h left", "12 min left" or "overdue". */
  text: string;
  overdue: boolean;
  /** Less than URGENT_HOURS left (or overdue). */
  urgent: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function timeLeft(dueBy: Date, now: Date): TimeLeft {
  const ms = dueBy.getTime() - now.getTime();
  if (ms <= 0) return { text: "overdue", overdue: true, urgent: true };
  const urgent = ms < URGENT_HOURS * HOUR;
  const hours = Math.floor(ms / HOUR);
  if (hours === 0)
    return { text: `${Math.max(1, Math.floor(ms / MINUTE))} min left`, overdue: false, urgent };
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  const text = days === 0 ? `${rest} h left` : `${plural(days, "day", "days")} ${rest} h left`;
  return { text, overdue: false, urgent };
}

/** The instant before which a deadline counts as urgent. */
export function urgentBefore(now: Date): Date {
  return new Date(now.getTime() + URGENT_HOURS * HOUR);
}

type Queued = { status: string; evidenceDueBy: Date | null };

/**
 * The queue's order: disputes still waiting for an answer first, the nearest deadline first (none last);
 * then those already answered (under review), which no deadline threatens any more.
 */
export function byTimeLeft<T>(rows: readonly T[], of: (row: T) => Queued): T[] {
  const rank = (d: Queued) => (awaitsResponse(d.status) ? 0 : 1);
  const due = (d: Queued) => d.evidenceDueBy?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...rows].sort((a, b) => {
    const x = of(a);
    const y = of(b);
    return rank(x) - rank(y) || due(x) - due(y);
  });
}
