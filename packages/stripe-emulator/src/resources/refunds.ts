/**
 * `/v1/refunds`, with the rules the admin refund flow depends on: never more than what is left on the
 * charge (Stripe's message, no code), `refund_application_fee` gives the platform's fee back in proportion,
 * a disputed charge cannot be refunded; `reverse_transfer` reverses a destination charge's transfer in
 * proportion (transfer-reversals.ts). A refund the account's balance cannot cover (money already paid
 * out) is created `pending` with `pending_reason: "insufficient_funds"` and settles later
 * (refund-settlement.ts). Test card 4000000000005126 refunds go `pending` and fail a moment later.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { invalidRequest, resourceMissing } from "../errors";
import { expand, getOwned, ownedBy, paginate, requireOwned } from "../list";
import { formatMoney } from "../money";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, LIST_PARAMS, mergeMetadata, parseParams } from "../schema";
import { newId, PLATFORM_ACCOUNT } from "../state";
import { refundApplicationFee } from "./application-fees";
import { addBalanceTransaction } from "./balance-payouts";
import { balanceCovers, bookRefund, syncChargeCopy } from "./refund-settlement";
import { transferOfCharge } from "./transfer-model";
import { reverseTransfer } from "./transfer-reversals";

export interface RefundInput {
  charge?: string;
  payment_intent?: string;
  amount?: number;
  reason?: "duplicate" | "fraudulent" | "requested_by_customer";
  refund_application_fee?: boolean;
  reverse_transfer?: boolean;
  metadata?: Record<string, string> | null;
}

const REFUND_FAILURE_DELAY_MS = 500;

function findCharge(em: Emulator, owner: string, input: RefundInput): Stripe.Charge {
  if (input.charge && input.payment_intent)
    throw invalidRequest(
      "You may only specify one of these parameters: charge, payment_intent.",
      "payment_intent",
    );
  if (input.charge) {
    const charge = getOwned(em.store.charges, input.charge, owner);
    if (!charge) throw resourceMissing("charge", input.charge, "charge", 400);
    return charge;
  }
  if (input.payment_intent) {
    const pi = getOwned(em.store.paymentIntents, input.payment_intent, owner);
    if (!pi) throw resourceMissing("payment_intent", input.payment_intent, "payment_intent", 400);
    const charge =
      typeof pi.latest_charge === "string" ? getOwned(em.store.charges, pi.latest_charge, owner) : undefined;
    if (!charge || pi.status !== "succeeded")
      throw invalidRequest(
        `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
        "payment_intent",
        "charge_not_refundable",
      );
    return charge;
  }
  throw invalidRequest(
    "One of the following params should be provided for this request: payment_intent or charge.",
    "charge",
    "parameter_missing",
  );
}

export function createRefund(em: Emulator, owner: string, input: RefundInput): Stripe.Refund {
  const charge = findCharge(em, owner, input);
  if (charge.status !== "succeeded")
    throw invalidRequest(
      `Charge ${charge.id} has not succeeded and cannot be refunded.`,
      "charge",
      "charge_not_refundable",
    );
  if (!charge.captured)
    throw invalidRequest(
      `Charge ${charge.id} has not been captured; cancel its PaymentIntent to release the funds instead.`,
      "charge",
      "charge_not_refundable",
    );
  if (charge.disputed)
    throw invalidRequest(
      `Charge ${charge.id} has been charged back; cannot issue a refund.`,
      "charge",
      "charge_disputed",
    );
  // After a partial capture the uncaptured rest already counts in amount_refunded (Stripe refunds it),
  // so what is left to refund is the charge's amount minus amount_refunded.
  const left = charge.amount - charge.amount_refunded;
  if (left <= 0)
    throw invalidRequest(
      `Charge ${charge.id} has already been refunded.`,
      "charge",
      "charge_already_refunded",
    );
  const amount = input.amount ?? left;
  if (amount > left)
    throw invalidRequest(
      `Refund amount (${formatMoney(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatMoney(left, charge.currency)})`,
      "amount",
    );
  const transfer = transferOfCharge(em, charge);
  if (input.reverse_transfer && !transfer)
    throw invalidRequest(
      "You can only reverse the transfer of a charge made with `transfer_data`.",
      "reverse_transfer",
    );
  // reverse_transfer: the destination charge's transfer comes back in proportion to the refund, as far as
  // it was not reversed already.
  const reversal =
    input.reverse_transfer && transfer
      ? Math.min(
          transfer.amount - transfer.amount_reversed,
          Math.round((transfer.amount * amount) / charge.amount_captured),
        )
      : 0;

  // The platform's fee comes back in proportion to the refund; the last refund takes whatever remains.
  const feeId = typeof charge.application_fee === "string" ? charge.application_fee : null;
  const fee = feeId ? em.store.applicationFees[feeId]?.obj : undefined;
  let feeRefund = 0;
  if (input.refund_application_fee && fee) {
    const feeLeft = fee.amount - fee.amount_refunded;
    feeRefund =
      amount === left
        ? feeLeft
        : Math.min(feeLeft, Math.round((fee.amount * amount) / charge.amount_captured));
  }
  // The fee comes back first, so it counts towards what the account can refund with; on a destination
  // charge the platform refunds, gets the reversed transfer back and gives the fee back to the seller.
  const feeEffect = owner === PLATFORM_ACCOUNT ? feeRefund : -feeRefund;
  const covered = balanceCovers(em, owner, charge.currency, amount - reversal + feeEffect);
  const id = newId("re");
  const card = typeof charge.payment_method === "string" ? em.store.cards[charge.payment_method] : undefined;
  const willFail = card?.behaviour === "refund_fail";
  const refund: Stripe.Refund = {
    id,
    object: "refund",
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: em.now(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: {
      type: "card",
      card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" },
    },
    metadata: mergeMetadata({}, input.metadata),
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: input.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: willFail || !covered ? "pending" : "succeeded",
    ...(covered ? {} : { pending_reason: "insufficient_funds" as const }),
    transfer_reversal: null,
  };
  if (transfer && reversal > 0)
    refund.transfer_reversal = reverseTransfer(em, transfer, reversal, { sourceRefund: id }).id;
  if (covered) bookRefund(em, owner, refund);
  em.store.refunds[id] = { owner, obj: refund };
  const before = {
    amount_refunded: charge.amount_refunded,
    refunded: charge.refunded,
    refunds: charge.refunds ? { data: charge.refunds.data.map((r) => r.id) } : null,
  };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  charge.refunds?.data.unshift(refund);
  em.emit("refund.created", refund, { account: owner });
  em.emit("charge.refunded", charge, {
    account: owner,
    previous: { amount_refunded: before.amount_refunded, refunded: before.refunded },
  });
  if (feeRefund > 0 && fee) refundApplicationFee(em, fee, feeRefund, undefined);
  if (willFail && covered)
    em.store.scheduled.push({
      due_ms: Date.now() + REFUND_FAILURE_DELAY_MS,
      kind: "refund_fail",
      owner,
      target: id,
    });
  return refund;
}

/** The card issuer rejected the refund: the money returns to the account, the charge is un-refunded. */
export function failRefund(em: Emulator, owner: string, refundId: string): void {
  const refund = em.store.refunds[refundId]?.obj;
  if (!refund || refund.status !== "pending") return;
  const txn = addBalanceTransaction(em, owner, {
    amount: refund.amount,
    currency: refund.currency,
    type: "refund_failure",
    source: refund.id,
    reporting_category: "refund_failure",
    description: "REFUND FAILURE",
  });
  const before = { status: refund.status };
  refund.status = "failed";
  refund.failure_reason = "expired_or_canceled_card";
  refund.failure_balance_transaction = txn.id;
  const charge = syncChargeCopy(em, refund);
  if (charge) {
    charge.amount_refunded -= refund.amount;
    charge.refunded = false;
  }
  em.emit("refund.updated", refund, { account: owner, previous: before });
  em.emit("refund.failed", refund, { account: owner, previous: before });
  em.emit("charge.refund.updated", refund, { account: owner, previous: before });
}

