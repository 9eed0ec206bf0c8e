/**
 * Transfer reversals (`trr_…`, `/v1/transfers/:id/reversals`): money a transfer moved comes back from the
 * connected account to the platform — a `payment_refund` of the seller's `py_…` payment (`pyr_…`, a Refund on
 * the connected account) and a `transfer_refund` credit on the platform. Never more than what is left
 * ("The transfer tr_… is already fully reversed." once nothing is); `transfer.reversed` is sent for every
 * reversal, partial ones included. A reversal keeps the transfer's availability: while the transfer's funds
 * are pending (a `source_transaction` not yet available), so are the reversal's.
 * `refund_application_fee` gives back, in proportion, the application fee of the destination charge the
 * transfer came from. Refunds with `reverse_transfer` reverse through `reverseTransfer` too (refunds.ts).
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { ApiError, docUrl, invalidRequest, resourceMissing } from "../errors";
import { expand, getOwned, ownedBy, paginate, requireOwned } from "../list";
import { formatMoney } from "../money";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, LIST_PARAMS, mergeMetadata, parseParams } from "../schema";
import { newId, PLATFORM_ACCOUNT } from "../state";
import { refundApplicationFee } from "./application-fees";
import { addBalanceTransaction, balanceTotals } from "./balance-payouts";
import { delayOfTxn, destinationPaymentOf } from "./transfer-model";

export interface ReversalInput {
  metadata?: Record<string, string> | null;
  description?: string;
  refund_application_fee?: boolean;
  /** The refund (with `reverse_transfer`) that caused it. */
  sourceRefund?: string | null;
}

/** What a reversal of `amount` may still take, or Stripe's refusal. */
function checkLeft(transfer: Stripe.Transfer, amount: number): number {
  const left = transfer.amount - transfer.amount_reversed;
  if (left <= 0) throw invalidRequest(`The transfer ${transfer.id} is already fully reversed.`, "amount");
  if (amount > left)
    throw invalidRequest(
      `Reversal amount (${formatMoney(amount, transfer.currency)}) is greater than the unreversed amount on the transfer (${formatMoney(left, transfer.currency)}). You can only reverse up to the unreversed amount remaining of the transfer.`,
      "amount",
    );
  return left;
}

/** The destination charge's application fee, in proportion to the part of the transfer reversed. */
function feeBack(em: Emulator, transfer: Stripe.Transfer, amount: number, left: number): void {
  const source = typeof transfer.source_transaction === "string" ? transfer.source_transaction : null;
  const charge = source ? getOwned(em.store.charges, source, PLATFORM_ACCOUNT) : undefined;
  const feeId = typeof charge?.application_fee === "string" ? charge.application_fee : null;
  const fee = feeId ? em.store.applicationFees[feeId]?.obj : undefined;
  if (!fee) return;
  const feeLeft = fee.amount - fee.amount_refunded;
  const share =
    amount === left ? feeLeft : Math.min(feeLeft, Math.round((fee.amount * amount) / transfer.amount));
  if (share > 0) refundApplicationFee(em, fee, share, undefined);
}

export function reverseTransfer(
  em: Emulator,
  transfer: Stripe.Transfer,
  amount: number,
  input: ReversalInput = {},
): Stripe.TransferReversal {
  const left = checkLeft(transfer, amount);
  const payment = destinationPaymentOf(em, transfer);
  const destination =
    typeof transfer.destination === "string" ? transfer.destination : transfer.destination?.id;
  if (!payment || !destination) throw invalidRequest(`Transfer ${transfer.id} cannot be reversed.`, "id");
  const delay = delayOfTxn(
    em,
    typeof payment.balance_transaction === "string" ? payment.balance_transaction : null,
  );
  const id = newId("trr");
  const refundId = newId("pyr");
  const sellerTxn = addBalanceTransaction(em, destination, {
    amount: -amount,
    currency: transfer.currency,
    type: "payment_refund",
    source: refundId,
    delay,
    reporting_category: "refund",
    description: "REFUND FOR PAYMENT",
  });
  const platformTxn = addBalanceTransaction(em, PLATFORM_ACCOUNT, {
    amount,
    currency: transfer.currency,
    type: "transfer_refund",
    source: id,
    delay,
    reporting_category: "transfer_reversal",
  });
  const paymentRefund: Stripe.Refund = {
    id: refundId,
    object: "refund",
    amount,
    balance_transaction: sellerTxn.id,
    charge: payment.id,
    created: em.now(),
    currency: transfer.currency,
    customer: null,
    customer_account: null,
    ...(input.description ? { description: input.description } : {}),
    metadata: {},
    payment_intent: null,
    payment_method: null,
    reason: null,
    receipt_number: null,
    source_transfer_reversal: id,
    status: "succeeded",
    transfer_reversal: null,
  };
  em.store.refunds[refundId] = { owner: destination, obj: paymentRefund };
  payment.amount_refunded += amount;
  payment.refunded = payment.amount_refunded >= payment.amount;
  payment.refunds?.data.unshift({ ...paymentRefund });
  const reversal: Stripe.TransferReversal = {
    id,
    object: "transfer_reversal",
    amount,
    balance_transaction: platformTxn.id,
    created: em.now(),
    currency: transfer.currency,
    destination_payment_refund: refundId,
    metadata: mergeMetadata({}, input.metadata),
    source_refund: input.sourceRefund ?? null,
    transfer: transfer.id,
  };
  em.store.transferReversals[id] = { owner: PLATFORM_ACCOUNT, obj: reversal };
  const previous = { amount_reversed: transfer.amount_reversed, reversed: transfer.reversed };
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed >= transfer.amount;
  transfer.reversals.data.unshift({ ...reversal });
  em.emit("transfer.reversed", transfer, { previous });
  if (input.refund_application_fee) feeBack(em, transfer, amount, left);
  return reversal;
}

