import "server-only";
import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import { z } from "zod";
import {
  deleteOrderWithoutPaymentIntent,
  getCheckoutContext,
  insertOrderOnce,
  setOrderPaymentIntent,
  type CheckoutContext,
} from "@/db/queries/orders";
import type { Order, User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import {
  CHECKOUT_REFUSALS,
  FORM_EXPIRED,
  mayBuy,
  orderPrice,
  productPrice,
  quantityField,
  refusalError,
  requireShownPrice,
  requireShownTerms,
  shownPriceFields,
  type CheckoutPrice,
} from "./checkout-rules";
import { applicationFeeFor, resolveFeeRule } from "./fees";
import { orderReturnUrl } from "./orders";
import { payWithSavedCard } from "./saved-card";
import { ownedCard } from "@/lib/wallet/cards";
import { createOrderPaymentIntent, refusedByStripe, retrieveOrderPaymentIntent } from "./payment-intents";

/*
 * Checkout, from the page to the PaymentIntent (the Payment Element's deferred-intent flow).
 * `prepareCheckout` (checkout-page.ts) renders the page and only reads: looking creates nothing.
 * On Pay, the action hands `startCheckout` the product, the quantity, the checkout key rendered into the
 * page, (guests) an email and the price the page showed. Both load the rows in one query and ask
 * checkout-rules.ts whether the buyer may buy; the amount comes from the product row (the order's, for a
 * retry), the fee from the platform settings, and the shown price is only compared with it.
 */

/**
 * The only fields checkout reads. Anything else in the submitted data (amount, fee, price...) is
 * dropped; the shown price is checked, never charged.
 */
export const checkoutInputSchema = z.object({
  productId: z.uuid("Unknown product."),
  quantity: quantityField,
  checkoutKey: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, FORM_EXPIRED),
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
    z.email("Enter a valid email address.").max(254, "Enter a valid email address.").optional(),
  ),
  ...shownPriceFields,
  /** A saved card of the signed-in buyer (lib/wallet): the server confirms the payment with it. */
  savedCard: z
    .string({ error: "Choose one of your saved cards." })
    .regex(/^pm_[A-Za-z0-9_]{1,100}$/, "Choose one of your saved cards.")
    .optional(),
});
/** The checkout form's fields once the schema parsed them: what `startCheckout` takes. */
export type CheckoutInput = z.infer<typeof checkoutInputSchema>;

export type CheckoutResult =
  /** Confirm this PaymentIntent client-side, then Stripe.js redirects to `returnUrl`. */
  | { kind: "confirm"; orderId: string; clientSecret: string; returnUrl: string }
  /** Paid with a saved card, but the bank wants 3-D Secure: Stripe.js `handleNextAction`, then `returnUrl`. */
  | { kind: "authenticate"; orderId: string; clientSecret: string; returnUrl: string }
  /** The order is already paid (or being paid): go to its page. */
  | { kind: "paid"; orderId: string; returnUrl: string };

/**
 * What the checkout action answers: a result, or (with `ok: false` and the refusal's message) the
 * price to show instead of the one the page showed — nothing was charged, the buyer can pay again.
 */
export type CheckoutActionData = CheckoutResult | { kind: "price_changed"; price: CheckoutPrice };

/**
 * Starts (or resumes) the payment of one order for `actor` (null = guest). Every refusal happens
 * before anything is written. Called by the checkout server action, which parsed `input` with
 * checkoutInputSchema (the one parse); tests call it with each caller.
 */
export async function startCheckout(actor: User | null, input: CheckoutInput): Promise<CheckoutResult> {
  const context = await getCheckoutContext({
    productId: input.productId,
    order: { checkoutKey: input.checkoutKey },
  });
  if (!context) throw refusalError(CHECKOUT_REFUSALS.unavailable);
  // A cart line is the cart checkout's (paid on the platform): never charged again here.
  if (context.order && context.order.chargeModel !== "direct")
    throw refusalError(CHECKOUT_REFUSALS.cartOrder);
  if (context.order) return resumeOrder(actor, context, context.order, input);

  const { product, fees } = context;
  const verdict = mayBuy({ buyer: actor, product, account: context.account, quantity: input.quantity });
  if (!verdict.ok) throw refusalError(verdict.refusal);
  const price = productPrice(product, input.quantity);
  // Only the price the buyer saw is charged: the order below is priced from the same row read.
  requireShownPrice(input, price);
  requireShownTerms(input, product.captureLater);
  // A saved card is the signed-in buyer's own, or nothing is written.
  if (input.savedCard) {
    if (!actor) throw new AppError("unauthorized:saved_card", "Sign in to pay with a saved card.");
    await ownedCard(actor, input.savedCard);
  }
  const buyerEmail = actor?.email ?? input.email;
  if (!buyerEmail) {
    throw new AppError("unprocessable:checkout_email", "Enter your email address for the receipt.", {
      fieldErrors: { email: ["Enter your email address for the receipt."] },
    });
  }

  const rule = resolveFeeRule(fees, verdict.account);
  const { order, created } = await insertOrderOnce({
    productId: product.id,
    sellerId: product.sellerId,
    stripeAccountId: verdict.account.stripeAccountId,
    buyerId: actor?.id ?? null,
    buyerEmail,
    quantity: price.quantity,
    unitAmount: price.unitAmount,
    amount: price.amount,
    applicationFeeAmount: applicationFeeFor(price.amount, fees, verdict.account),
    currency: price.currency,
    // "Charge when I ship": the card is only authorised; the seller captures what ships (lib/capture).
    captureMethod: product.captureLater ? "manual" : "automatic",
    feeRule: rule,
    // The guest's only key to their order page: 32 random bytes, so it cannot be guessed.
    accessToken: randomBytes(32).toString("base64url"),
    checkoutKey: input.checkoutKey,
  });
  // A concurrent submit of the same form inserted first: continue with its order.
  if (!created) return resumeOrder(actor, context, order, input);

  try {
    return await nextStep(actor, order, await attachPaymentIntent(order), input);
  } catch (error) {
    // Stripe refused outright (e.g. below its minimum amount for the currency): no PaymentIntent
    // exists, so the order must not stay behind. Any other failure keeps it, because the
    // PaymentIntent may exist and the buyer's retry recovers it with the same idempotency key.
    if (refusedByStripe(error)) await deleteOrderWithoutPaymentIntent({ id: order.id });
    throw error;
  }
}

