import "server-only";
import type Stripe from "stripe";
import { listPaidCartsToCheck, type PaidCartToCheck } from "@/db/queries/reconcile-carts";
import { recordOrderFindings, type FindingInput } from "@/db/queries/reconcile";
import { OUTSTANDING_REFUND_STATUSES } from "@/db/queries/refunds";
import { releasedAmount } from "@/lib/capture/policy";
import { stripe } from "@/lib/stripe";
import { stripeErrorCode } from "@/lib/stripe-errors";
import { idOf } from "@/lib/webhooks/types";
import { PAYMENT_CHECK_BATCH, PAYMENT_CHECK_DAYS, type PaymentsReconciled } from "./payments";

/*
 * The payment check for carts paid through Stripe Checkout: one PaymentIntent on the platform's own
 * account pays every line, so each line is compared with its share of it.
 * - Each line: its status with the PaymentIntent's, its amount refunded with Stripe's refunds that name
 *   the line (`metadata.order_id`, set by every refund the app makes), and, once per seller, the seller's
 *   transfer's reversed amount with Stripe's (separate charges).
 * - The cart, on its first line: the lines' total with the amount received, the charge, the dispute flag,
 *   refunds naming no line (made in the Dashboard: not attributed, so a finding says so), and for a
 *   destination charge the application fee.
 * Findings are stored per line as for direct charges (reconcile_findings, shown on /admin/jobs).
 */

const str = (v: string | number | boolean | null | undefined) =>
  v === null || v === undefined ? null : String(v);

export interface CartAtStripe {
  intent: Stripe.PaymentIntent;
  refunds: Stripe.Refund[];
  /** The sellers' transfers as Stripe has them, by id. */
  transfers: Map<string, Stripe.Transfer>;
}

const counts = (r: Stripe.Refund) =>
  (OUTSTANDING_REFUND_STATUSES as readonly string[]).includes(r.status ?? "");

/** What differs, per line id; a line absent from the map agrees with Stripe. */
export function compareCartWithStripe(
  cart: PaidCartToCheck,
  stripeSide: CartAtStripe,
): Map<string, FindingInput[]> {
  const { intent, refunds, transfers } = stripeSide;
  const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  const findings = new Map<string, FindingInput[]>();
  const add = (lineId: string, field: string, ours: string | null, theirs: string | null) => {
    if (ours !== theirs)
      findings.set(lineId, [...(findings.get(lineId) ?? []), { field, ours, stripe: theirs }]);
  };
  const lineIds = new Set(cart.lines.map((l) => l.id));
  const counted = refunds.filter(counts);
  for (const line of cart.lines) {
    add(line.id, "status", line.status, intent.status);
    const named = counted.filter((r) => r.metadata?.order_id === line.id).reduce((n, r) => n + r.amount, 0);
    add(line.id, "amount_refunded", str(line.amountRefunded), str(named));
  }
  for (const transfer of cart.transfers) {
    const line = cart.lines.find((l) => l.sellerId === transfer.sellerId);
    const atStripe = transfer.stripeTransferId ? transfers.get(transfer.stripeTransferId) : undefined;
    if (!line || !atStripe) continue;
    add(line.id, "transfer_amount", str(transfer.amount), str(atStripe.amount));
    add(line.id, "transfer_reversed", str(transfer.amountReversed), str(atStripe.amount_reversed));
  }
  const first = cart.lines[0];
  if (!first) return findings;
  const total = cart.lines.reduce((n, l) => n + l.amount, 0);
  add(
    first.id,
    "cart_amount",
    str(total),
    str(intent.status === "succeeded" ? intent.amount_received : intent.amount),
  );
  add(first.id, "cart_charge", cart.checkout.chargeId, idOf(intent.latest_charge));
  add(first.id, "cart_disputed", str(cart.lines.some((l) => l.disputed)), str(charge?.disputed ?? false));
  const unattributed = counted
    .filter((r) => !lineIds.has(r.metadata?.order_id ?? ""))
    .reduce((n, r) => n + r.amount, 0);
  const released = charge ? releasedAmount(charge) : 0;
  add(first.id, "cart_refunds_naming_no_line", "0", str(Math.max(0, unattributed - released)));
  if (cart.checkout.chargeModel === "destination")
    add(
      first.id,
      "application_fee",
      str(cart.checkout.applicationFeeTotal),
      str(intent.application_fee_amount ?? 0),
    );
  return findings;
}

async function stripeSideOf(cart: PaidCartToCheck): Promise<CartAtStripe | "missing"> {
  try {
    const id = cart.checkout.paymentIntentId!;
    const intent = await stripe.paymentIntents.retrieve(id, { expand: ["latest_charge"] });
    const refunds = (await stripe.refunds.list({ payment_intent: id, limit: 100 })).data;
    const transfers = new Map<string, Stripe.Transfer>();
    for (const t of cart.transfers)
      if (t.stripeTransferId)
        transfers.set(t.stripeTransferId, await stripe.transfers.retrieve(t.stripeTransferId));
    return { intent, refunds, transfers };
  } catch (error) {
    if (stripeErrorCode(error) === "resource_missing") return "missing";
    throw error;
  }
}

/** Checks the newest `limit` paid carts of the last PAYMENT_CHECK_DAYS days (or exactly `checkouts`). */
export async function reconcileCartPayments({
  limit = PAYMENT_CHECK_BATCH,
  checkouts,
}: { limit?: number; checkouts?: string[] } = {}): Promise<PaymentsReconciled> {
  const since = new Date(Date.now() - PAYMENT_CHECK_DAYS * 86_400_000);
  const result = { checked: 0, different: 0, opened: 0, resolved: 0, unchecked: 0 };
  const failures: string[] = [];
  for (const cart of await listPaidCartsToCheck({ since, limit, checkouts })) {
    let found: Map<string, FindingInput[]>;
    try {
      const side = await stripeSideOf(cart);
      found =
        side === "missing"
          ? new Map([
              [
                cart.lines[0]?.id ?? "",
                [{ field: "missing_at_stripe", ours: cart.checkout.paymentIntentId, stripe: null }],
              ],
            ])
          : compareCartWithStripe(cart, side);
    } catch (error) {
      result.unchecked++;
      if (failures.length < 3)
        failures.push(`cart ${cart.checkout.id}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    for (const line of cart.lines) {
      const findings = found.get(line.id) ?? [];
      const recorded = await recordOrderFindings({ orderId: line.id, findings });
      result.checked++;
      if (findings.length > 0) result.different++;
      result.opened += recorded.opened;
      result.resolved += recorded.resolved;
    }
  }
  const summary =
    `${result.checked} cart lines checked: ${result.different} differ from Stripe ` +
    `(${result.opened} new findings), ${result.resolved} findings resolved` +
    (result.unchecked ? `; ${result.unchecked} carts could not be checked` : "");
  if (result.unchecked > 0) throw new Error(`${summary} (${failures.join("; ")})`);
  return { ...result, summary };
}
