import "server-only";
import type Stripe from "stripe";
import type { Order, User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { stripe } from "@/lib/stripe";
import { isStripeErrorOf, stripeErrorCode, stripeFailure } from "@/lib/stripe-errors";
import { ownedCard } from "@/lib/wallet/cards";
import { connectedCustomerFor } from "@/lib/wallet/customers";
import { orderReturnUrl } from "./orders";

/*
 * Paying an order with a saved card ("one click"): the card lives on the buyer's platform Customer, and a
 * direct charge needs a PaymentMethod on the seller's account. So, per Stripe's "share payment methods
 * across multiple accounts": clone the card onto the seller's account, attach the clone to the buyer's
 * Customer there (created on their first purchase from that seller), and confirm the order's PaymentIntent
 * on the server with it. If the bank asks for 3-D Secure, the browser finishes it with
 * `stripe.handleNextAction` (Stripe.js initialised for the seller's account).
 */

/** What the checkout does next once the server confirmed with a saved card. */
export type SavedCardResult =
  | { kind: "paid"; orderId: string; returnUrl: string }
  /** The bank wants the buyer to authenticate: Stripe.js `handleNextAction`, then go to `returnUrl`. */
  | { kind: "authenticate"; orderId: string; clientSecret: string; returnUrl: string };

const PAID: ReadonlySet<Stripe.PaymentIntent.Status> = new Set([
  "succeeded",
  "processing",
  "requires_capture",
]);

type Buyer = Pick<User, "id" | "email" | "name">;

/** A card error's message is written by Stripe for the buyer ("Your card was declined."). */
function cardError(error: unknown): AppError | null {
  if (!isStripeErrorOf(error, "StripeCardError")) return null;
  const message = error instanceof Error && error.message ? error.message : "Your card was declined.";
  return new AppError("unprocessable:card_declined", message, { cause: error });
}

async function cloneForSeller(buyer: Buyer, order: Order, paymentMethodId: string): Promise<string> {
  const { customerId } = await ownedCard(buyer, paymentMethodId);
  const stripeAccount = order.stripeAccountId;
  const connectedCustomer = await connectedCustomerFor(buyer, stripeAccount);
  try {
    // One clone per order and card: a retry of the same payment reuses it.
    const clone = await stripe.paymentMethods.create(
      { customer: customerId, payment_method: paymentMethodId },
      { stripeAccount, idempotencyKey: `pm-clone-${order.id}-${paymentMethodId}` },
    );
    await stripe.paymentMethods.attach(
      clone.id,
      { customer: connectedCustomer },
      { stripeAccount, idempotencyKey: `pm-attach-${clone.id}` },
    );
    return clone.id;
  } catch (error) {
    throw stripeFailure(error, "wallet", `clone ${paymentMethodId} for order ${order.id}`);
  }
}

/** The next step after a confirmation Stripe answered with `intent`. */
function resultOf(order: Order, intent: Stripe.PaymentIntent): SavedCardResult {
  const returnUrl = orderReturnUrl(order);
  if (PAID.has(intent.status)) return { kind: "paid", orderId: order.id, returnUrl };
  if (intent.status === "requires_action" && intent.client_secret)
    return { kind: "authenticate", orderId: order.id, clientSecret: intent.client_secret, returnUrl };
  throw new AppError(
    "unprocessable:card_declined",
    intent.last_payment_error?.message ?? "This card could not be charged. Choose another card.",
  );
}

/**
 * Confirms the order's (unconfirmed) PaymentIntent with the buyer's saved card `paymentMethodId`. Refuses a
 * card that is not saved on the buyer's own platform Customer (someone else's, removed, made up) before
 * anything reaches the seller's account.
 */
export async function payWithSavedCard(
  buyer: Buyer,
  order: Order,
  intent: Stripe.PaymentIntent,
  paymentMethodId: string,
): Promise<SavedCardResult> {
  const clone = await cloneForSeller(buyer, order, paymentMethodId);
  const stripeAccount = order.stripeAccountId;
  try {
    const customer = await connectedCustomerFor(buyer, stripeAccount);
    if (intent.customer !== customer)
      await stripe.paymentIntents.update(intent.id, { customer }, { stripeAccount });
    // No idempotency key: a PaymentIntent is confirmed once; a second click is refused by Stripe below.
    const confirmed = await stripe.paymentIntents.confirm(
      intent.id,
      { payment_method: clone, return_url: orderReturnUrl(order) },
      { stripeAccount },
    );
    return resultOf(order, confirmed);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const declined = cardError(error);
    if (declined) throw declined;
    // A double click: the first confirmation won; say where the payment is.
    if (stripeErrorCode(error) === "payment_intent_unexpected_state")
      return resultOf(order, await stripe.paymentIntents.retrieve(intent.id, {}, { stripeAccount }));
    throw stripeFailure(error, "checkout", `confirm ${intent.id} with a saved card`);
  }
}
