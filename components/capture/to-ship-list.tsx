import Link from "next/link";
import { EmptyState } from "@/components/ui/card";
import { ResponsiveTable, type Column } from "@/components/ui/responsive-table";
import type { OrderToShip } from "@/db/queries/authorizations";
import type { ReleasedOrder } from "@/db/queries/seller-authorizations";
import { RELEASE_REASON_TEXT, timeLeft } from "@/lib/connect/seller-orders";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

/* The "To ship" page's two lists (cards on phones, tables from `sm` up). Each order opens its page. */

function OrderLink({ id, name, quantity }: { id: string; name: string; quantity: number }) {
  return (
    <Link prefetch={false} href={`/dashboard/orders/${id}`} className="font-medium text-brand-700 underline">
      {name}
      {quantity > 1 ? <span className="text-slate-500"> × {quantity}</span> : null}
    </Link>
  );
}

function ShipBy({ order, now, soonHours }: { order: OrderToShip; now: Date; soonHours: number }) {
  if (!order.captureBefore) return <span className="text-slate-500">—</span>;
  const urgent = order.captureBefore.getTime() - now.getTime() < soonHours * 60 * 60 * 1000;
  return (
    <span className={urgent ? "font-medium text-red-700" : undefined}>
      {formatDate(order.captureBefore)}{" "}
      <span className={urgent ? undefined : "text-slate-500"}>
        ({timeLeft(order.captureBefore, now)} left)
      </span>
      {urgent ? (
        <span className="ml-1 rounded-full bg-red-50 px-2 py-0.5 text-xs text-red-800 ring-1 ring-red-200">
          Ship within {soonHours} h
        </span>
      ) : null}
    </span>
  );
}

function StateNote({ order }: { order: OrderToShip }) {
  if (order.settling) return <span className="text-slate-600">Being shipped or canceled…</span>;
  if (order.lastError) return <span className="text-red-700">{order.lastError}</span>;
  return null;
}

export function ToShipList({
  orders,
  now,
  soonHours,
}: {
  orders: OrderToShip[];
  now: Date;
  soonHours: number;
}) {
  if (orders.length === 0)
    return (
      <EmptyState title="Nothing to ship.">
        Orders of your “Charge when I ship” products appear here once the buyer’s card is authorised.
      </EmptyState>
    );
  const columns: Column<OrderToShip>[] = [
    {
      header: "Product",
      cell: (o) => <OrderLink id={o.id} name={o.productName} quantity={o.quantity} />,
      phone: "title",
    },
    {
      header: "Authorised",
      cell: (o) => formatMoney(o.amount, o.currency),
      align: "right",
      phone: "aside",
      className: "whitespace-nowrap",
    },
    { header: "Buyer", cell: (o) => o.buyerEmail, className: "break-all" },
    { header: "Quantity", cell: (o) => o.quantity, phone: "hidden", align: "right" },
    { header: "Ship by", cell: (o) => <ShipBy order={o} now={now} soonHours={soonHours} /> },
    { header: "Note", cell: (o) => <StateNote order={o} />, label: false, srOnlyHeader: true },
  ];
  return (
    <ResponsiveTable
      rows={orders}
      columns={columns}
      caption="Orders to ship"
      rowKey={(o) => o.id}
      rowTestId="to-ship"
    />
  );
}

const RELEASED_COLUMNS: Column<ReleasedOrder>[] = [
  {
    header: "Product",
    cell: (o) => <OrderLink id={o.id} name={o.productName} quantity={o.quantity} />,
    phone: "title",
  },
  {
    header: "Released",
    cell: (o) => formatMoney(o.amount, o.currency),
    align: "right",
    phone: "aside",
    className: "whitespace-nowrap",
  },
  { header: "Why", cell: (o) => (o.reason ? RELEASE_REASON_TEXT[o.reason] : "—") },
  {
    header: "When",
    cell: (o) => (o.releasedAt ? formatDate(o.releasedAt) : "—"),
    className: "whitespace-nowrap",
  },
  { header: "Buyer", cell: (o) => o.buyerEmail, phone: "hidden", className: "break-all" },
];

export function ReleasedList({ orders, days }: { orders: ReleasedOrder[]; days: number }) {
  if (orders.length === 0)
    return <p className="text-sm text-slate-600">No authorisation was released in the last {days} days.</p>;
  return (
    <ResponsiveTable
      rows={orders}
      columns={RELEASED_COLUMNS}
      caption="Recently released authorisations"
      rowKey={(o) => o.id}
      rowTestId="released"
    />
  );
}
