import "server-only";
import type Stripe from "stripe";
import {
  listPaidOrdersToCheck,
  recordOrderFindings,
  type FindingInput,
  type PaidOrderToCheck,
} from "@/db/queries/reconcile";
import { releasedAmount } from "@/lib/capture/policy";
import { stripe } from "@/lib/stripe";
import { stripeErrorCode } from "@/lib/stripe-errors";
import { idOf } from "@/lib/webhooks/types";

/*
 * Does every recent paid order still say what Stripe says? For each one, the PaymentIntent on the
 * seller's account (direct charges live there) with its latest charge, compared with our row: status,
 * amount, amount refunded, application fee, charge and dispute flag. A difference is an open finding
 * (reconcile_findings, shown on /admin/jobs) until a later check finds them equal again, e.g. once the
 * event reconciliation has restored the missed event that explains it.
 */

export const PAYMENT_CHECK_DAYS = 30;
export const PAYMENT_CHECK_BATCH = 200;

export interface PaymentsReconciled {
  checked: number;
  /** Orders with at least one difference after this check. */
  different: number;
  opened: number;
  resolved: number;
  /** Orders that could not be checked (Stripe unreachable...): their findings stay as they were. */
  unchecked: number;
  summary: string;
}

const str = (v: string | number | boolean | null | undefined) =>
  v === null || v === undefined ? null : String(v);

/** What differs between our order and its PaymentIntent (+ latest charge); empty when they agree. */
export function compareWithStripe(order: PaidOrderToCheck, pi: Stripe.PaymentIntent): FindingInput[] {
  const charge = typeof pi.latest_charge === "object" ? pi.latest_charge : null;
  const pairs: [string, string | null, string | null][] = [
    ["status", order.status, pi.status],
    // A partial capture charges less than was authorised, and Stripe counts the released rest as refunded.
    ["amount", str(order.amount), str(pi.status === "succeeded" ? pi.amount_received : pi.amount)],
    [
      "amount_refunded",
      str(order.amountRefunded),
      str(charge ? charge.amount_refunded - releasedAmount(charge) : 0),
    ],
    ["application_fee", str(order.applicationFeeAmount), str(pi.application_fee_amount ?? 0)],
    ["charge", order.chargeId, idOf(pi.latest_charge)],
    ["disputed", str(order.disputed), str(charge?.disputed ?? false)],
  ];
  return pairs
    .filter(([, ours, theirs]) => ours !== theirs)
    .map(([field, ours, theirs]) => ({ field, ours, stripe: theirs }));
}

async function stripeSide(order: PaidOrderToCheck): Promise<FindingInput[]> {
  try {
    const pi = await stripe.paymentIntents.retrieve(
      order.paymentIntentId!,
      { expand: ["latest_charge"] },
      { stripeAccount: order.stripeAccountId },
    );
    return compareWithStripe(order, pi);
  } catch (error) {
    if (stripeErrorCode(error) === "resource_missing") {
      return [{ field: "missing_at_stripe", ours: order.paymentIntentId, stripe: null }];
    }
    throw error;
  }
}

/**
 * Checks the newest `limit` paid orders of the last PAYMENT_CHECK_DAYS days. `accounts` limits it to
 * those sellers' accounts (tests share one emulator and, on PostgreSQL, one database).
 */
export async function reconcilePayments({
  limit = PAYMENT_CHECK_BATCH,
  accounts,
}: { limit?: number; accounts?: string[] } = {}): Promise<PaymentsReconciled> {
  const since = new Date(Date.now() - PAYMENT_CHECK_DAYS * 86_400_000);
  const paid = await listPaidOrdersToCheck({ since, limit, accounts });
  const result = { checked: 0, different: 0, opened: 0, resolved: 0, unchecked: 0 };
  const failures: string[] = [];
  for (const order of paid) {
    let findings: FindingInput[];
    try {
      findings = await stripeSide(order);
    } catch (error) {
      result.unchecked++;
      if (failures.length < 3)
        failures.push(`${order.id}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const recorded = await recordOrderFindings({ orderId: order.id, findings });
    result.checked++;
    if (findings.length > 0) result.different++;
    result.opened += recorded.opened;
    result.resolved += recorded.resolved;
  }
  const summary =
    `${result.checked} paid orders checked: ${result.different} differ from Stripe ` +
    `(${result.opened} new findings), ${result.resolved} findings resolved` +
    (result.unchecked ? `; ${result.unchecked} could not be checked` : "");
  if (result.unchecked > 0) throw new Error(`${summary} (${failures.join("; ")})`);
  return { ...result, summary };
}
