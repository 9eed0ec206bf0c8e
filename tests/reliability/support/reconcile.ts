import { inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { expect } from "vitest";
import type { Executor } from "@/db/client";
import {
  applicationFees,
  connectedAccounts,
  disputes,
  orders,
  payouts,
  refunds,
  stripeEvents,
  type Order,
} from "@/db/schema";
import type { Activity } from "./activity";

/*
 * "The database equals the state the emulator says is true, row for row": every connected account,
 * order, refund, dispute, payout and application fee of the activity's accounts, compared field by
 * field with the emulator's objects read back through the Stripe API.
 */

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : (v?.id ?? null));

/** The order status the webhooks must have left for a PaymentIntent in this state. */
export function expectedOrderStatus(pi: Stripe.PaymentIntent): Order["status"] {
  switch (pi.status) {
    case "succeeded":
      return "succeeded";
    case "processing":
      return "processing";
    case "requires_action":
      return "requires_action";
    case "canceled":
      return "canceled";
    case "requires_payment_method":
      return pi.last_payment_error ? "failed" : "pending";
    default:
      return "pending";
  }
}

function refundState(amount: number, refunded: number): Order["refundState"] {
  return refunded <= 0 ? "none" : refunded >= amount ? "refunded" : "partially_refunded";
}

async function all<T>(list: Stripe.ApiListPromise<T>): Promise<T[]> {
  return list.autoPagingToArray({ limit: 10_000 });
}

export interface Reconciled {
  accounts: number;
  /** Accounts Stripe still wants something from (their rows must say so). */
  accountsWithRequirements: number;
  orders: number;
  refunds: number;
  disputes: number;
  payouts: number;
  fees: number;
}

