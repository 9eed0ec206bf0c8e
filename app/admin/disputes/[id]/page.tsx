import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AcceptDisputeForm } from "@/components/admin/disputes/accept-form";
import { DisputeFacts, DisputeMoney } from "@/components/admin/disputes/dispute-facts";
import { DisputeNotes } from "@/components/admin/disputes/dispute-notes";
import { disputeOutcome } from "@/components/admin/disputes/dispute-status";
import { EvidenceForm } from "@/components/admin/disputes/evidence-form";
import { NoteForm } from "@/components/admin/disputes/note-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { evidenceOf } from "@/lib/disputes/evidence";
import { EVIDENCE_FILE_MAX_BYTES, NOTE_MAX_CHARS } from "@/lib/disputes/notes";
import { awaitsResponse } from "@/lib/disputes/status";
import { disputeFiles, disputeForAdmin } from "@/lib/disputes/views";
import { formatMoney } from "@/lib/money";
import { acceptDisputeAction, addDisputeNoteAction, saveEvidenceAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dispute" };

/** One dispute: its facts and cost, the notes and files, and the platform's answer (evidence or accept). */
export default async function AdminDisputePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await pageUser("admin", `/admin/disputes/${id}`);
  const detail = await disputeForAdmin(admin, id);
  if (!detail) notFound();
  const { dispute, notes, evidence } = detail;
  const now = new Date();
  const open = !dispute.closedAt;
  const money = (minor: number) => formatMoney(minor, dispute.currency);
  const fee =
    dispute.feeWithdrawn > 0
      ? ` and Stripe's ${money(dispute.feeWithdrawn)} dispute fee`
      : " and Stripe's dispute fee";

  let answer;
  if (!open) {
    answer = <p className="text-sm text-slate-700">{disputeOutcome(dispute.status, "the seller's")}</p>;
  } else if (!awaitsResponse(dispute.status)) {
    answer = (
      <p className="text-sm text-slate-700">
        Evidence was submitted and the bank is reviewing it. Nothing more can be sent; this page shows the
        outcome when Stripe reports it (usually within 60 to 75 days).
      </p>
    );
  } else if (!dispute.stripeAccountId) {
    answer = (
      <p className="text-sm text-slate-700">
        This dispute is on the platform&apos;s own account: answer it in the Stripe Dashboard.
      </p>
    );
  } else {
    answer = (
      <div className="space-y-8">
        {evidence === null ? (
          <Alert tone="warning">
            The evidence saved at Stripe could not be loaded (Stripe did not answer). The form starts empty:
            saving it would replace any saved draft. Reload the page to try again.
          </Alert>
        ) : null}
        <EvidenceForm
          disputeId={dispute.id}
          initial={evidence ?? evidenceOf({})}
          files={disputeFiles(notes)}
          action={saveEvidenceAction}
        />
        <div className="space-y-3 border-t border-slate-200 pt-6">
          <h3 className="font-semibold">Accept the dispute</h3>
          <AcceptDisputeForm
            disputeId={dispute.id}
            amountLabel={`The disputed ${money(dispute.amount)}${fee}`}
            action={acceptDisputeAction}
          />
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <p className="text-sm">
          <Link href="/admin/disputes" className="text-brand-700 underline">
            ← All disputes
          </Link>
        </p>
        <h1 className="text-2xl font-bold break-words">
          Dispute: {detail.productName ?? "unknown order"}
          {detail.quantity && detail.quantity > 1 ? ` × ${detail.quantity}` : ""}
        </h1>
        <p className="text-sm text-slate-600">
          {money(dispute.amount)} disputed{detail.sellerName ? ` on ${detail.sellerName}'s account` : ""}. The
          platform answers on the seller&apos;s behalf and carries what their balance cannot cover.
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Card title="Dispute">
          <DisputeFacts row={detail} now={now} />
        </Card>
        <Card title="Money">
          <DisputeMoney dispute={dispute} />
        </Card>
      </div>
      <Card title={open && awaitsResponse(dispute.status) ? "Respond" : "Response"}>{answer}</Card>
      <Card title="Notes and files">
        <div className="space-y-6">
          <DisputeNotes notes={notes} viewer="admin" />
          {open ? (
            <NoteForm
              disputeId={dispute.id}
              action={addDisputeNoteAction}
              maxChars={NOTE_MAX_CHARS}
              maxBytes={EVIDENCE_FILE_MAX_BYTES}
              hint="Seen by the seller too. Files are uploaded to Stripe so the evidence can name them."
            />
          ) : (
            <p className="text-sm text-slate-600">The dispute is closed: nothing more can be added.</p>
          )}
        </div>
      </Card>
    </div>
  );
}
