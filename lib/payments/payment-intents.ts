import "server-only";
import type Stripe from "stripe";
import type { Order } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { stripe } from "@/lib/stripe";
import { isStripeError, stripeErrorCode } from "@/lib/stripe-errors";

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
    metadata: { order_id: order.id },
    receipt_email: order.buyerEmail,
  };
}

/** The idempotency key of an order's one PaymentIntent: a retry or double submit never makes a second. */
export function paymentIntentIdempotencyKey(order: Pick<Order, "id">): string {
  return `pi-create-${order.id}`;
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

function stripeFailure(error: unknown, what: string): AppError {
  if (stripeErrorCode(error) === "amount_too_small") {
    return new AppError("unprocessable:checkout_amount", "This order is below the minimum amount we can charge. Please raise the quantity.", {
      cause: error,
    });
  }
  // Stripe's own messages can name accounts and parameters: log them, show the buyer a generic one.
  console.error(`[checkout] ${what} failed`, error);
  return new AppError("stripe:checkout", "We could not start the payment with our payment provider. Please try again.", {
    cause: error,
  });
}

export async function createOrderPaymentIntent(order: Order): Promise<Stripe.PaymentIntent> {
  try {
    return await stripe.paymentIntents.create(paymentIntentParams(order), {
      stripeAccount: order.stripeAccountId,
      idempotencyKey: paymentIntentIdempotencyKey(order),
    });
  } catch (error) {
    throw stripeFailure(error, `paymentIntents.create for order ${order.id}`);
  }
}

export async function retrieveOrderPaymentIntent(order: Order & { paymentIntentId: string }): Promise<Stripe.PaymentIntent> {
  try {
    return await stripe.paymentIntents.retrieve(order.paymentIntentId, {}, { stripeAccount: order.stripeAccountId });
  } catch (error) {
    throw stripeFailure(error, `paymentIntents.retrieve ${order.paymentIntentId}`);
  }
}
