import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/admin/badge";
import { Pagination } from "@/components/shop/pagination";
import { EmptyState } from "@/components/ui/card";
import { actionLabel, describeAuditDetails, orderShortRef } from "@/lib/admin/audit-view";
import { listAuditForAdmin } from "@/lib/admin/console";
import { pageUser } from "@/lib/auth";
import { formatDate } from "@/lib/format";
import { parsePage } from "@/lib/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminAuditPage({ searchParams }: { searchParams: Search }) {
  const admin = await pageUser("admin", "/admin/audit");
  const { items, page, pageCount } = await listAuditForAdmin(admin, parsePage((await searchParams).page));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Audit log</h1>
      {items.length === 0 ? (
        <EmptyState title="No admin actions yet." />
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Admin actions, newest first</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  When
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Who
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  What
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Target
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Result
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap px-4 py-3">{formatDate(a.createdAt)}</td>
                  <td className="break-all px-4 py-3">{a.actorEmail}</td>
                  <td className="px-4 py-3">
                    <span className="font-medium">{actionLabel(a.action)}</span>
                    <span className="block text-xs text-slate-600">
                      {describeAuditDetails(a.details).join(" · ")}
                    </span>
                  </td>
                  <td className="px-4 py-3">
                    {a.targetType === "order" ? (
                      <Link href={`/admin/orders/${a.targetId}`} className="text-brand-700 underline">
                        {orderShortRef(a.targetId)}
                        {a.order ? (
                          <span className="block text-xs">
                            {a.order.productName} · {a.order.shopName}
                          </span>
                        ) : null}
                      </Link>
                    ) : (
                      <span className="text-xs">
                        {a.targetType === "stripe_event"
                          ? "Webhook event"
                          : a.targetType.replaceAll("_", " ")}{" "}
                        <code>{a.targetId}</code>
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={a.result} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination basePath="/admin/audit" page={page} pageCount={pageCount} />
    </div>
  );
}
