"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction, type ActionState } from "@/lib/actions";
import { evidenceFormSchema, evidenceOf } from "@/lib/disputes/evidence";
import { noteAdded, noteFormSchema, noteInput } from "@/lib/disputes/note-form";
import { addDisputeNote } from "@/lib/disputes/notes";
import { acceptDispute, saveEvidence } from "@/lib/disputes/respond";

/*
 * The forms of /admin/disputes/[id]. Admins only (the one role check; lib/disputes takes an `Admin`).
 * Each refreshes the dispute's page and the queue, also after a refusal by Stripe (which may mean the
 * dispute moved on: the page then shows where it is).
 */

function refresh(disputeId: string) {
  revalidatePath(`/admin/disputes/${disputeId}`);
  revalidatePath("/admin/disputes");
}

export const saveEvidenceAction = validatedAction(
  { schema: evidenceFormSchema, roles: ["admin"], surface: "dispute_evidence" },
  async (form, admin): Promise<ActionState> => {
    const submit = form.intent === "submit";
    try {
      await saveEvidence(admin, { disputeId: form.disputeId, evidence: evidenceOf(form), submit });
    } finally {
      refresh(form.disputeId);
    }
    return {
      ok: true,
      message: submit
        ? "Evidence submitted. The bank now reviews it; this page shows the outcome when Stripe reports it."
        : "Draft saved at Stripe. Nothing is sent to the bank until you submit.",
    };
  },
);

const acceptSchema = z.object({
  disputeId: z.uuid("Unknown dispute."),
  confirm: z.literal("on", { error: "Tick the box to confirm that the dispute is lost." }),
});

export const acceptDisputeAction = validatedAction(
  { schema: acceptSchema, roles: ["admin"], surface: "dispute_accept" },
  async (form, admin): Promise<ActionState> => {
    try {
      await acceptDispute(admin, { disputeId: form.disputeId });
    } finally {
      refresh(form.disputeId);
    }
    return { ok: true, message: "Dispute accepted: Stripe closed it as lost." };
  },
);

export const addDisputeNoteAction = validatedAction(
  { schema: noteFormSchema, roles: ["admin"], surface: "dispute_note" },
  async (form, admin): Promise<ActionState> => {
    const input = noteInput(form);
    await addDisputeNote(admin, input);
    refresh(form.disputeId);
    return noteAdded(input);
  },
);
