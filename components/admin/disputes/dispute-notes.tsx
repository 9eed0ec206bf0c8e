import type { DisputeNoteRow } from "@/db/queries/dispute-views";
import { formatDate } from "@/lib/format";

/* The notes and files of a dispute, oldest first: on the admin's dispute page and the seller's order. */

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const TYPES: Record<string, string> = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };

export function DisputeNotes({
  notes,
  viewer,
}: {
  notes: readonly DisputeNoteRow[];
  viewer: "admin" | "seller";
}) {
  if (notes.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="dispute-notes">
        No notes or files yet.
      </p>
    );
  // Sellers see who wrote a note by role (the platform's staff stay anonymous); admins see the person.
  const author = (n: DisputeNoteRow) =>
    viewer === "admin"
      ? `${n.authorName} (${n.authorEmail}) · ${n.authorRole}`
      : n.authorRole === "admin"
        ? "Platform support"
        : "You";
  return (
    <ol className="space-y-3" data-testid="dispute-notes">
      {notes.map((n) => (
        <li key={n.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="dispute-note">
          <p className="flex flex-wrap justify-between gap-x-3 text-xs text-slate-500">
            <span className="break-all">{author(n)}</span>
            <span>{formatDate(n.createdAt)} UTC</span>
          </p>
          {n.body ? <p className="mt-1 break-words whitespace-pre-wrap">{n.body}</p> : null}
          {n.stripeFileId ? (
            <p className="mt-1 break-all text-slate-700">
              📎 {n.fileName ?? "file"}
              {n.fileSize !== null ? ` · ${fileSize(n.fileSize)}` : ""}
              {n.fileType ? ` · ${TYPES[n.fileType] ?? n.fileType}` : ""}
              {viewer === "admin" ? (
                <code className="ml-1 text-xs text-slate-500">{n.stripeFileId}</code>
              ) : null}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