/**
 * A reversal the platform asks for takes money the seller holds: their balance (available and pending) must
 * cover it — except for the transfer of a destination charge, reversible up to the charge's amount anyway.
 */
function checkSellerCovers(em: Emulator, transfer: Stripe.Transfer, amount: number): void {
  const source = typeof transfer.source_transaction === "string" ? transfer.source_transaction : null;
  if (source && getOwned(em.store.charges, source, PLATFORM_ACCOUNT)?.transfer === transfer.id) return;
  const destination =
    typeof transfer.destination === "string" ? transfer.destination : transfer.destination?.id;
  if (!destination) return;
  const { available, pending } = balanceTotals(em, destination, transfer.currency);
  if (available + pending >= amount) return;
  throw new ApiError(400, {
    type: "invalid_request_error",
    code: "balance_insufficient",
    message: `Insufficient funds in the destination account ${destination} to reverse this transfer: its balance is ${formatMoney(available + pending, transfer.currency)}, the reversal needs ${formatMoney(amount, transfer.currency)}.`,
    doc_url: docUrl("balance_insufficient"),
  });
}

function findTransfer(ctx: ApiContext, id: string): Stripe.Transfer {
  return requireOwned(ctx.em.store.transfers, id, ctx.account, "transfer");
}

function create(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {
    amount: f.int({ min: 1 }),
    description: f.string({ maxLength: 5000 }),
    metadata: f.metadata(),
    refund_application_fee: f.bool(),
  });
  const transfer = findTransfer(ctx, ctx.pathParams.id as string);
  const amount = p.amount ?? transfer.amount - transfer.amount_reversed;
  checkLeft(transfer, amount);
  checkSellerCovers(ctx.em, transfer, amount);
  return { body: expand(ctx.em, reverseTransfer(ctx.em, transfer, amount, p), p.expand) };
}

function findReversal(ctx: ApiContext): Stripe.TransferReversal {
  const transfer = findTransfer(ctx, ctx.pathParams.transfer as string);
  const id = ctx.pathParams.id as string;
  const reversal = getOwned(ctx.em.store.transferReversals, id, ctx.account);
  if (!reversal || reversal.transfer !== transfer.id) throw resourceMissing("transfer_reversal", id, "id");
  return reversal;
}

export function registerTransferReversals(router: Router): void {
  router
    .add("POST", "/v1/transfers/:id/reversals", create)
    .add("GET", "/v1/transfers/:id/reversals", (ctx) => {
      const p = parseParams(ctx.params, LIST_PARAMS);
      const transfer = findTransfer(ctx, ctx.pathParams.id as string);
      const reversals = ownedBy(ctx.em.store.transferReversals, ctx.account).filter(
        (r) => r.transfer === transfer.id,
      );
      return {
        body: expand(ctx.em, paginate(reversals, `/v1/transfers/${transfer.id}/reversals`, p), p.expand),
      };
    })
    .add("GET", "/v1/transfers/:transfer/reversals/:id", (ctx) => {
      const p = parseParams(ctx.params, {});
      return { body: expand(ctx.em, findReversal(ctx), p.expand) };
    })
    .add("POST", "/v1/transfers/:transfer/reversals/:id", (ctx) => {
      const p = parseParams(ctx.params, { metadata: f.metadata() });
      const reversal = findReversal(ctx);
      reversal.metadata = mergeMetadata(reversal.metadata, p.metadata);
      const transfer = findTransfer(ctx, ctx.pathParams.transfer as string);
      const listed = transfer.reversals.data.findIndex((r) => r.id === reversal.id);
      if (listed >= 0) transfer.reversals.data[listed] = { ...reversal };
      return { body: expand(ctx.em, reversal, p.expand) };
    });
}