export async function expectDatabaseMatchesStripe(
  ex: Executor,
  stripe: Stripe,
  activity: Activity,
  disputeIds: string[],
): Promise<Reconciled> {
  const accounts = new Set(activity.accounts);
  const accountRows = await ex
    .select()
    .from(connectedAccounts)
    .where(inArray(connectedAccounts.stripeAccountId, activity.accounts));
  expect(accountRows).toHaveLength(accounts.size);
  let accountsWithRequirements = 0;
  for (const row of accountRows) {
    const account = await stripe.accounts.retrieve(row.stripeAccountId);
    const due = [...(account.requirements?.currently_due ?? [])].sort();
    if (due.length > 0) accountsWithRequirements++;
    expect(
      {
        chargesEnabled: row.chargesEnabled,
        payoutsEnabled: row.payoutsEnabled,
        detailsSubmitted: row.detailsSubmitted,
        requirementsCurrentlyDue: [...row.requirementsCurrentlyDue].sort(),
        requirementsPastDue: [...row.requirementsPastDue].sort(),
        disabledReason: row.disabledReason,
        disconnected: row.disconnectedAt !== null,
      },
      `account ${account.id}`,
    ).toEqual({
      chargesEnabled: account.charges_enabled,
      payoutsEnabled: account.payouts_enabled,
      detailsSubmitted: account.details_submitted,
      requirementsCurrentlyDue: due,
      requirementsPastDue: [...(account.requirements?.past_due ?? [])].sort(),
      disabledReason: account.requirements?.disabled_reason ?? null,
      disconnected: false,
    });
  }

  const rows = await ex.select().from(orders).where(inArray(orders.id, activity.orderIds));
  expect(rows).toHaveLength(activity.orderIds.length);
  const intents = new Map<string, Stripe.PaymentIntent>();
  const charges = new Map<string, Stripe.Charge>();
  const stripeRefunds: Stripe.Refund[] = [];
  const stripePayouts: Stripe.Payout[] = [];
  for (const account of accounts) {
    const on = { stripeAccount: account };
    for (const pi of await all(stripe.paymentIntents.list({ limit: 100 }, on)))
      intents.set(pi.metadata.order_id ?? pi.id, pi);
    for (const ch of await all(stripe.charges.list({ limit: 100 }, on))) charges.set(ch.id, ch);
    stripeRefunds.push(...(await all(stripe.refunds.list({ limit: 100 }, on))));
    stripePayouts.push(...(await all(stripe.payouts.list({ limit: 100 }, on))));
  }

  const orderByIntent = new Map<string, Order>();
  const orderByCharge = new Map<string, Order>();
  for (const order of rows) {
    const pi = intents.get(order.id);
    expect(pi, `order ${order.id} has a PaymentIntent`).toBeDefined();
    if (!pi) continue;
    orderByIntent.set(pi.id, order);
    const chargeId = idOf(pi.latest_charge);
    const charge = chargeId ? charges.get(chargeId) : undefined;
    if (chargeId) orderByCharge.set(chargeId, order);
    const status = expectedOrderStatus(pi);
    const refunded = status === "succeeded" ? (charge?.amount_refunded ?? 0) : 0;
    expect(
      {
        status: order.status,
        paymentIntentId: order.paymentIntentId,
        chargeId: order.chargeId,
        amountRefunded: order.amountRefunded,
        refundState: order.refundState,
        disputed: order.disputed,
      },
      `order ${order.id} (PaymentIntent ${pi.id}: ${pi.status})`,
    ).toEqual({
      status,
      // An order whose id was lost and that never moved keeps no id: nothing to learn it from.
      paymentIntentId: status === "pending" ? order.paymentIntentId : pi.id,
      chargeId: status === "succeeded" || status === "failed" ? chargeId : order.chargeId,
      amountRefunded: refunded,
      refundState: refundState(order.amount, refunded),
      disputed: charge?.disputed ?? false,
    });
  }

  const refundRows = await ex.select().from(refunds).where(inArray(refunds.orderId, activity.orderIds));
  expect(
    refundRows.filter((r) => r.stripeRefundId === null),
    "refund rows never matched to Stripe",
  ).toEqual([]);
  expect(refundRows).toHaveLength(stripeRefunds.length);
  const refundById = new Map(refundRows.map((r) => [r.stripeRefundId, r]));
  for (const refund of stripeRefunds) {
    const row = refundById.get(refund.id);
    expect(
      { amount: row?.amount, status: row?.status, orderId: row?.orderId },
      `refund ${refund.id}`,
    ).toEqual({
      amount: refund.amount,
      status: refund.status,
      orderId: orderByIntent.get(idOf(refund.payment_intent) ?? "")?.id,
    });
    if (refund.metadata?.refund_id) expect(row?.id).toBe(refund.metadata.refund_id);
  }

  const disputeRows = disputeIds.length
    ? await ex.select().from(disputes).where(inArray(disputes.stripeDisputeId, disputeIds))
    : [];
  expect(disputeRows).toHaveLength(disputeIds.length);
  for (const row of disputeRows) {
    const dispute = await stripe.disputes.retrieve(
      row.stripeDisputeId,
      {},
      { stripeAccount: row.stripeAccountId ?? undefined },
    );
    expect(
      { status: row.status, amount: row.amount, chargeId: row.chargeId, orderId: row.orderId },
      `dispute ${dispute.id}`,
    ).toEqual({
      status: dispute.status,
      amount: dispute.amount,
      chargeId: idOf(dispute.charge),
      orderId: orderByCharge.get(idOf(dispute.charge) ?? "")?.id,
    });
  }

  const payoutRows = await ex
    .select()
    .from(payouts)
    .where(inArray(payouts.stripeAccountId, [...accounts]));
  expect(payoutRows).toHaveLength(stripePayouts.length);
  for (const payout of stripePayouts) {
    const row = payoutRows.find((p) => p.stripePayoutId === payout.id);
    expect({ status: row?.status, amount: row?.amount }, `payout ${payout.id}`).toEqual({
      status: payout.status,
      amount: payout.amount,
    });
  }

  const fees = (await all(stripe.applicationFees.list({ limit: 100 }))).filter((f) =>
    accounts.has(idOf(f.account) ?? ""),
  );
  const feeRows = await ex
    .select()
    .from(applicationFees)
    .where(inArray(applicationFees.stripeAccountId, [...accounts]));
  expect(feeRows).toHaveLength(fees.length);
  for (const fee of fees) {
    const row = feeRows.find((r) => r.stripeFeeId === fee.id);
    expect(
      {
        amount: row?.amount,
        amountRefunded: row?.amountRefunded,
        chargeId: row?.chargeId,
        orderId: row?.orderId,
      },
      `fee ${fee.id}`,
    ).toEqual({
      amount: fee.amount,
      amountRefunded: fee.amount_refunded,
      chargeId: idOf(fee.charge),
      orderId: orderByCharge.get(idOf(fee.charge) ?? "")?.id,
    });
  }
  return {
    accounts: accountRows.length,
    accountsWithRequirements,
    orders: rows.length,
    refunds: refundRows.length,
    disputes: disputeRows.length,
    payouts: payoutRows.length,
    fees: feeRows.length,
  };
}

/** Stripe's events of the activity's accounts (Connect events, and platform fee events naming them). */
export function eventsOf(events: Stripe.Event[], activity: Activity): Stripe.Event[] {
  const accounts = new Set(activity.accounts);
  return events.filter((e) =>
    e.account
      ? accounts.has(e.account)
      : accounts.has(idOf((e.data.object as { account?: string | { id: string } }).account) ?? ""),
  );
}

/** Every accepted event is stored once and none is left failed. */
export async function expectEventsStoredOnce(ex: Executor, eventIds: string[]): Promise<void> {
  const stored = await ex
    .select({ id: stripeEvents.id, status: stripeEvents.status, error: stripeEvents.error })
    .from(stripeEvents)
    .where(inArray(stripeEvents.id, eventIds));
  expect(stored).toHaveLength(new Set(eventIds).size);
  // Every one applied or ignored: none failed, dead, or still waiting in the inbox.
  expect(stored.filter((e) => e.status !== "applied" && e.status !== "ignored")).toEqual([]);
}
