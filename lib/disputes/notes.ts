import "server-only";
import { createHash } from "node:crypto";
import { getDisputeNoteByFile, getDisputeWithSeller, insertDisputeNote } from "@/db/queries/dispute-views";
import type { DisputeNote, User } from "@/db/schema";
import { recordAudit } from "@/lib/admin/audit";
import { AppError } from "@/lib/errors";
import { stripe } from "@/lib/stripe";
import { stripeFailure } from "@/lib/stripe-errors";

/*
 * Notes and evidence files on a dispute, from the admin or the dispute's seller. A file is checked here
 * (Stripe's rules for `dispute_evidence`: PDF, JPEG or PNG by content, at most 5 MB) before it is
 * uploaded to Stripe's Files API on the charged account — the connected account, for a direct charge —
 * so the admin can name it in the evidence; a refused file writes nothing anywhere.
 */

export const EVIDENCE_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const NOTE_MAX_CHARS = 5_000;

const KINDS = [
  { type: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  { type: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  { type: "image/png", magic: [0x89, 0x50, 0x4e, 0x47] },
] as const;

/** The file's real type from its first bytes (never the browser's claim), or null when not allowed. */
export function evidenceFileType(bytes: Uint8Array): (typeof KINDS)[number]["type"] | null {
  return KINDS.find((k) => k.magic.every((b, i) => bytes[i] === b))?.type ?? null;
}

/** Who may add to a dispute: any admin, or the seller whose order it is (others learn nothing: not found). */
async function disputeFor(user: Pick<User, "id" | "role">, disputeId: string) {
  const found = await getDisputeWithSeller({ id: disputeId });
  const allowed = found && (user.role === "admin" || (user.role === "seller" && found.sellerId === user.id));
  if (!allowed) throw new AppError("not_found:dispute", "This dispute does not exist.");
  if (found.dispute.closedAt)
    throw new AppError("conflict:dispute", "This dispute is closed: nothing more can be added to it.");
  return found.dispute;
}

export interface NoteInput {
  disputeId: string;
  body: string;
  file: File | null;
}

/** Adds a note, a file, or both. */
export async function addDisputeNote(
  user: Pick<User, "id" | "email" | "role">,
  input: NoteInput,
): Promise<DisputeNote> {
  const body = input.body.trim();
  const file = input.file && input.file.size > 0 ? input.file : null;
  if (!body && !file) throw new AppError("bad_request:dispute_note", "Write a note or choose a file.");
  if (body.length > NOTE_MAX_CHARS)
    throw new AppError("bad_request:dispute_note", `A note has at most ${NOTE_MAX_CHARS} characters.`);
  if (file && file.size > EVIDENCE_FILE_MAX_BYTES)
    throw new AppError(
      "payload_too_large:dispute_file",
      "This file is larger than 5 MB, Stripe's limit for evidence.",
    );
  const dispute = await disputeFor(user, input.disputeId);
  let upload: { id: string; name: string; type: string; size: number } | null = null;
  if (file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = evidenceFileType(bytes);
    if (!type)
      throw new AppError("unsupported_media_type:dispute_file", "Evidence files must be PDF, JPEG or PNG.");
    if (!dispute.stripeAccountId)
      throw new AppError(
        "conflict:dispute",
        "This dispute is on the platform's own account: answer it in Stripe.",
      );
    const name = file.name.replace(/[^\w.\- ]+/g, "_").slice(-100) || "evidence";
    try {
      const created = await stripe.files.create(
        { purpose: "dispute_evidence", file: { data: Buffer.from(bytes), name, type } },
        {
          stripeAccount: dispute.stripeAccountId,
          idempotencyKey: `dispute-file-${createHash("sha256").update(dispute.id).update(bytes).digest("hex").slice(0, 40)}`,
        },
      );
      upload = { id: created.id, name, type, size: bytes.length };
    } catch (error) {
      throw stripeFailure(error, "dispute_file", `files.create for dispute ${dispute.stripeDisputeId}`);
    }
    // The same file twice (a double click; the idempotency key gave back the same upload): attached once.
    const existing = await getDisputeNoteByFile({ disputeId: dispute.id, stripeFileId: upload.id });
    if (existing && !body) return existing;
    if (existing) upload = null;
  }
  const note = await insertDisputeNote({
    disputeId: dispute.id,
    authorId: user.id,
    authorRole: user.role === "admin" ? "admin" : "seller",
    body: body || null,
    stripeFileId: upload?.id ?? null,
    fileName: upload?.name ?? null,
    fileType: upload?.type ?? null,
    fileSize: upload?.size ?? null,
  });
  await recordAudit(user, {
    action: upload ? "dispute.file_add" : "dispute.note_add",
    targetType: "dispute",
    targetId: dispute.id,
    details: {
      stripeDisputeId: dispute.stripeDisputeId,
      ...(upload ? { file: upload.id, fileName: upload.name } : {}),
    },
    result: "ok",
  });
  return note;
}
