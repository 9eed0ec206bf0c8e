import "server-only";
import type Stripe from "stripe";
import type { Order } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { stripe } from "@/lib/stripe";
import { isStripeError, stripeFailure } from "@/lib/stripe-errors";

/**
 * PaymentIntents for orders. Direct charges: every call names the seller's connected account
 * (`stripeAccount`), so the charge, its balance and its disputes live on the seller's account and the
 * platform receives `application_fee_amount`.
 */

/** The create parameters, derived only from the order row so a retry sends exactly the same request. */
export function paymentIntentParams(order: Order): Stripe.PaymentIntentCreateParams {
  return {
    amount: order.amount,
    currency: order.currency,
    application_fee_amount: order.applicationFeeAmount,
    automatic_payment_methods: { enabled: true },
    // "Charge when I ship": authorise only; the seller captures what ships (lib/capture/settle.ts).
    ...(order.captureMethod === "manual" ? { capture_method: "manual" as const } : {}),
    metadata: { order_id: order.id },
    receipt_email: order.buyerEmail,
  };
}

/**
 * The idempotency key of an order's PaymentIntent creation, per attempt. Attempt 0 is the order's one key: a
 * retry or double submit never makes a second intent. A later attempt exists only because Stripe stored a
 * 500 under the previous key (see storedServerError), and is derived from the order and the attempt number
 * alone, so every caller that reaches the same attempt sends the same key.
 */
export function paymentIntentIdempotencyKey(order: Pick<Order, "id">, attempt = 0): string {
  return attempt === 0 ? `pi-create-${order.id}` : `pi-create-${order.id}-attempt-${attempt}`;
}

/** How many keys one order walks through (each abandoned only for a replayed, stored 500) before giving up. */
export const MAX_PAYMENT_INTENT_KEY_ATTEMPTS = 5;

/**
 * Whether Stripe replayed a 500 stored under the idempotency key. Stripe stores the result of a request
 * whose endpoint began executing, 500s included, and replays it for 24 hours ("Idempotent requests",
 * docs.stripe.com/api/idempotent_requests): the same key can never succeed, so only a new key makes
 * progress. A first, not-yet-replayed 500 does not count — its outcome is unknown and the buyer retries.
 * The abandoned key's intent (if Stripe created one) was never handed to anyone, so it cannot be charged.
 */
export function storedServerError(error: unknown): boolean {
  const cause = error instanceof AppError ? error.cause : error;
  if (!isStripeError(cause) || (cause.statusCode ?? 0) < 500) return false;
  const headers = (cause as { headers?: Record<string, string | undefined> }).headers;
  return headers?.["idempotent-replayed"] === "true";
}

/**
 * Whether Stripe answered the request with a definitive refusal (4xx: bad parameters, account unable
 * to charge...), so nothing was created. Network errors, timeouts, 409s, 429s and 5xx are not: the
 * request may have been applied, and only a retry with the same idempotency key can tell.
 */
export function refusedByStripe(error: unknown): boolean {
  const cause = error instanceof AppError ? error.cause : error;
  if (!isStripeError(cause)) return false;
  const status = cause.statusCode ?? 0;
  return status >= 400 && status < 500 && status !== 409 && status !== 429;
}

/**
 * Creates the order's PaymentIntent, or gets the one Stripe already made under the current key. A key whose
 * stored answer is a 500 is left for the next attempt's key ("Try another card" on such an order makes
 * progress instead of replaying the 500 for 24 hours).
 */
export async function createOrderPaymentIntent(order: Order): Promise<Stripe.PaymentIntent> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await stripe.paymentIntents.create(paymentIntentParams(order), {
        stripeAccount: order.stripeAccountId,
        idempotencyKey: paymentIntentIdempotencyKey(order, attempt),
      });
    } catch (error) {
      if (storedServerError(error) && attempt + 1 < MAX_PAYMENT_INTENT_KEY_ATTEMPTS) continue;
      throw stripeFailure(
        error,
        "checkout",
        `paymentIntents.create for order ${order.id} (attempt ${attempt})`,
      );
    }
  }
}

export async function retrieveOrderPaymentIntent(
  order: Order & { paymentIntentId: string },
): Promise<Stripe.PaymentIntent> {
  try {
    return await stripe.paymentIntents.retrieve(
      order.paymentIntentId,
      {},
      { stripeAccount: order.stripeAccountId },
    );
  } catch (error) {
    throw stripeFailure(error, "checkout", `paymentIntents.retrieve ${order.paymentIntentId}`);
  }
}
