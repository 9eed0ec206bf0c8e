import type { Metadata } from "next";
import Link from "next/link";
import { RequirementsDue, SellerAccountStatus, SellerVolume } from "@/components/admin/seller-status";
import { Pagination } from "@/components/shop/pagination";
import { EmptyState } from "@/components/ui/card";
import { listSellersForAdmin } from "@/lib/admin/console";
import { pageUser } from "@/lib/auth";
import { formatDate } from "@/lib/format";
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
                      <Link
                        href={`/admin/sellers/${s.id}`}
                        className="block font-medium text-brand-700 underline"
                      >
                        {s.businessName ?? s.name}
                      </Link>
                      <span className="block text-slate-500">{s.email}</span>
                      <span className="block text-xs text-slate-500">since {formatDate(s.createdAt)}</span>
                    </th>
                    <td className="px-4 py-3 font-mono text-xs">
                      {a ? `${a.stripeAccountId} (${a.type})` : "none yet"}
                    </td>
                    <td className="px-4 py-3">
                      <SellerAccountStatus seller={s} />
                    </td>
                    <td className="px-4 py-3">
                      <RequirementsDue seller={s} />
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      <SellerVolume seller={s} />
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
