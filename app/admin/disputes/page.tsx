import type { Metadata } from "next";
import Link from "next/link";
import {
  DisputeDeadline,
  DisputeStatusBadge,
  disputeOutcome,
  disputeReason,
} from "@/components/admin/disputes/dispute-status";
import { EmptyState } from "@/components/ui/card";
import { ResponsiveTable, type Column } from "@/components/ui/responsive-table";
import type { DisputeListRow } from "@/db/queries/dispute-views";
import { pageUser } from "@/lib/auth";
import { URGENT_HOURS } from "@/lib/disputes/deadline";
import { disputeCost } from "@/lib/disputes/money";
import { disputeQueue } from "@/lib/disputes/views";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Disputes" };

const link = "text-brand-700 underline";

const disputeLink = ({ dispute, productName, quantity }: DisputeListRow) => (
  <Link href={`/admin/disputes/${dispute.id}`} className={`break-words ${link}`}>
    {productName ?? "Unknown order"}
    {quantity && quantity > 1 ? ` × ${quantity}` : ""}
    {/* In the link's name too, so it reads "… dispute du_…" to a screen reader (and a test). */}
    <span className="block font-mono text-xs break-all text-slate-500">
      <span className="sr-only">dispute </span>
      {dispute.stripeDisputeId}
    </span>
  </Link>
);

const amount = ({ dispute }: DisputeListRow) => formatMoney(dispute.amount, dispute.currency);

const head: Column<DisputeListRow>[] = [
  { header: "Dispute", rowHeader: true, phone: "title", cell: disputeLink },
  { header: "Amount", align: "right", phone: "aside", cell: amount },
];
const reason: Column<DisputeListRow> = {
  header: "Reason",
  cell: ({ dispute }) => disputeReason(dispute.reason),
};
const who: Column<DisputeListRow>[] = [
  { header: "Seller", cell: ({ sellerName }) => sellerName ?? "—" },
  { header: "Buyer", cell: ({ buyerEmail }) => <span className="break-all">{buyerEmail ?? "—"}</span> },
  {
    header: "Order",
    cell: ({ orderId }) =>
      orderId ? (
        <Link href={`/admin/orders/${orderId}`} className={link}>
          View order
        </Link>
      ) : (
        "Not one of our orders"
      ),
  },
];

function openColumns(now: Date): Column<DisputeListRow>[] {
  return [
    ...head,
    {
      header: "Respond by",
      cell: ({ dispute }) => <DisputeDeadline dispute={dispute} now={now} testId="dispute-deadline" />,
    },
    {
      header: "Status",
      label: false,
      cell: ({ dispute }) => (
        <span data-testid="dispute-status">
          <DisputeStatusBadge status={dispute.status} />
        </span>
      ),
    },
    reason,
    ...who,
  ];
}

const CLOSED: Column<DisputeListRow>[] = [
  ...head,
  {
    header: "Outcome",
    label: false,
    cell: ({ dispute }) => (
      <span title={disputeOutcome(dispute.status, "the seller's")}>
        <DisputeStatusBadge status={dispute.status} />
      </span>
    ),
  },
  {
    header: "Cost to the seller",
    align: "right",
    cell: ({ dispute }) => formatMoney(disputeCost(dispute).total, dispute.currency),
  },
  { header: "Closed", cell: ({ dispute }) => (dispute.closedAt ? formatDate(dispute.closedAt) : "—") },
  ...who,
];

/** Disputes on sellers' accounts: the platform answers them, nearest deadline first. */
export default async function AdminDisputesPage() {
  const admin = await pageUser("admin", "/admin/disputes");
  const { open, closed } = await disputeQueue(admin);
  const now = new Date();
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Disputes</h1>
        <p className="text-sm text-slate-600">
          Sellers cannot answer disputes themselves: the platform does, and pays what a seller&apos;s balance
          cannot cover. A dispute nobody answers is lost at its deadline. Deadlines less than {URGENT_HOURS}{" "}
          hours away are flagged.
        </p>
      </div>
      <section aria-labelledby="open-disputes" className="space-y-3">
        <h2 id="open-disputes" className="text-lg font-semibold">
          Open <span className="tabular-nums text-slate-500">({open.length})</span>
        </h2>
        {open.length === 0 ? (
          <EmptyState title="No open disputes.">
            Disputes appear here when a buyer&apos;s bank disputes a payment.
          </EmptyState>
        ) : (
          <ResponsiveTable
            variant="boxed"
            rows={open}
            columns={openColumns(now)}
            caption="Open disputes, the least time left to respond first"
            rowKey={(r) => r.dispute.id}
            rowTestId="open-dispute"
          />
        )}
      </section>
      <section aria-labelledby="closed-disputes" className="space-y-3">
        <h2 id="closed-disputes" className="text-lg font-semibold">
          Recently closed
        </h2>
        {closed.length === 0 ? (
          <EmptyState title="No closed disputes yet." />
        ) : (
          <ResponsiveTable
            variant="boxed"
            rows={closed}
            columns={CLOSED}
            caption="Closed disputes, the latest first"
            rowKey={(r) => r.dispute.id}
            rowTestId="closed-dispute"
          />
        )}
      </section>
    </div>
  );
}
