/*
 * /admin/events: events Stripe rendered at another API version than the one our SDK is pinned to
 * (their endpoint was created at another version), so their payloads may lack fields the handlers read.
 */

/** Above the log: how many recent events came at another version, and what to do about it. */
export function ApiVersionWarning({
  count,
  days,
  expected,
}: {
  count: number;
  days: number;
  expected: string;
}) {
  if (count === 0) return null;
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
      <p className="font-medium">
        In the last {days} days, {count === 1 ? "1 event was" : `${count} events were`} sent at another Stripe
        API version than this app&apos;s ({expected}).
      </p>
      <p className="mt-1">
        Its endpoint was created at another version, so the payloads may not have the fields this app reads.
        Create the platform and Connect endpoints again at {expected} (see docs/webhooks.md) and delete the
        old ones.
      </p>
    </div>
  );
}

/** On an event's row flagged by lib/webhooks/api-version.ts: the version it came at. */
export function ApiVersionBadge({
  event,
  expected,
}: {
  event: { apiVersion: string | null; apiVersionMismatch: boolean };
  expected: string;
}) {
  if (!event.apiVersionMismatch) return null;
  return (
    <span className="mt-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
      API version {event.apiVersion} (expected {expected})
    </span>
  );
}