function create(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {
    charge: f.string(),
    payment_intent: f.string(),
    amount: f.int({ min: 1 }),
    reason: f.enumOf("duplicate", "fraudulent", "requested_by_customer"),
    refund_application_fee: f.bool(),
    reverse_transfer: f.bool(),
    metadata: f.metadata(),
    instructions_email: f.string(),
  });
  return { body: expand(ctx.em, createRefund(ctx.em, ctx.account, p), p.expand) };
}

export function registerRefunds(router: Router): void {
  router
    .add("POST", "/v1/refunds", create)
    .add("GET", "/v1/refunds", (ctx) => {
      const p = parseParams(ctx.params, { ...LIST_PARAMS, charge: f.string(), payment_intent: f.string() });
      const refunds = ownedBy(ctx.em.store.refunds, ctx.account).filter(
        (r) =>
          (!p.charge || r.charge === p.charge) &&
          (!p.payment_intent || r.payment_intent === p.payment_intent),
      );
      return { body: expand(ctx.em, paginate(refunds, "/v1/refunds", p), p.expand) };
    })
    .add("GET", "/v1/refunds/:id", (ctx) => {
      const p = parseParams(ctx.params, {});
      return {
        body: expand(
          ctx.em,
          requireOwned(ctx.em.store.refunds, ctx.pathParams.id as string, ctx.account, "refund"),
          p.expand,
        ),
      };
    })
    .add("POST", "/v1/refunds/:id", (ctx) => {
      const p = parseParams(ctx.params, { metadata: f.metadata() });
      const refund = requireOwned(ctx.em.store.refunds, ctx.pathParams.id as string, ctx.account, "refund");
      const before = { metadata: refund.metadata };
      refund.metadata = mergeMetadata(refund.metadata, p.metadata);
      ctx.em.emit("refund.updated", refund, { account: ctx.account, previous: before });
      return { body: expand(ctx.em, refund, p.expand) };
    });
}
