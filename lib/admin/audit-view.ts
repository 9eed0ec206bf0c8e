import type { AuditLog } from "@/db/schema";
import { formatMoney } from "@/lib/money";

/* How the audit log reads to a person: labels instead of dotted verbs, money instead of minor units. */

const ACTION_LABELS: Record<string, string> = {
  "refund.create": "Refund sent to Stripe",
  "refund.failed": "Refund refused",
  "webhook_event.reapply": "Webhook event applied again",
  "stripe_app.link": "Stripe Dashboard user linked to the Stripe App",
  "stripe_app.unlink": "Stripe Dashboard user unlinked from the Stripe App",
};

/** Where an action was asked, when not in this console (lib/refunds/create-refund.ts `via`). */
function viaOf(via: unknown): string | null {
  if (typeof via !== "object" || via === null) return null;
  const { channel, dashboardUserId } = via as Record<string, unknown>;
  if (channel !== "stripe_app") return null;
  return `from the Stripe App${typeof dashboardUserId === "string" ? ` (Dashboard user ${dashboardUserId})` : ""}`;
}

const REASON_LABELS: Record<string, string> = {
  requested_by_customer: "requested by the customer",
  duplicate: "duplicate payment",
  fraudulent: "fraudulent payment",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action.replaceAll(/[._]/g, " ").replace(/^./, (c) => c.toUpperCase());
}

/** "Order 1a2b3c4d": the first block of the order id, enough to tell orders apart on a page. */
export function orderShortRef(id: string): string {
  return `Order ${id.slice(0, 8)}`;
}

/** Readable facts of an entry. Internal ids (our refund row, the actor) are left out; amounts become money. */
export function describeAuditDetails(details: AuditLog["details"]): string[] {
  const currency = typeof details.currency === "string" ? details.currency : "usd";
  const money = (key: string) =>
    typeof details[key] === "number" ? formatMoney(details[key], currency) : null;
  const facts: (string | null)[] = [
    money("amount"),
    typeof details.reason === "string" ? (REASON_LABELS[details.reason] ?? details.reason) : null,
    typeof details.refundApplicationFee === "boolean"
      ? details.refundApplicationFee
        ? `platform fee returned${money("feeReturned") ? ` (${money("feeReturned")})` : ""}`
        : "platform fee kept"
      : null,
    typeof details.note === "string" ? `note: “${details.note}”` : null,
    typeof details.failureReason === "string" ? details.failureReason : null,
    typeof details.stripeCode === "string" ? `Stripe code ${details.stripeCode}` : null,
    typeof details.type === "string" ? details.type : null,
    typeof details.outcome === "string" ? `outcome: ${details.outcome}` : null,
    viaOf(details.via),
  ];
  return facts.filter((f): f is string => f !== null);
}
