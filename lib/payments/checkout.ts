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
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { firstParam, isUuid, type SearchParam } from "@/lib/params";
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
  type CheckoutRefusal,
} from "./checkout-rules";
import { applicationFeeFor, resolveFeeRule } from "./fees";
import { canViewOrder } from "./orders";
import { createOrderPaymentIntent, refusedByStripe, retrieveOrderPaymentIntent } from "./payment-intents";

/*
 * Checkout, from the page to the PaymentIntent (the Payment Element's deferred-intent flow).
 * `prepareCheckout` renders the page and only reads: looking creates no order and no PaymentIntent.
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
});
/** The checkout form's fields once the schema parsed them: what `startCheckout` takes. */
export type CheckoutInput = z.infer<typeof checkoutInputSchema>;

/** What the checkout page renders: the form, a refusal in the rules' words, or "already paid". */
export type CheckoutPageModel =
  | (CheckoutPrice & {
      kind: "ready";
      productId: string;
      productName: string;
      sellerName: string;
      /** Stripe.js must be loaded for this account: the PaymentIntent is created on it (direct charge). */
      stripeAccountId: string;
      /** "Charge when I ship": the card is authorised now and charged when the seller ships. */
      captureLater: boolean;
      checkoutKey: string;
      /** Receipt email when already known (signed-in buyer, or the order being retried). */
      email: string | null;
      /** The order being paid again after a failed attempt. */
      retryOrderId: string | null;
    })
  | { kind: "blocked"; productId: string; message: string }
  | { kind: "paid"; orderUrl: string };

export type CheckoutResult =
  /** Confirm this PaymentIntent client-side, then Stripe.js redirects to `returnUrl`. */
  | { kind: "confirm"; orderId: string; clientSecret: string; returnUrl: string }
  /** The order is already paid (or being paid): go to its page. */
  | { kind: "paid"; orderId: string; returnUrl: string };

/**
 * What the checkout action answers: a result, or (with `ok: false` and the refusal's message) the
 * price to show instead of the one the page showed — nothing was charged, the buyer can pay again.
 */
export type CheckoutActionData = CheckoutResult | { kind: "price_changed"; price: CheckoutPrice };

/** A fresh key per rendered checkout form: a double submit of that form finds the same order. */
export function newCheckoutKey(): string {
  return randomBytes(24).toString("base64url");
}

function orderReturnUrl(order: Pick<Order, "id" | "accessToken">): string {
  const url = new URL(`/orders/${order.id}`, env.APP_URL);
  url.searchParams.set("token", order.accessToken);
  return url.toString();
}

/** The URL's quantity, as the product page's form sends it (absent: 1); null when it is not one we sell. */
function pageQuantity(value: SearchParam): number | null {
  const raw = firstParam(value);
  if (raw === undefined || raw === "") return 1;
  const parsed = quantityField.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Null means "no such product or order" (the page answers 404). */
export async function prepareCheckout(
  actor: User | null,
  params: { productId: string; quantity?: SearchParam; orderId?: string; token?: string },
): Promise<CheckoutPageModel | null> {
  // "Try another card": the same order again, with its checkout key so the action finds it.
  const retrying = Boolean(params.orderId);
  if (!isUuid(params.productId) || (retrying && !isUuid(params.orderId))) return null;
  const context = await getCheckoutContext({
    productId: params.productId,
    order: params.orderId ? { id: params.orderId } : undefined,
  });
  if (!context) return null;
  const { product, order } = context;
  const blocked = (refusal: CheckoutRefusal): CheckoutPageModel | null =>
    refusal.code.startsWith("not_found:")
      ? null
      : { kind: "blocked", productId: product.id, message: refusal.message };
  const summary = {
    kind: "ready",
    productId: product.id,
    productName: product.name,
    sellerName: context.sellerName,
  } as const;

  if (retrying) {
    if (!order || order.productId !== product.id || !canViewOrder(order, actor, params.token)) return null;
    if (order.status === "succeeded" || order.status === "processing")
      return { kind: "paid", orderUrl: orderReturnUrl(order) };
    const verdict = mayBuy({ buyer: actor, product, account: context.account, order });
    if (!verdict.ok) return blocked(verdict.refusal);
    return {
      ...summary,
      ...orderPrice(order),
      stripeAccountId: order.stripeAccountId,
      captureLater: order.captureMethod === "manual",
      checkoutKey: order.checkoutKey,
      email: order.buyerEmail,
      retryOrderId: order.id,
    };
  }

  const quantity = pageQuantity(params.quantity);
  if (quantity === null) return blocked(CHECKOUT_REFUSALS.quantity);
  const verdict = mayBuy({ buyer: actor, product, account: context.account, quantity });
  if (!verdict.ok) return blocked(verdict.refusal);
  return {
    ...summary,
    ...productPrice(product, quantity),
    stripeAccountId: verdict.account.stripeAccountId,
    captureLater: product.captureLater,
    checkoutKey: newCheckoutKey(),
    email: actor?.email ?? null,
    retryOrderId: null,
  };
}

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
  if (context.order) return resumeOrder(actor, context, context.order, input);

  const { product, fees } = context;
  const verdict = mayBuy({ buyer: actor, product, account: context.account, quantity: input.quantity });
  if (!verdict.ok) throw refusalError(verdict.refusal);
  const price = productPrice(product, input.quantity);
  // Only the price the buyer saw is charged: the order below is priced from the same row read.
  requireShownPrice(input, price);
  requireShownTerms(input, product.captureLater);
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
    return confirmResult(order, await attachPaymentIntent(order));
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
  return confirmResult(order, intent);
}
