import "server-only";
import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import {
  listCartCheckoutOrders,
  lockCartCheckout,
  recordSellerTransfer,
  removePaidLines,
  setCheckoutCharge,
  updateCartCheckout,
  findSellerTransferByAccount,
} from "@/db/queries/cart-checkouts";
import type { CartCheckout, CartCheckoutStatus } from "@/db/schema";
import { isUuid } from "@/lib/params";

/*
 * What Stripe tells us about a cart paid through Checkout, applied exactly once and in any order: a
 * checkout only moves forward (open → processing → paid | failed; open → expired), so a repeated or late
 * event changes nothing. Called by the webhook handlers (lib/webhooks/cart-checkouts.ts) in their
 * transaction; nothing here calls Stripe (lib/cart/transfers.ts makes the sellers' transfers after).
 */

const RANK: Record<CartCheckoutStatus, number> = { open: 0, processing: 1, paid: 2, failed: 2, expired: 2 };
const FAILED = "Your payment could not be completed.";

export type SessionOutcome = "completed" | "async_succeeded" | "async_failed" | "expired";

/** The checkout a session belongs to: by its recorded id, or by client_reference_id if recording it was lost. */
export async function checkoutOfSession(
  session: Pick<Stripe.Checkout.Session, "id" | "client_reference_id">,
  tx: Transaction,
): Promise<CartCheckout | undefined> {
  const found = await lockCartCheckout({ sessionId: session.id }, tx);
  if (found || !isUuid(session.client_reference_id)) return found;
  const candidate = await lockCartCheckout({ id: session.client_reference_id }, tx);
  return candidate && !candidate.stripeCheckoutSessionId ? candidate : undefined;
}

function targetOf(outcome: SessionOutcome, session: Stripe.Checkout.Session): CartCheckoutStatus {
  switch (outcome) {
    case "completed":
      return session.payment_status === "unpaid" ? "processing" : "paid";
    case "async_succeeded":
      return "paid";
    case "async_failed":
      return "failed";
    case "expired":
      return "expired";
  }
}

/** Applies a checkout.session.* event; false when it moves nothing (repeated, late, or stale). */
export function applySessionOutcome(
  checkout: CartCheckout,
  outcome: SessionOutcome,
  session: Stripe.Checkout.Session,
  tx: Transaction,
): Promise<boolean> {
  const paymentIntentId =
    typeof session.payment_intent === "string"
      ? session.payment_intent
      : (session.payment_intent?.id ?? null);
  const email = session.customer_details?.email ?? null;
  return moveCheckout(checkout, targetOf(outcome, session), { paymentIntentId, email }, tx);
}

/**
 * The checkout a platform PaymentIntent belongs to: by its recorded id, or by the metadata we gave it
 * (payment_intent_data) while the session's event that records the id has not arrived.
 */
export async function checkoutOfIntent(
  intent: Pick<Stripe.PaymentIntent, "id" | "metadata">,
  tx: Transaction,
): Promise<CartCheckout | undefined> {
  const found = await lockCartCheckout({ paymentIntentId: intent.id }, tx);
  const id = intent.metadata?.cart_checkout_id;
  if (found || !isUuid(id)) return found;
  const candidate = await lockCartCheckout({ id }, tx);
  return candidate && !candidate.paymentIntentId ? candidate : undefined;
}

/**
 * payment_intent.succeeded / processing of a cart's platform PaymentIntent: the same news as the session's
 * events, whichever arrives first (a declined attempt is not an outcome: the buyer may try another card on
 * the same page until the session expires, so payment_failed moves nothing).
 */
export function applyCartIntentEvent(
  checkout: CartCheckout,
  intent: Stripe.PaymentIntent,
  tx: Transaction,
): Promise<boolean> {
  const target: CartCheckoutStatus | null =
    intent.status === "succeeded" ? "paid" : intent.status === "processing" ? "processing" : null;
  if (!target) return Promise.resolve(false);
  return moveCheckout(checkout, target, { paymentIntentId: intent.id, email: intent.receipt_email }, tx);
}

async function moveCheckout(
  checkout: CartCheckout,
  target: CartCheckoutStatus,
  seen: { paymentIntentId: string | null; email: string | null },
  tx: Transaction,
): Promise<boolean> {
  if (RANK[target] <= RANK[checkout.status]) return false;
  if (target === "expired" && checkout.status !== "open") return false;
  const common = {
    status: target,
    paymentIntentId: checkout.paymentIntentId ?? seen.paymentIntentId,
    buyerEmail: checkout.buyerEmail ?? seen.email,
  };
  switch (target) {
    case "paid":
      await updateCartCheckout(
        checkout.id,
        common,
        { status: "succeeded", failureCode: null, failureMessage: null },
        tx,
      );
      if (checkout.cartId) {
        const orders = await listCartCheckoutOrders({ id: checkout.id }, tx);
        await removePaidLines({ cartId: checkout.cartId, productIds: orders.map((o) => o.productId) }, tx);
      }
      return true;
    case "processing":
      await updateCartCheckout(checkout.id, common, { status: "processing" }, tx);
      return true;
    case "failed":
      await updateCartCheckout(checkout.id, common, { status: "failed", failureMessage: FAILED }, tx);
      return true;
    case "expired":
      await updateCartCheckout(checkout.id, { status: "expired" }, { status: "canceled" }, tx);
      return true;
    default:
      return false;
  }
}

/**
 * A dispute of a platform charge names its PaymentIntent and charge: a cart's checkout that does not know its
 * charge yet (a destination charge: no transfer of ours recorded it) learns it, so the cart's pages find the
 * dispute by its charge.
 */
export async function noteCartCharge(
  paymentIntentId: string | null,
  chargeId: string,
  tx: Transaction,
): Promise<void> {
  if (!paymentIntentId) return;
  const checkout = await lockCartCheckout({ paymentIntentId }, tx);
  if (checkout && !checkout.chargeId) await setCheckoutCharge({ id: checkout.id, chargeId }, tx);
}

/**
 * transfer.created / transfer.reversed for a cart's seller: ours carry the checkout and seller in their
 * metadata; the one Stripe makes for a destination charge carries the PaymentIntent's transfer_group
 * (`cart_<checkout id>`) and the seller's account. Records the transfer and what was reversed of it.
 */
export async function applyTransferEvent(transfer: Stripe.Transfer, tx: Transaction): Promise<string | null> {
  const destination =
    typeof transfer.destination === "string" ? transfer.destination : transfer.destination?.id;
  const fromMetadata = transfer.metadata?.cart_checkout_id;
  const fromGroup = transfer.transfer_group?.startsWith("cart_") ? transfer.transfer_group.slice(5) : null;
  const checkoutId = isUuid(fromMetadata) ? fromMetadata : isUuid(fromGroup) ? fromGroup : null;
  if (!checkoutId || !destination) return null;
  const seller = await findSellerTransferByAccount(
    { cartCheckoutId: checkoutId, stripeAccountId: destination },
    tx,
  );
  if (!seller) return null;
  const recorded = await recordSellerTransfer(
    {
      cartCheckoutId: checkoutId,
      sellerId: seller.sellerId,
      stripeTransferId: transfer.id,
      amountReversed: transfer.amount_reversed,
    },
    tx,
  );
  return recorded ? checkoutId : null;
}
