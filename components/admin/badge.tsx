import type { ReactNode } from "react";

const TONES = {
  green: "bg-green-100 text-green-800",
  amber: "bg-amber-100 text-amber-900",
  red: "bg-red-100 text-red-800",
  slate: "bg-slate-100 text-slate-700",
  blue: "bg-sky-100 text-sky-800",
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = "slate", children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>
      {children}
    </span>
  );
}

const STATUS_TONES: Record<string, BadgeTone> = {
  succeeded: "green",
  applied: "green",
  ok: "green",
  pending: "blue",
  authorized: "blue",
  processing: "blue",
  requires_action: "amber",
  partially_refunded: "amber",
  refunded: "slate",
  ignored: "slate",
  canceled: "slate",
  received: "blue",
  running: "blue",
  failed: "red",
  dead: "red",
  error: "red",
  disputed: "red",
};

/** Status words that would mislead on their own: an authorised order has not taken any money yet. */
const STATUS_LABELS: Record<string, string> = {
  authorized: "Authorised (not charged yet)",
};

/** How a status word reads in the admin console (badges, the orders page's state filter). */
export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status.replaceAll("_", " ");
}

/** A status word from our tables (order, refund, event or audit result) with a colour that matches it. */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? "slate"}>{statusLabel(status)}</Badge>;
}
