import { and, count, desc, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { auditLogs, type AuditLog } from "@/db/schema";

export type NewAuditLog = Pick<
  typeof auditLogs.$inferInsert,
  "actorId" | "actorEmail" | "action" | "targetType" | "targetId" | "details" | "result"
>;

export async function insertAuditLog(input: NewAuditLog, ex: Executor = db): Promise<AuditLog> {
  const [row] = await ex.insert(auditLogs).values(input).returning();
  if (!row) throw new Error("audit log row not inserted");
  return row;
}

/** Newest first. */
export async function listAuditLogs(
  { limit, offset }: { limit: number; offset: number },
  ex: Executor = db,
): Promise<{ items: AuditLog[]; total: number }> {
  const items = await ex
    .select()
    .from(auditLogs)
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.seq))
    .limit(limit)
    .offset(offset);
  const [row] = await ex.select({ n: count() }).from(auditLogs);
  return { items, total: row?.n ?? 0 };
}

/** Every entry about one object (e.g. targetType "order"), newest first. */
export async function listAuditLogsForTarget(
  { targetType, targetId }: { targetType: string; targetId: string },
  ex: Executor = db,
): Promise<AuditLog[]> {
  return ex
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.targetType, targetType), eq(auditLogs.targetId, targetId)))
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.seq));
}
