import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/admin/badge";
import { ApiVersionBadge, ApiVersionWarning } from "@/components/admin/events-api-version";
import { ReapplyEventButton } from "@/components/admin/reapply-event-button";
import { Pagination } from "@/components/shop/pagination";
import { EmptyState } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { formatDate } from "@/lib/format";
import { parsePage } from "@/lib/params";
import {
  API_VERSION_WARNING_DAYS,
  EVENT_STATUSES,
  EXPECTED_EVENT_API_VERSION,
  listEventsForAdmin,
  MAX_ATTEMPTS,
  parseEventStatus,
} from "@/lib/webhooks/admin-events";
import { reapplyEventAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stripe events" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Every webhook event received, newest first: what it was, for which account, and what we did with it. */
export default async function AdminEventsPage({ searchParams }: { searchParams: Search }) {
  const admin = await pageUser("admin", "/admin/events");
  const params = await searchParams;
  const status = parseEventStatus(params.status);
  const { items, counts, otherVersion, page, pageCount } = await listEventsForAdmin(admin, {
    page: parsePage(params.page),
    status,
  });
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const filters = [
    { key: undefined, label: "All", n: total },
    ...EVENT_STATUSES.map((s) => ({ key: s, label: s, n: counts[s] })),
  ];
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Stripe events</h1>
        <p className="text-sm text-slate-600">
          Webhook events from the platform and Connect endpoints, and those the reconciliation job found
          missing. Each is stored when it arrives and applied right after; a failed event is retried
          automatically with a growing delay, and after {MAX_ATTEMPTS} attempts it is <strong>dead</strong>
          until you retry it here once the cause is fixed.
        </p>
      </div>
      {counts.dead > 0 ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {counts.dead === 1 ? "One event is" : `${counts.dead} events are`} dead: no more automatic retries.{" "}
          <Link href="/admin/events?status=dead" className="font-medium underline">
            Review them
          </Link>
          .
        </p>
      ) : null}
      <ApiVersionWarning
        count={otherVersion}
        days={API_VERSION_WARNING_DAYS}
        expected={EXPECTED_EVENT_API_VERSION}
      />
      <nav aria-label="Filter events by status" className="flex flex-wrap gap-2 text-sm">
        {filters.map((f) => (
          <Link
            key={f.label}
            href={f.key ? `/admin/events?status=${f.key}` : "/admin/events"}
            aria-current={status === f.key ? "page" : undefined}
            className={`rounded-full border px-3 py-1 capitalize ${status === f.key ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            {f.label} <span className="tabular-nums text-slate-500">({f.n})</span>
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <EmptyState title={status ? `No ${status} events.` : "No events received yet."}>
          See docs/webhooks.md to forward Stripe&apos;s events to this app.
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Stripe webhook events, newest first</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Received
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Type
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Account
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Result
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Order
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap px-4 py-3">
                    {formatDate(e.receivedAt)}
                    <span className="block text-xs text-slate-500">
                      created {formatDate(e.stripeCreated)}
                    </span>
                  </td>
                  <td className="px-4 py-3">
                    <span className="font-medium">{e.type}</span>
                    <code className="block text-xs text-slate-500">{e.id}</code>
                    <ApiVersionBadge event={e} expected={EXPECTED_EVENT_API_VERSION} />
                  </td>
                  <td className="px-4 py-3 font-mono text-xs">{e.account ?? "platform"}</td>
                  <td className="px-4 py-3">
                    <StatusBadge status={e.status} />
                    {e.attempts > 1 ? (
                      <span className="ml-2 text-xs text-slate-500">{e.attempts} attempts</span>
                    ) : null}
                    {e.source === "reconciliation" ? (
                      <span className="block text-xs text-amber-800">
                        missed by delivery; found by reconciliation
                      </span>
                    ) : null}
                    {e.status === "failed" ? (
                      <span className="block text-xs text-slate-500">
                        next try {formatDate(e.nextAttemptAt)}
                      </span>
                    ) : null}
                    {e.appliedAt ? (
                      <span className="block text-xs text-slate-500">applied {formatDate(e.appliedAt)}</span>
                    ) : null}
                    {e.error ? (
                      <span
                        className={`mt-1 block max-w-md break-words text-xs ${e.status === "failed" || e.status === "dead" ? "text-red-700" : "text-slate-600"}`}
                      >
                        {e.error}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-4 py-3">
                    {e.orderId ? (
                      <Link
                        href={`/admin/orders/${e.orderId}`}
                        className="font-mono text-xs text-brand-700 underline"
                      >
                        {e.orderId.slice(0, 8)}
                      </Link>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    {e.status === "failed" || e.status === "dead" ? (
                      <ReapplyEventButton eventId={e.id} reapplyAction={reapplyEventAction} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        basePath="/admin/events"
        page={page}
        pageCount={pageCount}
        params={status ? { status } : {}}
      />
    </div>
  );
}
