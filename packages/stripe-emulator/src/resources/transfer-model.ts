/**
 * Transfers as objects and the money they move (docs.stripe.com/connect/separate-charges-and-transfers): the
 * platform's debit (`type: "transfer"`), and on the connected account a `py_…` payment (a Charge with
 * `source_transfer`, `payment_method_details.type: "stripe_account"`) whose `payment` balance transaction
 * credits the seller. POST /v1/transfers (transfers.ts) and destination charges (capture-booking.ts) both
 * book through `bookTransfer`, so the two paths build the same objects; reversals are in
 * transfer-reversals.ts.
 *
 * Availability ("Transfer availability" in the guide): a transfer tied to a charge (`source_transaction`, or
 * the transfer of a destination charge) "takes on the pending status of the associated charge" — its balance
 * transactions, on both accounts, become available when the charge's do; a transfer paid from the
 * platform's available balance is available at once.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { getOwned, ownedBy } from "../list";
import { fullAddress, mergeMetadata } from "../schema";
import { newId, PLATFORM_ACCOUNT } from "../state";
import { addBalanceTransaction } from "./balance-payouts";

export interface TransferInput {
  amount: number;
  currency: string;
  destination: string;
  /** The platform charge funding it (`source_transaction`, or the destination charge); null: the balance. */
  sourceCharge: Stripe.Charge | null;
  transferGroup: string | null;
  description?: string | null;
  metadata?: Record<string, string> | null;
  sourceType?: string;
  /** Withheld from the seller's payment: the application fee of a destination charge. */
  feeDetails?: Stripe.BalanceTransaction.FeeDetail[];
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  return typeof value === "string" ? value : (value?.id ?? null);
}

/** Seconds until a balance transaction's funds are available (0 when they already are, or there is none). */
export function delayOfTxn(em: Emulator, txnId: string | null): number {
  const txn = txnId ? em.store.balanceTransactions[txnId]?.obj : undefined;
  return txn ? Math.max(0, txn.available_on - em.now()) : 0;
}

/**
 * The transfer group of a transfer tied to `charge`, as the guide says: the charge's `transfer_group`;
 * when it has none, the one the request names, else `group_` + its PaymentIntent id — set on the charge too.
 */
export function chargeTransferGroup(charge: Stripe.Charge, requested?: string | null): string {
  charge.transfer_group ??= requested || `group_${idOf(charge.payment_intent) ?? charge.id}`;
  return charge.transfer_group;
}

/** Every transfer funded by `chargeId` (its `source_transaction`). */
export function transfersFrom(em: Emulator, chargeId: string): Stripe.Transfer[] {
  return ownedBy(em.store.transfers, PLATFORM_ACCOUNT).filter((t) => idOf(t.source_transaction) === chargeId);
}

/** The `py_…` payment a transfer made on its destination account. */
export function destinationPaymentOf(em: Emulator, transfer: Stripe.Transfer): Stripe.Charge | undefined {
  const id = idOf(transfer.destination_payment);
  const destination = idOf(transfer.destination);
  return id && destination ? getOwned(em.store.charges, id, destination) : undefined;
}

/** The Transfer of a destination charge (`charge.transfer`), if it was captured. */
export function transferOfCharge(em: Emulator, charge: Stripe.Charge): Stripe.Transfer | undefined {
  const id = idOf(charge.transfer);
  return id ? getOwned(em.store.transfers, id, PLATFORM_ACCOUNT) : undefined;
}

function destinationPayment(
  em: Emulator,
  transferId: string,
  input: TransferInput,
  delay: number,
): Stripe.Charge {
  const id = newId("py");
  const fees = input.feeDetails ?? [];
  const fee = fees.reduce((sum, d) => sum + d.amount, 0);
  const txn = addBalanceTransaction(em, input.destination, {
    amount: input.amount,
    currency: input.currency,
    type: "payment",
    source: id,
    fee_details: fees,
    delay,
    reporting_category: "charge",
  });
  const payment: Stripe.Charge = {
    id,
    object: "charge",
    amount: input.amount,
    amount_captured: input.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: fee > 0 ? fee : null,
    balance_transaction: txn.id,
    billing_details: { address: fullAddress(), email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: null,
    captured: true,
    created: em.now(),
    currency: input.currency,
    customer: null,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: null,
    paid: true,
    payment_intent: null,
    payment_method: null,
    payment_method_details: { type: "stripe_account", stripe_account: {} },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: transferId,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
  em.store.charges[id] = { owner: input.destination, obj: payment };
  return payment;
}

/**
 * Moves `amount` from the platform to `destination`: the platform's debit, the seller's `py_…` payment and
 * its credit, the Transfer (platform-owned) and `transfer.created`. Callers have checked the rules.
 */
export function bookTransfer(em: Emulator, input: TransferInput): Stripe.Transfer {
  const id = newId("tr");
  const source = input.sourceCharge;
  const delay = source ? delayOfTxn(em, idOf(source.balance_transaction)) : 0;
  const platformTxn = addBalanceTransaction(em, PLATFORM_ACCOUNT, {
    amount: -input.amount,
    currency: input.currency,
    type: "transfer",
    source: id,
    delay,
    reporting_category: "transfer",
    description: input.description ?? null,
  });
  const payment = destinationPayment(em, id, input, delay);
  const transfer: Stripe.Transfer = {
    id,
    object: "transfer",
    amount: input.amount,
    amount_reversed: 0,
    balance_transaction: platformTxn.id,
    created: em.now(),
    currency: input.currency,
    description: input.description ?? null,
    destination: input.destination,
    destination_payment: payment.id,
    livemode: false,
    metadata: mergeMetadata({}, input.metadata),
    reversals: { object: "list", data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: source?.id ?? null,
    source_type: input.sourceType ?? "card",
    transfer_group: input.transferGroup,
  };
  em.store.transfers[id] = { owner: PLATFORM_ACCOUNT, obj: transfer };
  em.emit("transfer.created", transfer);
  return transfer;
}
