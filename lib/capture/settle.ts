import "server-only";
import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import {
  lockAuthorization,
  setAuthorizationError,
  setSettlement,
  type LockedAuthorization,
} from "@/db/queries/authorizations";
import { runInTransaction } from "@/db/queries/transaction";
import type { Order, OrderAuthorization, ReleaseReason, Settlement, SettlementActor } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/admin/audit";
import { AppError } from "@/lib/errors";
import { stripe } from "@/lib/stripe";
import { stripeErrorCode, stripeFailure } from "@/lib/stripe-errors";
import { planCapture, STRIPE_CANCELLATION_REASON } from "./policy";
import { applyIntentOutcome, applyRelease } from "./record";

/*
 * Ending an authorisation: capture what ships (all or part; Stripe releases the rest) or release it all.
 * Like a refund (lib/refunds/create-refund.ts), in three steps so no database transaction waits on Stripe:
 * 1. under the order's row lock, check the order may be settled and write the settlement we are about to
 *    send (`order_authorizations.settlement`): a second caller sees it and is refused;
 * 2. send it to Stripe with an idempotency key derived from it, so a resumed or retried settlement is the
 *    very same request, never a second capture;
 * 3. record what Stripe answered (record.ts, shared with the webhooks) and audit it.
 * A settlement whose answer was lost stays written: after SETTLEMENT_STALE_SECONDS anyone (the seller
 * again, the expiry job) may resume it, and the key makes Stripe return the first result.
 */

/** A settlement started this long ago without an answer is considered abandoned and may be resumed. */
export const SETTLEMENT_STALE_SECONDS = 120;

export type SettleRequest =
  { action: "capture"; quantity: number } | { action: "release"; reason: ReleaseReason };

export interface Settler {
  actor: AuditActor;
  by: SettlementActor;
  /** Only this seller's orders exist for the caller (others are answered "does not exist"). */
  sellerId?: string;
}

export interface Settled {
  order: Order;
  result: "captured" | "released";
}

function idempotencyKey(orderId: string, s: Settlement): string {
  return s.action === "capture"
    ? `capture-${orderId}-${s.amount}-${s.applicationFee}`
    : `release-${orderId}-${s.reason}`;
}

const notFound = () => new AppError("not_found:capture", "This order does not exist.");

/** Why `order` cannot be settled now, in the seller's words; null when it can. */
function refusal(order: Order, auth: OrderAuthorization): AppError | null {
  if (auth.capturedAt) return new AppError("conflict:capture", "This order was already shipped and charged.");
  if (auth.releasedAt || order.status === "canceled")
    return new AppError(
      "conflict:capture",
      "This order's authorisation was released; the buyer was not charged.",
    );
  if (order.status !== "authorized")
    return new AppError("conflict:capture", "The buyer's card is not authorised for this order yet.");
  return null;
}

/** What `request` sends to Stripe for this order, or a refusal of the quantity. */
function settlementFor(auth: OrderAuthorization, request: SettleRequest, by: SettlementActor): Settlement {
  if (request.action === "release") return { action: "release", reason: request.reason, by };
  const plan = planCapture(auth, request.quantity);
  if (!plan) {
    const message = `Ship between 1 and ${auth.quantity}.`;
    throw new AppError("unprocessable:capture", message, { fieldErrors: { quantity: [message] } });
  }
  return { action: "capture", ...plan, by };
}

/**
 * Step 1 for one locked order: refuses, or writes the settlement. While one is in flight every other caller
 * is refused; once abandoned (SETTLEMENT_STALE_SECONDS) the next caller resumes it, whatever they asked.
 */
export async function beginSettlement(
  locked: LockedAuthorization,
  request: SettleRequest,
  by: SettlementActor,
  tx: Transaction,
  now = new Date(),
): Promise<Settlement> {
  const refused = refusal(locked.order, locked.auth);
  if (refused) throw refused;
  const settlement = settlementFor(locked.auth, request, by);
  const { settlement: inFlight, settlementStartedAt } = locked.auth;
  const fresh =
    settlementStartedAt && now.getTime() - settlementStartedAt.getTime() < SETTLEMENT_STALE_SECONDS * 1000;
  // A double click, or another party at the same moment: one settlement at a time reaches Stripe.
  if (inFlight && fresh)
    throw new AppError(
      "conflict:capture",
      "This order is being shipped or canceled right now. Reload the page in a moment.",
    );
  // An abandoned one (its answer was lost) is resumed as it was: same request, same idempotency key.
  const chosen = inFlight ?? settlement;
  await setSettlement({ orderId: locked.order.id, settlement: chosen, at: now }, tx);
  return chosen;
}

