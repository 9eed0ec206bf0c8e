import type { DisputeNoteRow } from "@/db/queries/dispute-views";
import type { Dispute } from "@/db/schema";
import { DisputeNotes } from "@/components/admin/disputes/dispute-notes";
import {
  DisputeDeadline,
  DisputeStatusBadge,
  disputeOutcome,
  disputeReason,
} from "@/components/admin/disputes/dispute-status";
import { NoteForm } from "@/components/admin/disputes/note-form";
import { Card } from "@/components/ui/card";
import type { Action, ActionState } from "@/lib/actions";
import { DISPUTE_FEE_POLICY, disputeCost } from "@/lib/disputes/money";
import { awaitsResponse } from "@/lib/disputes/status";
import { formatMoney } from "@/lib/money";

/*
 * A disputed order, as its seller sees it: where the dispute is, what it cost them, and a place to give
 * the platform (which answers on their behalf) notes and files for the evidence.
 */

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 text-right break-words tabular-nums">{children}</dd>
    </div>
  );
}

function OneDispute({
  dispute,
  notes,
  now,
  action,
  limits,
}: {
  dispute: Dispute;
  notes: readonly DisputeNoteRow[];
  now: Date;
  action: Action<ActionState>;
  limits: { maxChars: number; maxBytes: number };
}) {
  const money = (minor: number) => formatMoney(minor, dispute.currency);
  const cost = disputeCost(dispute);
  const waiting = !dispute.closedAt && awaitsResponse(dispute.status);
  return (
    <div className="space-y-4" data-testid="seller-dispute">
      <dl className="divide-y divide-slate-100 text-sm">
        <Line label="Status">
          <span data-testid="dispute-status">
            <DisputeStatusBadge status={dispute.status} />
          </span>
        </Line>
        <Line label="Reason">{disputeReason(dispute.reason)}</Line>
        <Line label="Disputed">{money(dispute.amount)}</Line>
        {waiting ? (
          <Line label="Answer due">
            <DisputeDeadline dispute={dispute} now={now} testId="dispute-deadline" />
          </Line>
        ) : null}
      </dl>
      <p className="text-sm text-slate-700" data-testid="dispute-outcome">
        {dispute.closedAt
          ? disputeOutcome(dispute.status, "your")
          : waiting
            ? "The platform's support team answers this dispute on your behalf before the deadline. Add anything that helps below: messages with the buyer, proof of delivery, your refund policy."
            : "The platform's support team has sent evidence on your behalf; the bank is reviewing it. This page shows the outcome when it is known."}
      </p>
      <div className="space-y-2" data-testid="dispute-cost">
        <h3 className="text-sm font-semibold">What it cost you</h3>
        <dl className="divide-y divide-slate-100 text-sm">
          <Line label="Disputed amount withdrawn">{money(cost.amount)}</Line>
          <Line label="Stripe dispute fee">{money(cost.fee)}</Line>
          <Line label="Total">
            <span className="font-semibold">{money(cost.total)}</span>
          </Line>
        </dl>
        <p className="text-xs text-slate-500">{DISPUTE_FEE_POLICY}</p>
      </div>
      <div className="space-y-3">
        <h3 className="text-sm font-semibold">Notes and files</h3>
        <DisputeNotes notes={notes} viewer="seller" />
        {dispute.closedAt ? null : (
          <NoteForm
            disputeId={dispute.id}
            action={action}
            maxChars={limits.maxChars}
            maxBytes={limits.maxBytes}
            hint="Seen by the platform's support team, who may use your files as evidence."
          />
        )}
      </div>
    </div>
  );
}

export function DisputeCard({
  disputes,
  now,
  action,
  limits,
}: {
  disputes: readonly { dispute: Dispute; notes: readonly DisputeNoteRow[] }[];
  now: Date;
  action: Action<ActionState>;
  limits: { maxChars: number; maxBytes: number };
}) {
  if (disputes.length === 0) return null;
  return (
    <Card title="Dispute">
      <div className="divide-y divide-slate-200 [&>*+*]:pt-6">
        {disputes.map(({ dispute, notes }) => (
          <OneDispute
            key={dispute.id}
            dispute={dispute}
            notes={notes}
            now={now}
            action={action}
            limits={limits}
          />
        ))}
      </div>
    </Card>
  );
}
