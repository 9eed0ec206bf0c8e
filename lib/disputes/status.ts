/*
 * Dispute statuses as Stripe names them, in the order they move: waiting for the platform's answer →
 * under review by the bank → closed. Inquiries (`warning_*`) take no money; the rest withdraw it at once.
 */

const RANK: Record<string, number> = {
  warning_needs_response: 0,
  needs_response: 0,
  warning_under_review: 1,
  under_review: 1,
  won: 2,
  lost: 2,
  warning_closed: 2,
  prevented: 2,
};

/** A later status may replace an earlier one, never the reverse (events arrive in any order). */
export function canMoveDispute(from: string, to: string): boolean {
  return (RANK[to] ?? 0) > (RANK[from] ?? 0);
}

export function isClosedDispute(status: string): boolean {
  return RANK[status] === 2;
}

/** The bank waits for the platform's evidence: the only statuses in which it can be given or the dispute accepted. */
export function awaitsResponse(status: string): boolean {
  return status === "needs_response" || status === "warning_needs_response";
}

const LABELS: Record<string, string> = {
  warning_needs_response: "Inquiry: response needed",
  needs_response: "Response needed",
  warning_under_review: "Inquiry under review",
  under_review: "Under review",
  won: "Won",
  lost: "Lost",
  warning_closed: "Inquiry closed",
  prevented: "Prevented",
};

export function disputeStatusLabel(status: string): string {
  return LABELS[status] ?? status.replaceAll("_", " ");
}