function describe(order: Order, s: Settlement): Record<string, unknown> {
  return s.action === "capture"
    ? {
        quantity: s.quantity,
        amount: s.amount,
        applicationFee: s.applicationFee,
        currency: order.currency,
        by: s.by,
      }
    : { reason: s.reason, by: s.by };
}

async function callStripe(order: Order, s: Settlement): Promise<Stripe.PaymentIntent> {
  if (!order.paymentIntentId) throw new Error(`order ${order.id} is authorised without a PaymentIntent`);
  const options = { stripeAccount: order.stripeAccountId, idempotencyKey: idempotencyKey(order.id, s) };
  return s.action === "capture"
    ? stripe.paymentIntents.capture(
        order.paymentIntentId,
        { amount_to_capture: s.amount, application_fee_amount: s.applicationFee },
        options,
      )
    : stripe.paymentIntents.cancel(
        order.paymentIntentId,
        { cancellation_reason: STRIPE_CANCELLATION_REASON[s.reason] },
        options,
      );
}

/** The PaymentIntent Stripe attached to its refusal (payment_intent_unexpected_state, charge_expired_for_capture). */
function intentOf(error: unknown): Stripe.PaymentIntent | undefined {
  const raw = (error as { raw?: { payment_intent?: Stripe.PaymentIntent } }).raw;
  return raw?.payment_intent?.object === "payment_intent" ? raw.payment_intent : undefined;
}

/** Step 3: writes what Stripe's PaymentIntent shows and audits it, in one transaction. */
async function finish(
  order: Order,
  s: Settlement,
  intent: Stripe.PaymentIntent | undefined,
  actor: AuditActor,
  failure?: { message: string; code: string | undefined },
): Promise<Settled> {
  return runInTransaction(async (tx) => {
    const locked = await lockAuthorization({ orderId: order.id }, tx);
    if (!locked) throw notFound();
    const expired = failure?.code === "charge_expired_for_capture";
    if (expired)
      await applyRelease(locked.order, { reason: "expired", at: new Date(), error: failure.message }, tx);
    else if (intent)
      await applyIntentOutcome(locked.order, intent, tx, s.action === "release" ? s.reason : undefined);
    const after = await lockAuthorization({ orderId: order.id }, tx);
    const ended = after?.auth.capturedAt ? "captured" : after?.auth.releasedAt ? "released" : null;
    if (!ended && failure) await setAuthorizationError({ orderId: order.id, message: failure.message }, tx);
    const wanted = s.action === "capture" ? "captured" : "released";
    await recordAudit(
      actor,
      {
        action: s.action === "capture" ? "order.capture" : "order.release",
        targetType: "order",
        targetId: order.id,
        details: {
          ...describe(order, s),
          ...(failure ? { failure: failure.message, stripeCode: failure.code ?? null } : {}),
          outcome: ended,
        },
        result: ended === wanted ? "ok" : "error",
      },
      tx,
    );
    if (!ended)
      throw new AppError("conflict:capture", failure?.message ?? "Stripe did not settle this payment.");
    return { order: after!.order, result: ended };
  });
}

/** Steps 2 and 3 for a settlement written by beginSettlement. */
export async function sendSettlement(order: Order, s: Settlement, actor: AuditActor): Promise<Settled> {
  let intent: Stripe.PaymentIntent;
  try {
    intent = await callStripe(order, s);
  } catch (error) {
    const failure = stripeFailure(error, "capture", `${s.action} of order ${order.id}`);
    // The request may have been applied: keep the settlement, so resuming it sends the same key.
    if (failure.outcomeUnknown) throw failure;
    const settled = await finish(order, s, intentOf(error), actor, {
      message: failure.message,
      code: stripeErrorCode(error),
    });
    // Another party got there first (a capture in the Dashboard, an expiry): say what happened.
    if (settled.result !== (s.action === "capture" ? "captured" : "released")) throw failure;
    return settled;
  }
  return finish(order, s, intent, actor);
}

/**
 * Ships (captures) or cancels (releases) one order for a seller or an admin. Refusals happen before
 * anything is written; a seller's foreign order does not exist for them.
 */
export async function settleAuthorization(
  orderId: string,
  request: SettleRequest,
  who: Settler,
): Promise<Settled> {
  const { order, settlement } = await runInTransaction(async (tx) => {
    const locked = await lockAuthorization({ orderId }, tx);
    if (!locked || (who.sellerId !== undefined && locked.order.sellerId !== who.sellerId)) throw notFound();
    return { order: locked.order, settlement: await beginSettlement(locked, request, who.by, tx) };
  });
  return sendSettlement(order, settlement, who.actor);
}
