import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { RefundWithActor } from "@/db/queries/refunds";
import type { AuditLog, Dispute, StripeEventRow } from "@/db/schema";
import { actionLabel, describeAuditDetails } from "@/lib/admin/audit-view";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { StatusBadge } from "./badge";
import { RefundStepNote } from "./refund-step-note";

/** The order detail's history: refunds, disputes, the webhook events that touched it, and admin actions. */
export function OrderActivity({
  currency,
  refunds,
  disputes,
  events,
  audit,
}: {
  currency: string;
  refunds: RefundWithActor[];
  disputes: Dispute[];
  events: StripeEventRow[];
  audit: AuditLog[];
}) {
  const th = "px-3 py-2 font-medium";
  const td = "px-3 py-2";
  return (
    <div className="space-y-6">
      <Card title="Refunds">
        {refunds.length === 0 ? (
          <p className="text-sm text-slate-600">No refunds.</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Refunds of this order, oldest first</caption>
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className={th}>
                    When
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Amount
                  </th>
                  <th scope="col" className={th}>
                    Status
                  </th>
                  <th scope="col" className={th}>
                    Reason
                  </th>
                  <th scope="col" className={th}>
                    Fee returned
                  </th>
                  <th scope="col" className={th}>
                    By
                  </th>
                  <th scope="col" className={th}>
                    Stripe refund
                  </th>
                </tr>
              </thead>
              <tbody>
                {refunds.map(({ refund, createdByEmail, step }) => (
                  <tr key={refund.id} className="border-t border-slate-100 align-top">
                    <td className={td}>{formatDate(refund.createdAt)}</td>
                    <td className={`${td} text-right tabular-nums`}>
                      {formatMoney(refund.amount, refund.currency)}
                    </td>
                    <td className={td}>
                      <StatusBadge status={refund.status} />
                      {refund.failureReason ? (
                        // A pending refund's note says why Stripe holds it (not a failure); a failed one's, why it failed.
                        <span
                          className={`mt-1 block text-xs ${refund.status === "pending" ? "text-amber-800" : "text-red-700"}`}
                          data-testid="refund-note"
                        >
                          {refund.failureReason}
                        </span>
                      ) : null}
                    </td>
                    <td className={td}>{refund.reason?.replaceAll("_", " ") ?? "—"}</td>
                    <td className={td}>{refund.refundApplicationFee ? "yes" : "no"}</td>
                    <td className={td}>{createdByEmail ?? "outside the app"}</td>
                    <td className={`${td} font-mono text-xs`}>
                      {refund.stripeRefundId ?? "—"}
                      {step && step.amount > 0 ? (
                        <RefundStepNote
                          step={step}
                          buyerRefundFailed={refund.status === "failed" || refund.status === "canceled"}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {disputes.length > 0 ? (
        <Card title="Disputes">
          <ul className="space-y-2 text-sm">
            {disputes.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-2">
                <StatusBadge status={d.status} />
                <span>{formatMoney(d.amount, d.currency || currency)}</span>
                <span className="text-slate-600">{d.reason.replaceAll("_", " ")}</span>
                <code className="text-xs">{d.stripeDisputeId}</code>
                <span className="text-slate-500">{formatDate(d.createdAt)}</span>
                <Link href={`/admin/disputes/${d.id}`} className="text-brand-700 underline">
                  {d.closedAt ? "View dispute" : "Answer the dispute"}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card
        title="Stripe events"
        actions={
          <Link href="/admin/events" className="text-sm text-brand-700 underline">
            All events
          </Link>
        }
      >
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">No webhook event has touched this order yet.</p>
        ) : (
          <ol
            className="space-y-2 border-l border-slate-200 pl-4 text-sm"
            aria-label="Stripe events, oldest first"
          >
            {events.map((e) => (
              <li key={e.id}>
                <span className="font-medium">{e.type}</span> <StatusBadge status={e.status} />{" "}
                <span className="text-slate-500">{formatDate(e.stripeCreated)}</span>{" "}
                <code className="text-xs text-slate-500">{e.id}</code>
                {e.error ? <span className="block text-xs text-red-700">{e.error}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Card title="Admin actions">
        {audit.length === 0 ? (
          <p className="text-sm text-slate-600">No admin has acted on this order.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {audit.map((a) => (
              <li key={a.id} data-testid="order-audit">
                <span className="text-slate-500">{formatDate(a.createdAt)}</span> {a.actorEmail} ·{" "}
                {actionLabel(a.action)} <StatusBadge status={a.result} />
                {describeAuditDetails(a.details).length > 0 ? (
                  <span className="block text-xs text-slate-600">
                    {describeAuditDetails(a.details).join(" · ")}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
