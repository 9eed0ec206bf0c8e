import "server-only";
import type Stripe from "stripe";
import {
  advanceReconcileCursor,
  getReconcileCursors,
  listReconcilableAccounts,
} from "@/db/queries/reconcile";
import { stripe } from "@/lib/stripe";
import { storeEvent } from "@/lib/webhooks/ingest";
import { drainInbox, type DrainResult } from "@/lib/webhooks/inbox";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/subscriptions";
import { idOf } from "@/lib/webhooks/types";

/*
 * Events Stripe sent that never reached us (an outage longer than Stripe's three days of retries, a
 * misconfigured endpoint, a dropped delivery): list each account's events since the newest one seen and
 * hand every one to the inbox exactly as a delivery would (storeEvent dedupes by id, so what did arrive
 * is not applied twice), then drain. Stripe keeps events for 30 days: beyond that nothing can be listed.
 */

/** The cursor key of the platform's own event list. */
export const PLATFORM_CURSOR = "platform";
/** Stripe's events list goes back 30 days; a minute of margin so the filter never asks for more. */
const EVENT_RETENTION_SECONDS = 30 * 86_400 - 60;
/**
 * Re-read this far before the newest event seen: events created in the same second (or written a little
 * late) may appear in the list after we read it. Re-reading costs only duplicates, which storeEvent drops.
 */
export const CURSOR_OVERLAP_SECONDS = 300;

const PLATFORM_TYPES: ReadonlySet<string> = new Set(WEBHOOK_EVENTS.platform);
const CONNECT_TYPES: ReadonlySet<string> = new Set(WEBHOOK_EVENTS.connect);

export interface EventsReconciled {
  /** Event lists read completely (the platform's, then one per connected account). */
  lists: number;
  /** Subscribed events listed. */
  seen: number;
  /** Of those, the ones the inbox did not have: missed deliveries, now queued. */
  restored: number;
  /** Lists that could not be read, with why (their cursors stay where they were). */
  failures: string[];
  /** Lists left for the next run because the time budget ran out. */
  deferred: number;
  drained: DrainResult;
  summary: string;
}

interface ListResult {
  seen: number;
  restored: number;
  newest: number | null;
}

/** The connected account a platform event concerns (application fees name it on the fee). */
function feeAccount(event: Stripe.Event): string | null {
  return idOf((event.data.object as { account?: string | { id: string } | null }).account ?? null);
}

/**
 * Reads one event list from `from` (newest first, every page) and stores the subscribed events oldest
 * first, so the inbox's arrival order follows Stripe's creation order for events of the same second.
 */
async function readList(
  account: string | null,
  from: number,
  keep: (event: Stripe.Event) => boolean,
): Promise<ListResult> {
  const listed: Stripe.Event[] = [];
  let newest: number | null = null;
  const pages = stripe.events.list(
    { created: { gte: from }, limit: 100 },
    account ? { stripeAccount: account } : undefined,
  );
  for await (const event of pages) {
    newest = Math.max(newest ?? 0, event.created);
    // A delivery from the Connect endpoint names its account; a list read with Stripe-Account may not.
    if (keep(event)) listed.push(account && !event.account ? { ...event, account } : event);
  }
  let restored = 0;
  for (const event of listed.reverse()) {
    if ((await storeEvent(event, "reconciliation")) === "queued") restored++;
  }
  return { seen: listed.length, restored, newest };
}

function describeFailure(list: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${list}: ${message.slice(0, 200)}`;
}

/**
 * `accounts` limits the run to these connected accounts and the platform events about them (tests
 * share one Stripe emulator); by default every connected account we know and every platform event.
 */
export async function reconcileEvents({
  maxMs = 600_000,
  accounts: only,
}: { maxMs?: number; accounts?: string[] } = {}): Promise<EventsReconciled> {
  const deadline = Date.now() + maxMs;
  const now = Math.floor(Date.now() / 1000);
  const known = await listReconcilableAccounts({ only });
  const cursors = await getReconcileCursors({ accounts: [PLATFORM_CURSOR, ...known] });
  // Least recently read first: when the time budget runs out, the next run starts with the ones left.
  const readAt = (account: string) => cursors.get(account)?.checkedAt.getTime() ?? 0;
  const accounts = [...known].sort((a, b) => readAt(a) - readAt(b));
  const scope = only ? new Set(only) : null;
  const lists: { key: string | null; account: string | null; keep: (e: Stripe.Event) => boolean }[] = [
    {
      // A scoped run keeps only some of the platform's events: it must not move the shared cursor.
      key: scope ? null : PLATFORM_CURSOR,
      account: null,
      keep: (e) => PLATFORM_TYPES.has(e.type) && (!scope || scope.has(feeAccount(e) ?? "")),
    },
    ...accounts.map((account) => ({
      key: account,
      account,
      keep: (e: Stripe.Event) => CONNECT_TYPES.has(e.type),
    })),
  ];

  const result = { lists: 0, seen: 0, restored: 0, failures: [] as string[], deferred: 0 };
  for (const list of lists) {
    if (Date.now() > deadline) {
      result.deferred++;
      continue;
    }
    const cursor = list.key === null ? undefined : cursors.get(list.key)?.lastCreated;
    const from = Math.max(now - EVENT_RETENTION_SECONDS, (cursor ?? 0) - CURSOR_OVERLAP_SECONDS);
    try {
      const read = await readList(list.account, from, list.keep);
      result.lists++;
      result.seen += read.seen;
      result.restored += read.restored;
      // Only after every event of the list is stored: a run that dies before reads the same list again.
      if (list.key !== null)
        await advanceReconcileCursor({ account: list.key, lastCreated: read.newest ?? cursor ?? from });
    } catch (error) {
      const name = list.account ?? PLATFORM_CURSOR;
      console.error(`[reconcile events] ${name}`, error);
      result.failures.push(describeFailure(name, error));
    }
  }

  const drained = await drainInbox({ maxMs: Math.max(1_000, deadline - Date.now()) });
  const summary =
    `${result.lists} event lists read, ${result.seen} events seen, ${result.restored} missed events restored; ` +
    `applied ${drained.applied}, failed ${drained.failed}, ${drained.remaining} waiting` +
    (result.deferred ? `; ${result.deferred} lists left for the next run` : "");
  if (result.failures.length > 0) {
    throw new Error(`${summary}; could not read ${result.failures.length}: ${result.failures.join("; ")}`);
  }
  return { ...result, drained, summary };
}
