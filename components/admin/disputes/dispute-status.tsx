import { Badge, type BadgeTone } from "@/components/admin/badge";
import type { Dispute } from "@/db/schema";
import { timeLeft } from "@/lib/disputes/deadline";
import { awaitsResponse, disputeStatusLabel } from "@/lib/disputes/status";
import { formatDate } from "@/lib/format";

/* A dispute's status and deadline as the admin and seller pages show them. */

const TONES: Record<string, BadgeTone> = {
  needs_response: "red",
  warning_needs_response: "amber",
  under_review: "blue",
  warning_under_review: "blue",
  won: "green",
  lost: "red",
  warning_closed: "slate",
  prevented: "green",
};

export function DisputeStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "slate"}>{disputeStatusLabel(status)}</Badge>;
}

/**
 * The deadline to answer ("Mar 12, 2026, 11:59 PM UTC · 2 days 4 h left"), flagged when less than 72
 * hours are left. Only while the dispute waits for an answer: afterwards the deadline no longer matters.
 */
export function DisputeDeadline({
  dispute,
  now,
  testId,
}: {
  dispute: Pick<Dispute, "status" | "evidenceDueBy" | "closedAt">;
  now: Date;
  testId?: string;
}) {
  if (dispute.closedAt || !awaitsResponse(dispute.status))
    return <span data-testid={testId}>{dispute.closedAt ? "Closed" : "Answered"}</span>;
  if (!dispute.evidenceDueBy) return <span data-testid={testId}>No deadline given by Stripe</span>;
  const left = timeLeft(dispute.evidenceDueBy, now);
  return (
    <span data-testid={testId} className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      <span>{formatDate(dispute.evidenceDueBy)} UTC</span>
      <span
        data-urgent={left.urgent || undefined}
        className={
          left.urgent
            ? "rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800"
            : "text-xs text-slate-600"
        }
      >
        {left.urgent && !left.overdue ? "⚠ " : ""}
        {left.text}
      </span>
    </span>
  );
}

export const disputeReason = (reason: string) => reason.replaceAll("_", " ");

/** What a closed dispute ended in, for the admin (`whose` = "the seller's") or the seller ("your"). */
export function disputeOutcome(status: string, whose: string): string {
  switch (status) {
    case "won":
      return `Won: the bank decided for the seller and the disputed amount went back to ${whose} balance (Stripe keeps its dispute fee).`;
    case "lost":
      return `Lost: the disputed amount went back to the buyer; it and Stripe's dispute fee stay withdrawn from ${whose} balance.`;
    case "warning_closed":
      return "Inquiry closed: the bank asked about the payment and did not turn it into a dispute. No money moved.";
    case "prevented":
      return "Prevented: the dispute was resolved before it became a chargeback.";
    default:
      return disputeStatusLabel(status);
  }
}
