import Link from "next/link";
import { DisputeDeadline, DisputeStatusBadge } from "@/components/admin/disputes/dispute-status";
import { ResponsiveTable, type Column } from "@/components/ui/responsive-table";
import type { DisputeListRow } from "@/db/queries/dispute-views";
import { disputeCost } from "@/lib/disputes/money";
import { formatMoney } from "@/lib/money";

/* The seller's disputes on /dashboard/payments: each opens its order's page (notes, files, cost). */

function columns(now: Date): Column<DisputeListRow>[] {
  return [
    {
      header: "Order",
      phone: "title",
      cell: ({ orderId, productName, quantity }) =>
        orderId ? (
          <Link
            prefetch={false}
            href={`/dashboard/orders/${orderId}`}
            className="font-medium text-brand-700 underline"
          >
            {productName}
            {quantity && quantity > 1 ? <span className="text-slate-500"> × {quantity}</span> : null}
          </Link>
        ) : (
          "—"
        ),
    },
    {
      header: "Amount",
      align: "right",
      phone: "aside",
      className: "whitespace-nowrap",
      cell: ({ dispute }) => formatMoney(dispute.amount, dispute.currency),
    },
    { header: "Status", label: false, cell: ({ dispute }) => <DisputeStatusBadge status={dispute.status} /> },
    { header: "Answer due", cell: ({ dispute }) => <DisputeDeadline dispute={dispute} now={now} /> },
    {
      header: "Cost to you",
      align: "right",
      className: "whitespace-nowrap",
      cell: ({ dispute }) => formatMoney(disputeCost(dispute).total, dispute.currency),
    },
  ];
}

export function SellerDisputes({ disputes, now }: { disputes: readonly DisputeListRow[]; now: Date }) {
  return (
    <ResponsiveTable
      rows={disputes}
      columns={columns(now)}
      caption="Your disputes, newest first"
      rowKey={(r) => r.dispute.id}
      rowTestId="seller-dispute-row"
    />
  );
}
