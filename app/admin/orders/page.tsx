import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/admin/badge";
import { Pagination } from "@/components/shop/pagination";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ADMIN_ORDER_STATES, orderSearchQuery, searchOrdersForAdmin } from "@/lib/admin/console";
import { pageUser } from "@/lib/auth";
import { formatDate, formatMoney } from "@/lib/format";
import { parsePage } from "@/lib/payments/pagination";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Orders" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AdminOrdersPage({ searchParams }: { searchParams: Search }) {
  const admin = await pageUser("admin", "/admin/orders");
  const query = await searchParams;
  const { items, total, page, pageCount, filter } = await searchOrdersForAdmin(admin, {
    q: first(query.q),
    seller: first(query.seller),
    state: first(query.state),
    page: parsePage(query.page),
  });
  const params = orderSearchQuery(filter);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Orders</h1>
      <form
        role="search"
        aria-label="Orders"
        className="flex flex-wrap items-end gap-3"
        action="/admin/orders"
      >
        <div className="min-w-64 flex-1 space-y-1">
          <label htmlFor="orders-q" className="block text-sm font-medium text-slate-700">
            Search
          </label>
          <input
            id="orders-q"
            name="q"
            type="search"
            defaultValue={filter.q ?? ""}
            placeholder="Order id, pi_… / ch_…, buyer email, seller"
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="orders-state" className="block text-sm font-medium text-slate-700">
            State
          </label>
          <select
            id="orders-state"
            name="state"
            defaultValue={filter.state ?? ""}
            className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">Any state</option>
            {ADMIN_ORDER_STATES.map((s) => (
              <option key={s} value={s}>
                {s.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </div>
        {filter.sellerId ? <input type="hidden" name="seller" value={filter.sellerId} /> : null}
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
        {filter.q || filter.state || filter.sellerId ? (
          <Link href="/admin/orders" className={buttonClass("ghost")}>
            Clear filters
          </Link>
        ) : null}
      </form>
      <p className="text-sm text-slate-600" role="status">
        {total} {total === 1 ? "order" : "orders"}
        {filter.sellerId ? " of one seller" : ""}
      </p>
      {items.length === 0 ? (
        <EmptyState title="No orders match." />
      ) : (
        <>
          {/* Phones: one card per order, nothing to scroll sideways. */}
          <ul className="space-y-3 sm:hidden" aria-label="Orders, newest first">
            {items.map(({ order, productName, sellerName }) => (
              <li key={order.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <div className="flex items-start justify-between gap-3">
                  <Link
                    href={`/admin/orders/${order.id}`}
                    className="min-w-0 break-words font-medium text-brand-700 underline"
                  >
                    {productName}
                    {order.quantity > 1 ? ` × ${order.quantity}` : ""}
                  </Link>
                  <span className="shrink-0 text-right tabular-nums">
                    {formatMoney(order.amount, order.currency)}
                    {order.amountRefunded > 0 ? (
                      <span className="block text-xs text-slate-500">
                        −{formatMoney(order.amountRefunded, order.currency)} refunded
                      </span>
                    ) : null}
                  </span>
                </div>
                <p className="mt-2 flex flex-wrap gap-1">
                  <StatusBadge status={order.status} />
                  {order.refundState !== "none" ? <StatusBadge status={order.refundState} /> : null}
                  {order.disputed ? <StatusBadge status="disputed" /> : null}
                </p>
                <p className="mt-2 break-all text-xs text-slate-600">
                  {sellerName} · {order.buyerEmail} · {formatDate(order.createdAt)}
                </p>
              </li>
            ))}
          </ul>
          <div className="relative hidden overflow-x-auto rounded-lg border border-slate-200 bg-white sm:block">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Orders, newest first</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Order
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Buyer
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Seller
                  </th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">
                    Amount
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    State
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Placed
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map(({ order, productName, sellerName, sellerEmail }) => (
                  <tr key={order.id} className="border-t border-slate-100 align-top">
                    <th scope="row" className="px-4 py-3 font-normal">
                      <Link href={`/admin/orders/${order.id}`} className="text-brand-700 underline">
                        {productName}
                        {order.quantity > 1 ? ` × ${order.quantity}` : ""}
                      </Link>
                      <span className="block font-mono text-xs text-slate-500">{order.id}</span>
                    </th>
                    <td className="px-4 py-3">{order.buyerEmail}</td>
                    <td className="px-4 py-3">
                      {sellerName}
                      <span className="block text-xs text-slate-500">{sellerEmail}</span>
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      {formatMoney(order.amount, order.currency)}
                      {order.amountRefunded > 0 ? (
                        <span className="block text-xs text-slate-500">
                          −{formatMoney(order.amountRefunded, order.currency)}
                        </span>
                      ) : null}
                    </td>
                    <td className="space-x-1 px-4 py-3">
                      <StatusBadge status={order.status} />
                      {order.refundState !== "none" ? <StatusBadge status={order.refundState} /> : null}
                      {order.disputed ? <StatusBadge status="disputed" /> : null}
                    </td>
                    <td className="px-4 py-3">{formatDate(order.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pagination basePath="/admin/orders" page={page} pageCount={pageCount} params={params} />
    </div>
  );
}
