import Link from "next/link";
import type { ReactNode } from "react";
import type { DisputeListRow } from "@/db/queries/dispute-views";
import type { Dispute } from "@/db/schema";
import { DISPUTE_FEE_POLICY, disputeCost } from "@/lib/disputes/money";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { DisputeDeadline, DisputeStatusBadge, disputeReason } from "./dispute-status";

/* The admin dispute page's two fact lists: the dispute itself, and what it took from the seller. */

function Facts({ facts, testId }: { facts: [string, ReactNode][]; testId?: string }) {
  return (
    <dl
      className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]"
      data-testid={testId}
    >
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-600">{term}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const link = "text-brand-700 underline";

export function DisputeFacts({ row, now }: { row: DisputeListRow; now: Date }) {
  const { dispute } = row;
  const facts: [string, ReactNode][] = [
    [
      "Stripe dispute",
      <code key="du" className="break-all">
        {dispute.stripeDisputeId}
      </code>,
    ],
    [
      "Status",
      <span key="status" data-testid="dispute-status">
        <DisputeStatusBadge status={dispute.status} />
      </span>,
    ],
    ["Reason", disputeReason(dispute.reason)],
    ["Respond by", <DisputeDeadline key="due" dispute={dispute} now={now} testId="dispute-deadline" />],
    ["Evidence submitted", dispute.submissionCount === 0 ? "Not yet" : `${dispute.submissionCount} time(s)`],
    ["Disputed amount", formatMoney(dispute.amount, dispute.currency)],
    [
      "Order",
      row.orderId ? (
        <Link key="order" href={`/admin/orders/${row.orderId}`} className={link}>
          {row.productName ?? "Order"}
          {row.quantity && row.quantity > 1 ? ` × ${row.quantity}` : ""}
        </Link>
      ) : (
        "Not one of our orders"
      ),
    ],
    [
      "Seller",
      row.sellerId ? (
        <Link key="seller" href={`/admin/orders?seller=${row.sellerId}`} className={link}>
          {row.sellerName}
        </Link>
      ) : (
        "—"
      ),
    ],
    [
      "Buyer",
      <span key="buyer" className="break-all">
        {row.buyerEmail ?? "—"}
      </span>,
    ],
    [
      "Charge",
      <code key="ch" className="break-all">
        {dispute.chargeId}
      </code>,
    ],
    ["Connected account", <code key="acct">{dispute.stripeAccountId ?? "platform account"}</code>],
    ["Opened", `${formatDate(dispute.createdAt)} UTC`],
    ...(dispute.closedAt ? [["Closed", `${formatDate(dispute.closedAt)} UTC`] as [string, ReactNode]] : []),
  ];
  return <Facts facts={facts} />;
}

export function DisputeMoney({ dispute }: { dispute: Dispute }) {
  const money = (minor: number) => formatMoney(minor, dispute.currency);
  const cost = disputeCost(dispute);
  return (
    <div className="space-y-3">
      <Facts
        testId="dispute-cost"
        facts={[
          ["Disputed amount withdrawn", money(dispute.amountWithdrawn)],
          ["Stripe dispute fee", money(dispute.feeWithdrawn)],
          ["Reinstated", money(dispute.amountReinstated)],
          ["Net cost to the seller", <strong key="total">{money(cost.total)}</strong>],
        ]}
      />
      <p className="text-xs text-slate-500">
        {DISPUTE_FEE_POLICY} The platform is liable for what the seller&apos;s balance cannot cover.
      </p>
    </div>
  );
}
