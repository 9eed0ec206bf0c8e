import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/admin/bar-chart";
import { Card, EmptyState } from "@/components/ui/card";
import { getOverview, OVERVIEW_DAYS } from "@/lib/admin/overview";
import { pageUser } from "@/lib/auth";
import { URGENT_HOURS } from "@/lib/disputes/deadline";
import { countUrgentDisputes } from "@/lib/disputes/views";
import { formatMoney } from "@/lib/money";
import { countOpenFindingsForAdmin } from "@/lib/reconcile/findings";
import { eventsNeedingAttention, MAX_ATTEMPTS } from "@/lib/webhooks/admin-events";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

const count = (value: number) => String(value);

export default async function AdminOverviewPage() {
  const admin = await pageUser("admin", "/admin");
  const [{ currencies, sellers }, openFindings, events, urgentDisputes] = await Promise.all([
    getOverview(admin),
    countOpenFindingsForAdmin(admin),
    eventsNeedingAttention(admin),
    countUrgentDisputes(admin),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">Marketplace overview</h1>
        <p className="text-sm text-slate-600">
          The last {OVERVIEW_DAYS} days (UTC), from the platform&apos;s database.
        </p>
      </div>
      {urgentDisputes > 0 ? (
        <p
          role="alert"
          data-testid="urgent-disputes"
          className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          {urgentDisputes === 1 ? "1 dispute must" : `${urgentDisputes} disputes must`} be answered within{" "}
          {URGENT_HOURS} hours: a dispute nobody answers is lost at its deadline.{" "}
          <Link href="/admin/disputes" className="font-medium underline">
            Answer disputes
          </Link>
        </p>
      ) : null}
      {events.dead > 0 ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {events.dead === 1 ? "1 Stripe event is" : `${events.dead} Stripe events are`} dead (applying failed{" "}
          {MAX_ATTEMPTS} times) and will not be retried on their own.{" "}
          <Link href="/admin/events?status=dead" className="font-medium underline">
            Review dead events
          </Link>
        </p>
      ) : null}
      {openFindings > 0 ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {openFindings === 1 ? "1 difference" : `${openFindings} differences`} between paid orders and
          Stripe.{" "}
          <Link href="/admin/jobs" className="font-medium underline">
            See the reconciliation findings
          </Link>
        </p>
      ) : null}
      {currencies.length === 0 ? (
        <EmptyState title={`No payments in the last ${OVERVIEW_DAYS} days.`} />
      ) : (
        currencies.map((c) => {
          const money = (value: number) => formatMoney(value, c.currency);
          return (
            <section key={c.currency} aria-labelledby={`overview-${c.currency}`} className="space-y-4">
              <h2 id={`overview-${c.currency}`} className="text-lg font-semibold">
                {c.currency.toUpperCase()}
              </h2>
              <div className="grid gap-4 md:grid-cols-2">
                <Card>
                  <BarChart title="Gross volume" points={c.gross} format={money} />
                </Card>
                <Card>
                  <BarChart title="Platform fees earned" points={c.fees} format={money} tone="green" />
                </Card>
                <Card>
                  <BarChart title="Refunds" points={c.refunds} format={money} tone="amber" />
                  <p className="mt-2 text-xs text-slate-500">
                    {c.refundCount.reduce((s, p) => s + p.value, 0)} refunds
                  </p>
                </Card>
                <Card>
                  <BarChart title="Disputes" points={c.disputeCount} format={count} tone="red" />
                  <p className="mt-2 text-xs text-slate-500">
                    {money(c.disputes.reduce((s, p) => s + p.value, 0))} disputed
                  </p>
                </Card>
              </div>
            </section>
          );
        })
      )}
      <Card title={`Totals per seller (last ${OVERVIEW_DAYS} days)`}>
        {sellers.length === 0 ? (
          <p className="text-sm text-slate-600">No seller has been paid in this period.</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Succeeded orders per seller, biggest volume first</caption>
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-2 font-medium">
                    Seller
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    Orders
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    Gross volume
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    Platform fees
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    Refunded
                  </th>
                </tr>
              </thead>
              <tbody>
                {sellers.map((s) => (
                  <tr key={`${s.sellerId}-${s.currency}`} className="border-t border-slate-100">
                    <th scope="row" className="py-2 font-normal">
                      <Link href={`/admin/orders?seller=${s.sellerId}`} className="text-brand-700 underline">
                        {s.sellerName}
                      </Link>
                    </th>
                    <td className="py-2 text-right tabular-nums">{s.orders}</td>
                    <td className="py-2 text-right tabular-nums">{formatMoney(s.gross, s.currency)}</td>
                    <td className="py-2 text-right tabular-nums">{formatMoney(s.fees, s.currency)}</td>
                    <td className="py-2 text-right tabular-nums">{formatMoney(s.refunded, s.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
