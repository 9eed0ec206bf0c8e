import "server-only";
import { countOpenFindings, listOpenFindings, type OpenFinding } from "@/db/queries/reconcile";
import type { Admin } from "@/lib/guards";

/** What the payment check found different, for admins (/admin/jobs, the overview's count). */

export type Finding = OpenFinding;

/** Human words for a finding's field. */
export const FINDING_LABELS: Record<string, string> = {
  status: "Payment status",
  amount: "Amount",
  amount_refunded: "Amount refunded",
  application_fee: "Application fee",
  charge: "Charge",
  disputed: "Disputed",
  missing_at_stripe: "PaymentIntent missing at Stripe",
};

export async function listOpenFindingsForAdmin(_admin: Admin, limit = 50): Promise<Finding[]> {
  return listOpenFindings({ limit });
}

export async function countOpenFindingsForAdmin(_admin: Admin): Promise<number> {
  return countOpenFindings();
}
