import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/shop/pagination";
import { EmptyState } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { formatDate, formatMoney } from "@/lib/format";
import { describeOrder } from "@/lib/payments/order-status";
import { listMyOrders } from "@/lib/payments/orders";
import { parsePage } from "@/lib/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My orders" };

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await pageUser(undefined, "/orders");
  const { items, page, pageCount } = await listMyOrders(user, parsePage((await searchParams).page));
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
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your orders, newest first</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Product
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Seller
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Total
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Placed
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ order, productName, sellerName }) => (
                <tr key={order.id} className="border-t border-slate-100">
                  <td className="px-4 py-3">
                    <Link href={`/orders/${order.id}`} className="text-brand-700 underline">
                      {productName}
                      {order.quantity > 1 ? ` × ${order.quantity}` : ""}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{sellerName}</td>
                  <td className="px-4 py-3">{formatMoney(order.amount, order.currency)}</td>
                  <td className="px-4 py-3">{describeOrder(order).title}</td>
                  <td className="px-4 py-3">{formatDate(order.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination basePath="/orders" page={page} pageCount={pageCount} />
    </div>
  );
}
