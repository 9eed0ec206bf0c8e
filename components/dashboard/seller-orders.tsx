import Link from "next/link";
import { EmptyState } from "@/components/ui/card";
import { ResponsiveTable, type Column } from "@/components/ui/responsive-table";
import type { SellerOrderRow } from "@/db/queries/seller-dashboard";
import { feeText, sellerOrderStatus, sellerReceives } from "@/lib/connect/seller-orders";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

/* A seller's paid orders (cards on phones, a table from `sm` up). Each order opens its page. */

function ProductLink({ order }: { order: SellerOrderRow }) {
  return (
    <Link
      prefetch={false}
      href={`/dashboard/orders/${order.id}`}
      className="font-medium text-brand-700 underline"
    >
      {order.productName}
      {order.quantity > 1 ? <span className="text-slate-500"> × {order.quantity}</span> : null}
    </Link>
  );
}

const COLUMNS: Column<SellerOrderRow>[] = [
  { header: "Date", cell: (o) => formatDate(o.createdAt), className: "whitespace-nowrap", label: false },
  { header: "Product", cell: (o) => <ProductLink order={o} />, phone: "title" },
  {
    header: "Paid",
    cell: (o) => formatMoney(o.amount, o.currency),
    align: "right",
    phone: "aside",
    className: "whitespace-nowrap",
  },
  {
    header: "Platform fee",
    cell: (o) => feeText(o),
    align: "right",
    className: "whitespace-nowrap text-slate-600",
  },
  {
    header: "You receive",
    cell: (o) => formatMoney(sellerReceives(o), o.currency),
    align: "right",
    className: "whitespace-nowrap",
  },
  { header: "Status", cell: (o) => sellerOrderStatus(o), label: false },
];

export function SellerOrders({ orders, caption }: { orders: SellerOrderRow[]; caption: string }) {
  if (orders.length === 0)
    return <EmptyState title="No orders yet.">Paid orders for your products will show up here.</EmptyState>;
  return (
    <ResponsiveTable
      rows={orders}
      columns={COLUMNS}
      caption={caption}
      rowKey={(o) => o.id}
      rowTestId="seller-order"
    />
  );
}
