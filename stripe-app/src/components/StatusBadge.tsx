import { Badge } from "@stripe/ui-extension-sdk/ui";
import { humanize } from "../format";

type BadgeType = "neutral" | "urgent" | "warning" | "negative" | "positive" | "info";

const TYPES: Record<string, BadgeType> = {
  succeeded: "positive",
  won: "positive",
  pending: "warning",
  processing: "info",
  authorized: "info",
  under_review: "info",
  warning_under_review: "info",
  requires_action: "warning",
  needs_response: "urgent",
  warning_needs_response: "urgent",
  failed: "negative",
  canceled: "negative",
  lost: "negative",
};

/** A status from the marketplace (order, refund or dispute) as a coloured badge: "Succeeded", "Pending" … */
export function StatusBadge({ status }: { status: string }) {
  return <Badge type={TYPES[status] ?? "neutral"}>{humanize(status)}</Badge>;
}