/** Creates the order's PaymentIntent (idempotently) and records its id. */
async function attachPaymentIntent(order: Order): Promise<Stripe.PaymentIntent> {
  const intent = await createOrderPaymentIntent(order);
  await setOrderPaymentIntent({ id: order.id, paymentIntentId: intent.id });
  return intent;
}

/** A saved card is confirmed on the server; a new card by Stripe.js in the browser. */
async function nextStep(
  actor: User | null,
  order: Order,
  intent: Stripe.PaymentIntent,
  input: CheckoutInput,
): Promise<CheckoutResult> {
  if (!input.savedCard) return confirmResult(order, intent);
  if (!actor) throw new AppError("unauthorized:saved_card", "Sign in to pay with a saved card.");
  return payWithSavedCard(actor, order, intent, input.savedCard);
}

function confirmResult(order: Order, intent: Stripe.PaymentIntent): CheckoutResult {
  if (!intent.client_secret) throw new Error(`PaymentIntent ${intent.id} has no client_secret`);
  return {
    kind: "confirm",
    orderId: order.id,
    clientSecret: intent.client_secret,
    returnUrl: orderReturnUrl(order),
  };
}

/** PaymentIntent states in which the buyer can (still) confirm with a card. */
const CONFIRMABLE: ReadonlySet<Stripe.PaymentIntent.Status> = new Set([
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
]);
const PAID: ReadonlySet<Stripe.PaymentIntent.Status> = new Set([
  "succeeded",
  "processing",
  "requires_capture",
]);

/**
 * The same form submitted again (double click, or a retry after a declined card, "Try another card"):
 * continue with the existing order and its one PaymentIntent. Honest here means the order's recorded
 * price: the retry page shows it, the form must send it back, and the PaymentIntent must charge it —
 * whatever the product costs today (the buyer agreed to the order's price; a new price is for new orders).
 */
async function resumeOrder(
  actor: User | null,
  { product, account }: CheckoutContext,
  order: Order,
  input: CheckoutInput,
): Promise<CheckoutResult> {
  const sameCaller = order.buyerId === (actor?.id ?? null);
  if (!sameCaller || order.productId !== input.productId || order.quantity !== input.quantity) {
    throw new AppError(
      "conflict:checkout",
      "This checkout was started with different details. Please reload the page and try again.",
    );
  }
  requireShownPrice(input, orderPrice(order));
  requireShownTerms(input, order.captureMethod === "manual");
  const verdict = mayBuy({ buyer: actor, product, account, order });
  // The PaymentIntent creation failed or its response was lost last time: the same idempotency key
  // makes this either create it now or return the one Stripe already has (and when Stripe stored a 500
  // under that key, the next attempt's key makes progress: payment-intents.ts).
  let intent: Stripe.PaymentIntent;
  if (order.paymentIntentId)
    intent = await retrieveOrderPaymentIntent({ ...order, paymentIntentId: order.paymentIntentId });
  else if (verdict.ok) intent = await attachPaymentIntent(order);
  else throw refusalError(verdict.refusal);
  // Paid already (the webhook may not have told us yet): the buyer goes to the order, whatever the rules say now.
  if (PAID.has(intent.status)) return { kind: "paid", orderId: order.id, returnUrl: orderReturnUrl(order) };
  if (!verdict.ok) throw refusalError(verdict.refusal);
  if (!CONFIRMABLE.has(intent.status)) throw refusalError(CHECKOUT_REFUSALS.canceled);
  // Changed at Stripe since (e.g. in a dashboard): never hand out a secret for an amount nobody saw.
  if (intent.amount !== order.amount || intent.currency !== order.currency) {
    console.error(
      `[checkout] PaymentIntent ${intent.id} charges ${intent.amount} ${intent.currency}; order ${order.id} says ${order.amount} ${order.currency}`,
    );
    throw new AppError(
      "conflict:checkout_amount",
      "This order's payment no longer matches its price. Please start a new checkout from the product page.",
    );
  }
  return nextStep(actor, order, intent, input);
}
