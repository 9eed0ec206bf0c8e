import { EmptyState } from "@/components/ui/card";
import type { SellerOrderRow } from "@/db/queries/seller-dashboard";
import { formatDate, formatMoney } from "@/lib/format";

const STATUS: Record<SellerOrderRow["status"], string> = {
  pending: "Awaiting payment",
  requires_action: "Awaiting authentication",
  processing: "Processing",
  succeeded: "Paid",
  failed: "Failed",
  canceled: "Canceled",
};

function statusText(order: SellerOrderRow): string {
  if (order.refundState === "refunded") return "Refunded";
  if (order.refundState === "partially_refunded")
    return `Partially refunded (${formatMoney(order.amountRefunded, order.currency)})`;
  return STATUS[order.status];
}

export function RecentOrders({ orders }: { orders: SellerOrderRow[] }) {
  if (orders.length === 0)
    return <EmptyState title="No orders yet.">Orders for your products will show up here.</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your most recent orders</caption>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="py-2 font-medium">
              Date
            </th>
            <th scope="col" className="py-2 font-medium">
              Product
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Amount
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Platform fee
            </th>
            <th scope="col" className="py-2 font-medium">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id} className="border-t border-slate-100">
              <td className="py-2 whitespace-nowrap">{formatDate(order.createdAt)}</td>
              <td className="py-2">
                {order.productName}
                {order.quantity > 1 ? <span className="text-slate-500"> × {order.quantity}</span> : null}
              </td>
              <td className="py-2 text-right tabular-nums">{formatMoney(order.amount, order.currency)}</td>
              <td className="py-2 text-right tabular-nums text-slate-600">
                {formatMoney(order.applicationFeeAmount, order.currency)}
              </td>
              <td className="py-2">{statusText(order)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
