import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import { linkApplicationFeesToOrder, tryLockChargeFees } from "@/db/queries/application-fees";
import { lockOrderForWebhook, updateOrderFromWebhook, type OrderWebhookValues } from "@/db/queries/orders";
import { linkFeeEventsToOrder, newestAppliedEventAt } from "@/db/queries/stripe-events";
import type { Order } from "@/db/schema";
import { markAuthorized } from "@/db/queries/authorizations";
import { captureDeadline } from "@/lib/capture/policy";
import { applyIntentOutcome } from "@/lib/capture/record";
import { isUuid } from "@/lib/params";
import { handleCartIntentEvent } from "./cart-checkouts";
import { canMoveOrder, orderStatusForEvent, type OrderStatus } from "./order-transitions";
import { applied, busy, idOf, ignored, type HandlerResult } from "./types";

/*
 * payment_intent.succeeded / processing / payment_failed / canceled / requires_action /
 * amount_capturable_updated → the order's payment status, charge id and failure message; for "charge when
 * I ship" orders also when the card was authorised and how the authorisation ended (lib/capture/record.ts).
 */

export const PAYMENT_INTENT_EVENTS = [
  "payment_intent.succeeded",
  "payment_intent.processing",
  "payment_intent.payment_failed",
  "payment_intent.canceled",
  "payment_intent.requires_action",
  "payment_intent.amount_capturable_updated",
] as const;

export interface PaymentRefs {
  paymentIntentId?: string | null;
  chargeId?: string | null;
  /** `metadata.order_id` we put on the PaymentIntent: finds the order if storing its id was lost. */
  metadataOrderId?: string | null;
  /** The event's connected account: every order is a direct charge on exactly one. */
  account: string | null;
}

/**
 * The order a payment, charge, refund or dispute belongs to, locked for the rest of the transaction.
 * Metadata is only trusted for an order that has no other PaymentIntent, and any match must be on the
 * event's own connected account, so an event can never touch another seller's order.
 */
export async function findOrderForPayment(refs: PaymentRefs, tx: Transaction): Promise<Order | undefined> {
  let order: Order | undefined;
  if (refs.paymentIntentId) order = await lockOrderForWebhook({ paymentIntentId: refs.paymentIntentId }, tx);
  if (!order && refs.chargeId) order = await lockOrderForWebhook({ chargeId: refs.chargeId }, tx);
  if (!order && isUuid(refs.metadataOrderId)) {
    const candidate = await lockOrderForWebhook({ id: refs.metadataOrderId }, tx);
    const sameIntent = !candidate?.paymentIntentId || candidate.paymentIntentId === refs.paymentIntentId;
    if (candidate && sameIntent) order = candidate;
  }
  if (order && order.stripeAccountId !== refs.account) return undefined;
  // A cart line was paid on the platform: nothing on a seller's account is about it, whatever its
  // metadata says (a Standard seller can write any order id into their own refunds).
  if (order && order.chargeModel !== "direct") return undefined;
  return order;
}

const GENERIC_FAILURE = "Your payment could not be completed.";

/**
 * What the buyer is told. Stripe writes card_error messages for cardholders ("Your card was declined.");
 * other error types can name parameters or accounts, so they get a generic message.
 */
function failureOf(intent: Stripe.PaymentIntent): Pick<Order, "failureCode" | "failureMessage"> {
  const error = intent.last_payment_error;
  if (!error) return { failureCode: null, failureMessage: GENERIC_FAILURE };
  return {
    failureCode: error.decline_code ?? error.code ?? null,
    failureMessage: error.type === "card_error" && error.message ? error.message : GENERIC_FAILURE,
  };
}

function valuesFor(target: OrderStatus, order: Order, intent: Stripe.PaymentIntent): OrderWebhookValues {
  const chargeId = idOf(intent.latest_charge) ?? order.chargeId;
  const base: OrderWebhookValues = { status: target, paymentIntentId: order.paymentIntentId ?? intent.id };
  switch (target) {
    case "succeeded":
    case "authorized":
      return { ...base, chargeId, failureCode: null, failureMessage: null };
    case "failed":
      return { ...base, chargeId, ...failureOf(intent) };
    case "canceled":
      return base;
    default:
      // A new attempt (another card, 3-D Secure) is under way: the last decline no longer applies.
      return { ...base, failureCode: null, failureMessage: null };
  }
}

