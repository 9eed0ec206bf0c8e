import { and, asc, count, desc, eq, getTableColumns, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Executor } from "@/db/client";
import { disputeNotes, disputes, orders, products, users, type Dispute, type DisputeNote } from "@/db/schema";

/* Reads of disputes for the admin queue, the dispute page, sellers and buyers; and the notes they add. */

const seller = alias(users, "seller");
const author = alias(users, "author");

export interface DisputeListRow {
  dispute: Dispute;
  orderId: string | null;
  productName: string | null;
  quantity: number | null;
  buyerEmail: string | null;
  sellerId: string | null;
  sellerName: string | null;
}

function listSelect(ex: Executor) {
  return ex
    .select({
      dispute: disputes,
      orderId: orders.id,
      productName: products.name,
      quantity: orders.quantity,
      buyerEmail: orders.buyerEmail,
      sellerId: seller.id,
      sellerName: sql<string | null>`coalesce(${seller.businessName}, ${seller.name})`,
    })
    .from(disputes)
    .leftJoin(orders, eq(orders.id, disputes.orderId))
    .leftJoin(products, eq(products.id, orders.productId))
    .leftJoin(seller, eq(seller.id, orders.sellerId));
}

/** Open disputes, the nearest deadline first (those without one last), then the latest closed ones. */
export async function listDisputesForAdmin(
  { closedLimit = 50 }: { closedLimit?: number } = {},
  ex: Executor = db,
): Promise<{ open: DisputeListRow[]; closed: DisputeListRow[] }> {
  const [open, closed] = await Promise.all([
    listSelect(ex)
      .where(isNull(disputes.closedAt))
      .orderBy(sql`${disputes.evidenceDueBy} asc nulls last`, asc(disputes.createdAt)),
    listSelect(ex).where(isNotNull(disputes.closedAt)).orderBy(desc(disputes.closedAt)).limit(closedLimit),
  ]);
  return { open, closed };
}

export async function getDisputeForAdmin({ id }: { id: string }, ex: Executor = db) {
  const [row] = await listSelect(ex).where(eq(disputes.id, id)).limit(1);
  return row;
}

/** The seller's disputes (through their orders), newest first. */
export function listDisputesForSeller({ sellerId }: { sellerId: string }, ex: Executor = db) {
  return listSelect(ex).where(eq(orders.sellerId, sellerId)).orderBy(desc(disputes.createdAt)).limit(100);
}

/** An order's disputes (a payment can be disputed once; kept general), oldest first. */
export function listDisputesForOrder(
  { orderId }: { orderId: string },
  ex: Executor = db,
): Promise<Dispute[]> {
  return ex.select().from(disputes).where(eq(disputes.orderId, orderId)).orderBy(asc(disputes.createdAt));
}

/** The disputes of one charge (a cart's platform charge: the dispute covers the whole cart, no one line). */
export function listDisputesForCharge(
  { chargeId }: { chargeId: string },
  ex: Executor = db,
): Promise<Dispute[]> {
  return ex.select().from(disputes).where(eq(disputes.chargeId, chargeId)).orderBy(asc(disputes.createdAt));
}

/** The dispute with the seller its order belongs to (null when no order matched it). */
export async function getDisputeWithSeller({ id }: { id: string }, ex: Executor = db) {
  const [row] = await ex
    .select({ dispute: disputes, sellerId: orders.sellerId })
    .from(disputes)
    .leftJoin(orders, eq(orders.id, disputes.orderId))
    .where(eq(disputes.id, id))
    .limit(1);
  return row;
}

/** Open disputes still waiting for an answer whose deadline is before `before`. */
export async function countDisputesDueBefore(
  { before }: { before: Date },
  ex: Executor = db,
): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(disputes)
    .where(
      and(
        isNull(disputes.closedAt),
        sql`${disputes.status} in ('needs_response', 'warning_needs_response')`,
        lt(disputes.evidenceDueBy, before),
      ),
    );
  return row?.n ?? 0;
}

/** Open disputes to read back from Stripe: deadline passed, or not heard of since `staleBefore`. */
export function listDisputesToSync(
  { now, staleBefore, limit }: { now: Date; staleBefore: Date; limit: number },
  ex: Executor = db,
): Promise<Dispute[]> {
  return ex
    .select()
    .from(disputes)
    .where(
      and(
        isNull(disputes.closedAt),
        isNotNull(disputes.stripeAccountId),
        sql`(${disputes.evidenceDueBy} < ${now} or ${disputes.updatedAt} < ${staleBefore})`,
      ),
    )
    .orderBy(asc(disputes.updatedAt))
    .limit(limit);
}

export interface DisputeNoteRow extends DisputeNote {
  authorName: string;
  authorEmail: string;
}

export function listDisputeNotes(
  { disputeId }: { disputeId: string },
  ex: Executor = db,
): Promise<DisputeNoteRow[]> {
  return ex
    .select({
      ...getTableColumns(disputeNotes),
      authorName: author.name,
      authorEmail: author.email,
    })
    .from(disputeNotes)
    .innerJoin(author, eq(author.id, disputeNotes.authorId))
    .where(eq(disputeNotes.disputeId, disputeId))
    .orderBy(asc(disputeNotes.createdAt));
}

/** The note that attached this Stripe file to this dispute, if one did (a file is attached once). */
export async function getDisputeNoteByFile(
  { disputeId, stripeFileId }: { disputeId: string; stripeFileId: string },
  ex: Executor = db,
): Promise<DisputeNote | undefined> {
  const [row] = await ex
    .select()
    .from(disputeNotes)
    .where(and(eq(disputeNotes.disputeId, disputeId), eq(disputeNotes.stripeFileId, stripeFileId)))
    .limit(1);
  return row;
}

export type NewDisputeNote = Pick<
  typeof disputeNotes.$inferInsert,
  "disputeId" | "authorId" | "authorRole" | "body" | "stripeFileId" | "fileName" | "fileType" | "fileSize"
>;

export async function insertDisputeNote(input: NewDisputeNote, ex: Executor = db): Promise<DisputeNote> {
  const [row] = await ex.insert(disputeNotes).values(input).returning();
  if (!row) throw new Error("dispute note was not stored");
  return row;
}

/** The dispute's uploaded files (any author): the only files its evidence may name. */
export function listDisputeFileIds({ disputeId }: { disputeId: string }, ex: Executor = db) {
  return ex
    .select({ stripeFileId: disputeNotes.stripeFileId })
    .from(disputeNotes)
    .where(and(eq(disputeNotes.disputeId, disputeId), isNotNull(disputeNotes.stripeFileId)));
}
