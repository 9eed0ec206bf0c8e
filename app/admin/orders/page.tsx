import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge, statusLabel } from "@/components/admin/badge";
import { Pagination } from "@/components/shop/pagination";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ResponsiveTable, type Column } from "@/components/ui/responsive-table";
import { ADMIN_ORDER_STATES, orderSearchQuery, searchOrdersForAdmin } from "@/lib/admin/console";
import { pageUser } from "@/lib/auth";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { firstParam, parsePage } from "@/lib/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Orders" };

type Search = Promise<Record<string, string | string[] | undefined>>;
type Row = Awaited<ReturnType<typeof searchOrdersForAdmin>>["items"][number];

const productLink = ({ order, productName }: Row) => (
  <Link href={`/admin/orders/${order.id}`} className="break-words text-brand-700 underline">
    {productName}
    {order.quantity > 1 ? ` × ${order.quantity}` : ""}
  </Link>
);

const COLUMNS: Column<Row>[] = [
  {
    header: "Order",
    rowHeader: true,
    phone: "title",
    phoneCell: productLink,
    cell: (r) => (
      <>
        {productLink(r)}
        <span className="block font-mono text-xs text-slate-500">{r.order.id}</span>
      </>
    ),
  },
  { header: "Buyer", cell: ({ order }) => <span className="break-all">{order.buyerEmail}</span> },
  {
    header: "Seller",
    cell: ({ sellerName, sellerEmail }) => (
      <>
        {sellerName}
        <span className="block text-xs text-slate-500">{sellerEmail}</span>
      </>
    ),
    phoneCell: ({ sellerName }) => sellerName,
  },
  {
    header: "Amount",
    align: "right",
    phone: "aside",
    cell: ({ order }) => (
      <>
        {formatMoney(order.amount, order.currency)}
        {order.amountRefunded > 0 ? (
          <span className="block text-xs text-slate-500">
            −{formatMoney(order.amountRefunded, order.currency)} refunded
          </span>
        ) : null}
      </>
    ),
  },
  {
    header: "State",
    label: false,
    cell: ({ order }) => (
      <span className="inline-flex flex-wrap gap-1">
        <StatusBadge status={order.status} />
        {order.refundState !== "none" ? <StatusBadge status={order.refundState} /> : null}
        {order.disputed ? <StatusBadge status="disputed" /> : null}
      </span>
    ),
  },
  { header: "Placed", cell: ({ order }) => formatDate(order.createdAt) },
];

export default async function AdminOrdersPage({ searchParams }: { searchParams: Search }) {
  const admin = await pageUser("admin", "/admin/orders");
  const query = await searchParams;
  const { items, total, page, pageCount, filter } = await searchOrdersForAdmin(admin, {
    q: firstParam(query.q),
    seller: firstParam(query.seller),
    state: firstParam(query.state),
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
                {statusLabel(s)}
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
        <ResponsiveTable
          variant="boxed"
          rows={items}
          columns={COLUMNS}
          caption="Orders, newest first"
          rowKey={(r) => r.order.id}
        />
      )}
      <Pagination basePath="/admin/orders" page={page} pageCount={pageCount} params={params} />
    </div>
  );
}