export async function handlePaymentIntentEvent(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  // On the platform's own account: a cart paid through Stripe Checkout (direct charges are the sellers').
  if (!event.account) return handleCartIntentEvent(event, tx);
  const target = orderStatusForEvent(event.type);
  const intent = event.data.object as Stripe.PaymentIntent;
  if (!target || intent.object !== "payment_intent") return ignored(`${event.type} does not change orders`);
  // Before the order row, as the fee handler does (advisory lock, then order): the same order of locks
  // in both. See tryLockChargeFees: held by the fee's event, this one waits its turn without writing.
  const chargeId = idOf(intent.latest_charge);
  if (target === "succeeded" && chargeId && !(await tryLockChargeFees({ chargeId }, tx)))
    return busy(`Charge ${chargeId}'s fees are being linked.`);

  const order = await findOrderForPayment(
    {
      paymentIntentId: intent.id,
      metadataOrderId: intent.metadata?.order_id,
      account: event.account ?? null,
    },
    tx,
  );
  if (!order) return ignored(`No order for PaymentIntent ${intent.id}.`);
  // Found through metadata only: its refund, charge and dispute events may have come first, unmatched.
  const done = (): HandlerResult =>
    order.paymentIntentId === null
      ? { ...applied(order.id), linked: { account: order.stripeAccountId, paymentIntentId: intent.id } }
      : applied(order.id);

  if (order.status === target) {
    // Same state again (e.g. the same outcome reported twice): only fill what we did not know yet.
    const missing = order.paymentIntentId === null || (target === "succeeded" && order.chargeId === null);
    if (missing) await apply(order, valuesFor(target, order, intent), tx, event);
    return done();
  }
  if (!canMoveOrder(order.status, target)) {
    return ignored(`Order is already ${order.status}; ${event.type} cannot move it back.`, order.id);
  }
  // The state machine allows failed → requires_action for a retry; an older event must not do it.
  // Succeeded and canceled end a PaymentIntent's life, so no event is newer than those: the check
  // (one more query) is only needed for the other targets.
  if (target !== "succeeded" && target !== "canceled") {
    const newest = await newestAppliedEventAt(
      { scope: { orderId: order.id }, typePrefix: "payment_intent.", excludeId: event.id },
      tx,
    );
    if (newest !== null && newest > event.created) {
      return ignored(`A newer PaymentIntent event was already applied; ${event.type} is stale.`, order.id);
    }
  }
  await apply(order, valuesFor(target, order, intent), tx, event);
  return done();
}

async function apply(
  order: Order,
  values: OrderWebhookValues,
  tx: Transaction,
  event: Stripe.Event,
): Promise<void> {
  const intent = event.data.object as Stripe.PaymentIntent;
  if (values.status === "authorized") {
    const authorizedAt = new Date(event.created * 1000);
    await markAuthorized(
      { orderId: order.id, authorizedAt, captureBefore: captureDeadline(event.created) },
      tx,
    );
  }
  // A manual order's capture or release: what was charged, or why nothing was (before the status moves).
  if (values.status === "succeeded" || values.status === "canceled")
    await applyIntentOutcome(order, intent, tx);
  await updateOrderFromWebhook({ id: order.id, values }, tx);
  // application_fee.created arrives on the platform endpoint, possibly before this event: link it now.
  if (values.status === "succeeded" && values.chargeId) {
    // Under the charge's fee lock taken in handlePaymentIntentEvent: a fee stored concurrently is visible.
    const linked = await linkApplicationFeesToOrder({ chargeId: values.chargeId, orderId: order.id }, tx);
    if (linked > 0) {
      await linkFeeEventsToOrder(
        { account: order.stripeAccountId, chargeId: values.chargeId, orderId: order.id },
        tx,
      );
    }
  }
}
