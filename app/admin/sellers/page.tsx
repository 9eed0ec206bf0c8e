import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/admin/badge";
import { Pagination } from "@/components/shop/pagination";
import { EmptyState } from "@/components/ui/card";
import { listSellersForAdmin } from "@/lib/admin/console";
import { pageUser } from "@/lib/auth";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { parsePage } from "@/lib/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sellers" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const paidOrders = (n: number) => `${n} paid ${n === 1 ? "order" : "orders"}`;

export default async function AdminSellersPage({ searchParams }: { searchParams: Search }) {
  const admin = await pageUser("admin", "/admin/sellers");
  const { items, page, pageCount, total } = await listSellersForAdmin(
    admin,
    parsePage((await searchParams).page),
  );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Sellers</h1>
        <p className="text-sm text-slate-600">
          {total} sellers. Account status as last reported by Stripe&apos;s account.updated events.
        </p>
      </div>
      {items.length === 0 ? (
        <EmptyState title="No sellers yet." />
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Sellers and their Stripe account status</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Seller
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Stripe account
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Requirements due
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Volume
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Orders
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const a = s.account;
                return (
                  <tr key={s.id} className="border-t border-slate-100 align-top">
                    <th scope="row" className="px-4 py-3 font-normal">
                      <span className="block font-medium">{s.businessName ?? s.name}</span>
                      <span className="block text-slate-500">{s.email}</span>
                      <span className="block text-xs text-slate-500">since {formatDate(s.createdAt)}</span>
                    </th>
                    <td className="px-4 py-3 font-mono text-xs">
                      {a ? `${a.stripeAccountId} (${a.type})` : "none yet"}
                    </td>
                    <td className="px-4 py-3">
                      {!a ? (
                        <Badge tone="slate">not connected</Badge>
                      ) : s.disconnected && a.disconnectedAt ? (
                        <Badge tone="red">disconnected {formatDate(a.disconnectedAt)}</Badge>
                      ) : (
                        <ul className="space-y-1">
                          <li>
                            <Badge tone={a.chargesEnabled ? "green" : "amber"}>
                              charges {a.chargesEnabled ? "enabled" : "disabled"}
                            </Badge>
                          </li>
                          <li>
                            <Badge tone={a.payoutsEnabled ? "green" : "amber"}>
                              payouts {a.payoutsEnabled ? "enabled" : "disabled"}
                            </Badge>
                          </li>
                          {a.disabledReason ? (
                            <li className="text-xs text-red-700">{a.disabledReason}</li>
                          ) : null}
                        </ul>
                      )}
                    </td>
                    <td className="px-4 py-3">
                      {s.requirementsDue.length === 0 ? (
                        <span className="text-slate-500">none</span>
                      ) : (
                        <ul className="list-disc pl-4 text-xs">
                          {s.requirementsDue.map((r) =>
                            r.pastDue ? (
                              <li key={`past-${r.field}`} className="text-red-700">
                                {r.field} (past due)
                              </li>
                            ) : (
                              <li key={`now-${r.field}`}>{r.field}</li>
                            ),
                          )}
                        </ul>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      {s.volume.length === 0
                        ? formatMoney(0, "usd")
                        : s.volume.map((v) => (
                            <span key={v.currency} className="block">
                              {formatMoney(v.gross, v.currency)}
                              {v.refunded > 0 ? (
                                <span className="block text-xs text-slate-500">
                                  −{formatMoney(v.refunded, v.currency)} refunded
                                </span>
                              ) : null}
                            </span>
                          ))}
                    </td>
                    <td className="px-4 py-3">
                      <Link href={`/admin/orders?seller=${s.id}`} className="text-brand-700 underline">
                        {paidOrders(s.volume.reduce((n, v) => n + v.orders, 0))}
                        <span className="sr-only"> of {s.businessName ?? s.name}</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination basePath="/admin/sellers" page={page} pageCount={pageCount} />
    </div>
  );
}
