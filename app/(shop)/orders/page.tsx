import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/shop/pagination";
import { EmptyState } from "@/components/ui/card";
import { ResponsiveTable, type Column } from "@/components/ui/responsive-table";
import { pageUser } from "@/lib/auth";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { withAuthorizations } from "@/lib/payments/order-authorization";
import { describeOrder } from "@/lib/payments/order-status";
import { listMyOrders } from "@/lib/payments/orders";
import { parsePage } from "@/lib/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My orders" };

type Row = Awaited<ReturnType<typeof withAuthorizations<MyOrder>>>[number];
type MyOrder = Awaited<ReturnType<typeof listMyOrders>>["items"][number];

const COLUMNS: Column<Row>[] = [
  {
    header: "Product",
    phone: "title",
    rowHeader: true,
    cell: ({ order, productName }) => (
      <Link href={`/orders/${order.id}`} className="text-brand-700 underline">
        {productName}
        {order.quantity > 1 ? ` × ${order.quantity}` : ""}
      </Link>
    ),
  },
  { header: "Seller", cell: ({ sellerName }) => sellerName },
  { header: "Total", phone: "aside", cell: ({ order }) => formatMoney(order.amount, order.currency) },
  {
    header: "Status",
    cell: ({ order, authorization }) => describeOrder({ ...order, authorization }).title,
  },
  { header: "Placed", cell: ({ order }) => formatDate(order.createdAt) },
];

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await pageUser(undefined, "/orders");
  const { items: orders, page, pageCount } = await listMyOrders(user, parsePage((await searchParams).page));
  const items = await withAuthorizations(orders);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">My orders</h1>
      {items.length === 0 ? (
        <EmptyState title="You have no orders yet.">
          <Link href="/shop" className="text-brand-700 underline">
            Browse the shop
          </Link>
        </EmptyState>
      ) : (
        <ResponsiveTable
          rows={items}
          columns={COLUMNS}
          caption="Your orders, newest first"
          rowKey={(row) => row.order.id}
          variant="boxed"
        />
      )}
      <Pagination basePath="/orders" page={page} pageCount={pageCount} />
    </div>
  );
}
