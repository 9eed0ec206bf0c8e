import "server-only";
import { cache } from "react";
import {
  countDisputesDueBefore,
  getDisputeForAdmin,
  listDisputeNotes,
  listDisputesForAdmin,
  listDisputesForOrder,
  listDisputesForSeller,
  type DisputeNoteRow,
} from "@/db/queries/dispute-views";
import type { Admin, Seller } from "@/lib/guards";
import { isUuid } from "@/lib/params";
import { sellerOrder } from "@/lib/connect/seller-overview";
import { byTimeLeft, urgentBefore } from "./deadline";
import { readEvidence } from "./respond";
import { awaitsResponse } from "./status";

/*
 * What the dispute pages read: the admin queue and dispute page, the seller's order card and payments
 * list. Callers are typed (`Admin`, `Seller`) by the page's one role check; sellers reach disputes only
 * through their own orders.
 */

/** /admin/disputes: open disputes by time left to answer, then the latest closed ones. */
export async function disputeQueue(_admin: Admin) {
  const { open, closed } = await listDisputesForAdmin();
  return { open: byTimeLeft(open, (r) => r.dispute), closed };
}

/** Open disputes waiting for an answer whose deadline is less than 72 hours away (or passed). */
export function countUrgentDisputes(_admin: Admin, now = new Date()): Promise<number> {
  return countDisputesDueBefore({ before: urgentBefore(now) });
}

/** A file uploaded to the dispute, as the evidence form offers it. */
export interface DisputeFile {
  id: string;
  label: string;
}

export function disputeFiles(notes: readonly DisputeNoteRow[]): DisputeFile[] {
  return notes.flatMap((n) =>
    n.stripeFileId ? [{ id: n.stripeFileId, label: `${n.fileName ?? "file"} (${n.stripeFileId})` }] : [],
  );
}

/** The page's layout (its 404 check) and the page both ask: one read per request. */
const adminDisputeRow = cache((id: string) =>
  isUuid(id) ? getDisputeForAdmin({ id }) : Promise.resolve(undefined),
);

export async function disputeExists(_admin: Admin, id: string): Promise<boolean> {
  return Boolean(await adminDisputeRow(id));
}

/**
 * /admin/disputes/[id]: the dispute, its notes and files, and — while it waits for an answer — the
 * evidence saved at Stripe (null: Stripe could not be reached). Undefined for an unknown dispute.
 */
export async function disputeForAdmin(_admin: Admin, id: string) {
  const row = await adminDisputeRow(id);
  if (!row) return undefined;
  const answerable =
    awaitsResponse(row.dispute.status) && !row.dispute.closedAt && row.dispute.stripeAccountId;
  const [notes, evidence] = await Promise.all([
    listDisputeNotes({ disputeId: id }),
    answerable ? readEvidence(row.dispute) : Promise.resolve(undefined),
  ]);
  return { ...row, notes, evidence };
}

/** The disputes of one of the seller's own orders, each with its notes (none for anyone else's order). */
export async function disputesOfSellerOrder(seller: Seller, orderId: string) {
  if (!(await sellerOrder(seller, orderId))) return [];
  const disputes = await listDisputesForOrder({ orderId });
  return Promise.all(
    disputes.map(async (dispute) => ({ dispute, notes: await listDisputeNotes({ disputeId: dispute.id }) })),
  );
}

/** /dashboard/payments: the seller's disputes, newest first. */
export function sellerDisputes(seller: Seller) {
  return listDisputesForSeller({ sellerId: seller.id });
}
