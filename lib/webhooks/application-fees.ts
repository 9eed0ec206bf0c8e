import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { tryLockChargeFees, upsertApplicationFee } from "@/db/queries/application-fees";
import { lockOrderForWebhook } from "@/db/queries/orders";
import { applied, busy, idOf, ignored, type HandlerResult } from "./types";

/*
 * application_fee.created / refunded → the platform's fee ledger. These are platform events (no
 * `account` on the event): the fee names the connected account and the direct charge it came from.
 */

export const APPLICATION_FEE_EVENTS = ["application_fee.created", "application_fee.refunded"] as const;

export async function handleApplicationFeeEvent(
  event: Stripe.Event,
  tx: Transaction,
): Promise<HandlerResult> {
  const fee = event.data.object as Stripe.ApplicationFee;
  if (fee.object !== "application_fee") return ignored(`${event.type} does not carry an application fee`);
  const chargeId = idOf(fee.charge);
  const account = idOf(fee.account);
  if (!chargeId || !account) return ignored(`Application fee ${fee.id} names no charge or account.`);
  // The order may not know its charge id yet; payment_intent.succeeded links the fee then.
  // After payment_intent.succeeded of the same charge committed (or before it links): see tryLockChargeFees.
  if (!(await tryLockChargeFees({ chargeId }, tx)))
    return busy(`Charge ${chargeId}'s fees are being linked.`);
  const order = await lockOrderForWebhook({ chargeId }, tx);
  const orderId = order && order.stripeAccountId === account ? order.id : null;
  await upsertApplicationFee(
    {
      stripeFeeId: fee.id,
      stripeAccountId: account,
      chargeId,
      orderId,
      amount: fee.amount,
      amountRefunded: fee.amount_refunded,
      currency: fee.currency,
    },
    tx,
  );
  return applied(orderId);
}
