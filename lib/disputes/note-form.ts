import { z } from "zod";
import type { ActionState } from "@/lib/actions";
import { NOTE_MAX_CHARS, type NoteInput } from "./notes";

/*
 * The "add a note or a file" form of a dispute, the same for the admin's page and the seller's order
 * (their actions differ only by role). The file's type and size are checked by addDisputeNote, on its
 * bytes; an empty file input arrives as an empty File and means "no file".
 */

export const noteFormSchema = z.object({
  disputeId: z.uuid("Unknown dispute."),
  body: z
    .string({ error: "Must be text." })
    .max(NOTE_MAX_CHARS, `A note has at most ${NOTE_MAX_CHARS.toLocaleString("en-US")} characters.`)
    .optional()
    .default(""),
  file: z.union([z.instanceof(File, { error: "Choose a file." }), z.literal("")]).optional(),
});

export function noteInput(form: z.infer<typeof noteFormSchema>): NoteInput {
  return { disputeId: form.disputeId, body: form.body, file: form.file instanceof File ? form.file : null };
}

export function noteAdded(input: NoteInput): ActionState {
  const file = Boolean(input.file && input.file.size > 0);
  const body = input.body.trim() !== "";
  const message =
    file && body
      ? "Note and file added to the dispute."
      : file
        ? "File added to the dispute."
        : "Note added.";
  return { ok: true, message };
}
