import { asc, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { disputes, refunds, type Dispute, type Refund } from "@/db/schema";

/* Buyer-side reads: what happened to an order after it was paid (refunds and disputes), for its order page. */

export type OrderRefundRow = Pick<Refund, "amount" | "currency" | "status" | "createdAt">;
export type OrderDisputeRow = Pick<Dispute, "amount" | "currency" | "status" | "createdAt">;

export async function listOrderHistory(
  { orderId }: { orderId: string },
  ex: Executor = db,
): Promise<{ refunds: OrderRefundRow[]; disputes: OrderDisputeRow[] }> {
  const [refundRows, disputeRows] = await Promise.all([
    ex
      .select({
        amount: refunds.amount,
        currency: refunds.currency,
        status: refunds.status,
        createdAt: refunds.createdAt,
      })
      .from(refunds)
      .where(eq(refunds.orderId, orderId))
      .orderBy(asc(refunds.createdAt), asc(refunds.id)),
    ex
      .select({
        amount: disputes.amount,
        currency: disputes.currency,
        status: disputes.status,
        createdAt: disputes.createdAt,
      })
      .from(disputes)
      .where(eq(disputes.orderId, orderId))
      .orderBy(asc(disputes.createdAt), asc(disputes.id)),
  ]);
  return { refunds: refundRows, disputes: disputeRows };
}
