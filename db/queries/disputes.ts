import { eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { disputes, type Dispute } from "@/db/schema";

/* Dispute rows, written only through lib/disputes/snapshot.ts (webhooks, the admin's answers, the deadline job). */

export type NewDispute = Pick<
  typeof disputes.$inferInsert,
  | "stripeDisputeId"
  | "orderId"
  | "stripeAccountId"
  | "chargeId"
  | "amount"
  | "currency"
  | "reason"
  | "status"
  | "evidenceDueBy"
  | "hasEvidence"
  | "submissionCount"
  | "amountWithdrawn"
  | "feeWithdrawn"
  | "amountReinstated"
  | "closedAt"
>;

type DisputeUpdate = Partial<
  Omit<NewDispute, "stripeDisputeId" | "stripeAccountId" | "chargeId" | "currency">
>;

export async function lockDisputeByStripeId(
  { stripeDisputeId }: { stripeDisputeId: string },
  ex: Executor,
): Promise<Dispute | undefined> {
  const [row] = await ex
    .select()
    .from(disputes)
    .where(eq(disputes.stripeDisputeId, stripeDisputeId))
    .limit(1)
    .for("update");
  return row;
}

/** Undefined when a concurrent transaction stored the same dispute first. */
export async function insertDispute(input: NewDispute, ex: Executor = db): Promise<Dispute | undefined> {
  const [row] = await ex
    .insert(disputes)
    .values(input)
    .onConflictDoNothing({ target: disputes.stripeDisputeId })
    .returning();
  return row;
}

export async function updateDispute(
  { id, values }: { id: string; values: DisputeUpdate },
  ex: Executor = db,
): Promise<Dispute | undefined> {
  const [row] = await ex
    .update(disputes)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(disputes.id, id))
    .returning();
  return row;
}

export async function getDisputeByStripeId(
  { stripeDisputeId }: { stripeDisputeId: string },
  ex: Executor = db,
): Promise<Dispute | undefined> {
  const [row] = await ex
    .select()
    .from(disputes)
    .where(eq(disputes.stripeDisputeId, stripeDisputeId))
    .limit(1);
  return row;
}
