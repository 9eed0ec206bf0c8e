import Link from "next/link";
import { EmptyState } from "@/components/ui/card";
import type { SellerOrderRow } from "@/db/queries/seller-dashboard";
import { feeText, sellerOrderStatus, sellerReceives } from "@/lib/connect/seller-orders";
import { formatDate, formatMoney } from "@/lib/format";

/*
 * A seller's paid orders: stacked cards on small screens, a table from `sm` up (in its own scroll
 * container, so it never widens the page). Each order opens its page.
 */

function orderHref(order: SellerOrderRow) {
  return `/dashboard/orders/${order.id}`;
}

function ProductLink({ order }: { order: SellerOrderRow }) {
  return (
    <Link prefetch={false} href={orderHref(order)} className="font-medium text-brand-700 underline">
      {order.productName}
      {order.quantity > 1 ? <span className="text-slate-500"> × {order.quantity}</span> : null}
    </Link>
  );
}

const TH = "px-3 py-2 font-medium first:pl-0 last:pr-0";
const TD = "px-3 py-2 first:pl-0 last:pr-0";

export function SellerOrders({ orders, caption }: { orders: SellerOrderRow[]; caption: string }) {
  if (orders.length === 0)
    return <EmptyState title="No orders yet.">Paid orders for your products will show up here.</EmptyState>;
  return (
    <div>
      <ul className="divide-y divide-slate-100 sm:hidden" aria-label={caption}>
        {orders.map((order) => (
          <li key={order.id} className="space-y-1 py-3 text-sm" data-testid="seller-order">
            <div className="flex items-start justify-between gap-3">
              <ProductLink order={order} />
              <span className="shrink-0 tabular-nums">{formatMoney(order.amount, order.currency)}</span>
            </div>
            <p className="text-slate-600">{sellerOrderStatus(order)}</p>
            <p className="text-slate-600">
              You receive {formatMoney(sellerReceives(order), order.currency)} · platform fee {feeText(order)}
            </p>
            <p className="text-xs text-slate-500">{formatDate(order.createdAt)}</p>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto sm:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className={TH}>
                Date
              </th>
              <th scope="col" className={TH}>
                Product
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Paid
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Platform fee
              </th>
              <th scope="col" className={`${TH} text-right`}>
                You receive
              </th>
              <th scope="col" className={TH}>
                Status
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id} className="border-t border-slate-100" data-testid="seller-order">
                <td className={`${TD} whitespace-nowrap`}>{formatDate(order.createdAt)}</td>
                <td className={TD}>
                  <ProductLink order={order} />
                </td>
                <td className={`${TD} text-right tabular-nums whitespace-nowrap`}>
                  {formatMoney(order.amount, order.currency)}
                </td>
                <td className={`${TD} text-right tabular-nums whitespace-nowrap text-slate-600`}>
                  {feeText(order)}
                </td>
                <td className={`${TD} text-right tabular-nums whitespace-nowrap`}>
                  {formatMoney(sellerReceives(order), order.currency)}
                </td>
                <td className={TD}>{sellerOrderStatus(order)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
