import "server-only";
import type { Executor } from "@/db/client";
import { insertAuditLog } from "@/db/queries/audit-logs";
import type { AuditLog, User } from "@/db/schema";

export interface AuditEntry {
  /** Dotted verb, e.g. "refund.create". */
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
  result: AuditLog["result"];
}

/** Who acted: a signed-in user, or (id null) a scheduled job named in `email`, e.g. "job:expire-authorizations". */
export type AuditActor = Pick<User, "email"> & { id: string | null };

/**
 * Writes one audit log entry naming the acting admin. The email is copied into the row so the log
 * still says who it was if the user is later renamed or deleted. Pass the transaction as `ex` to make
 * the entry part of the change it describes.
 */
export async function recordAudit(actor: AuditActor, entry: AuditEntry, ex?: Executor): Promise<AuditLog> {
  return insertAuditLog(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details ?? {},
      result: entry.result,
    },
    ex,
  );
}
