/**
 * The money a captured charge moves, kept apart from the charge object (charges.ts). A captured direct
 * charge (PaymentIntent created with Stripe-Account) credits the connected account (amount minus Stripe's
 * fee when the account pays it, minus the application fee) and credits the platform with an
 * ApplicationFee — the balance transactions Stripe makes. A captured destination charge (platform, with
 * `transfer_data[destination]`) books a real Transfer through transfer-model.ts (`charge.transfer`), and the
 * destination's `py_…` payment pays the application fee (`fee.charge` = that payment,
 * `fee.originating_transaction` = the platform charge, as Stripe shows destination-charge fees).
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { newId, PLATFORM_ACCOUNT, type CardRecord } from "../state";
import { addBalanceTransaction, AVAILABLE_AFTER_SECONDS } from "./balance-payouts";
import { CONNECT_APPLICATION } from "./charges";
import { bookTransfer, chargeTransferGroup, destinationPaymentOf } from "./transfer-model";

/** Stripe's US card pricing: 2.9% + 30¢. */
export function stripeFee(amount: number): number {
  return Math.round(amount * 0.029) + 30;
}

export function feeDetail(
  amount: number,
  currency: string,
  type: "stripe_fee" | "application_fee",
): Stripe.BalanceTransaction.FeeDetail {
  return {
    amount,
    application: type === "application_fee" ? CONNECT_APPLICATION : null,
    currency,
    description: type === "application_fee" ? "Application fee" : "Stripe processing fees",
    type,
  };
}

/**
 * Books a captured amount: balance transactions on the right accounts and, when there is an application
 * fee, the ApplicationFee object on the platform. Returns the fee so the caller emits
 * `application_fee.created` after the charge and payment intent events, in Stripe's order.
 */
export function bookCapture(
  em: Emulator,
  owner: string,
  pi: Stripe.PaymentIntent,
  charge: Stripe.Charge,
  captured: number,
  card: CardRecord | undefined,
): Stripe.ApplicationFee | null {
  const delay = card?.available_immediately ? 0 : AVAILABLE_AFTER_SECONDS;
  const currency = charge.currency;
  const appFee = Math.min(pi.application_fee_amount ?? 0, captured);
  const sFee = stripeFee(captured);
  const dest = pi.transfer_data?.destination;
  const destination = typeof dest === "string" ? dest : dest?.id;
  let feeAccount: string | null = null;
  /** A destination charge's `py_…` payment on the destination: the fee is taken from it. */
  let payment: Stripe.Charge | undefined;
  if (owner !== PLATFORM_ACCOUNT) {
    // Direct charge: who pays Stripe's fee depends on the account's controller (Express: the platform).
    const accountPays = em.store.accounts[owner]?.controller?.fees?.payer === "account";
    const fees = [
      ...(accountPays ? [feeDetail(sFee, currency, "stripe_fee")] : []),
      ...(appFee > 0 ? [feeDetail(appFee, currency, "application_fee")] : []),
    ];
    const txn = addBalanceTransaction(em, owner, {
      amount: captured,
      currency,
      type: "charge",
      source: charge.id,
      fee_details: fees,
      delay,
      reporting_category: "charge",
      description: charge.description,
    });
    charge.balance_transaction = txn.id;
    if (!accountPays)
      addBalanceTransaction(em, PLATFORM_ACCOUNT, {
        amount: -sFee,
        currency,
        type: "stripe_fee",
        source: charge.id,
        reporting_category: "fee",
        description: `Stripe fee for connected account charge ${charge.id}`,
      });
    feeAccount = appFee > 0 ? owner : null;
  } else {
    const txn = addBalanceTransaction(em, PLATFORM_ACCOUNT, {
      amount: captured,
      currency,
      type: "charge",
      source: charge.id,
      fee_details: [feeDetail(sFee, currency, "stripe_fee")],
      delay,
      reporting_category: "charge",
      description: charge.description,
    });
    charge.balance_transaction = txn.id;
    if (destination) {
      // Destination charge: a Transfer of the captured amount (`transfer_data.amount` when given, capped at
      // what was captured) to the destination, whose payment then pays the application fee back.
      const transfer = bookTransfer(em, {
        amount: Math.min(pi.transfer_data?.amount ?? captured, captured),
        currency,
        destination,
        sourceCharge: charge,
        transferGroup: chargeTransferGroup(charge),
        feeDetails: appFee > 0 ? [feeDetail(appFee, currency, "application_fee")] : [],
      });
      charge.transfer = transfer.id;
      payment = destinationPaymentOf(em, transfer);
      feeAccount = appFee > 0 ? destination : null;
    }
  }
  if (feeAccount) {
    const feeId = newId("fee");
    const feeTxn = addBalanceTransaction(em, PLATFORM_ACCOUNT, {
      amount: appFee,
      currency,
      type: "application_fee",
      source: feeId,
      delay,
      reporting_category: "platform_earning",
      description: `Application fee for ${charge.id}`,
    });
    const fee: Stripe.ApplicationFee = {
      id: feeId,
      object: "application_fee",
      account: feeAccount,
      amount: appFee,
      amount_refunded: 0,
      application: CONNECT_APPLICATION,
      balance_transaction: feeTxn.id,
      charge: payment?.id ?? charge.id,
      created: em.now(),
      currency,
      fee_source: { charge: payment?.id ?? charge.id, type: "charge" },
      livemode: false,
      originating_transaction: payment ? charge.id : null,
      refunded: false,
      refunds: { object: "list", data: [], has_more: false, url: `/v1/application_fees/${feeId}/refunds` },
    };
    em.store.applicationFees[feeId] = { owner: PLATFORM_ACCOUNT, obj: fee };
    charge.application_fee = feeId;
    if (payment) payment.application_fee = feeId;
    charge.captured = true;
    charge.amount_captured = captured;
    return fee;
  }
  charge.captured = true;
  charge.amount_captured = captured;
  return null;
}
