import "server-only";
import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import { z } from "zod";
import {
  deleteOrderWithoutPaymentIntent,
  getOrderByCheckoutKey,
  insertOrderOnce,
  setOrderPaymentIntent,
} from "@/db/queries/orders";
import { getCheckoutContext } from "@/db/queries/shop";
import type { ConnectedAccount, Order, User } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { requireShownPrice, shownPriceFields, type CheckoutPrice } from "./checkout-price";
import { applicationFeeFor } from "./fees";
import { createOrderPaymentIntent, refusedByStripe, retrieveOrderPaymentIntent } from "./payment-intents";

/*
 * Checkout: the server side of the Payment Element's deferred-intent flow. The browser sends a
 * product id, a quantity, the checkout key rendered into its page, (guests) an email and the price
 * its page showed. The amount comes from the product row, the fee from the platform settings; the
 * shown price is only compared with it (checkout-price.ts): a difference charges nothing.
 */

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 99;
/** Stripe's largest amount for a charge (8 digits of minor units). */
export const MAX_CHARGE_AMOUNT = 99_999_999;

const quantityMessage = `Quantity must be a whole number from ${MIN_QUANTITY} to ${MAX_QUANTITY}.`;

/**
 * The only fields checkout reads. Anything else in the submitted data (amount, fee, price...) is
 * dropped; the shown price is checked, never charged.
 */
export const checkoutInputSchema = z.object({
  productId: z.uuid("Unknown product."),
  quantity: z.coerce
    .number({ error: quantityMessage })
    .int(quantityMessage)
    .min(MIN_QUANTITY, quantityMessage)
    .max(MAX_QUANTITY, quantityMessage),
  checkoutKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,64}$/, "This checkout form has expired. Please reload the page."),
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
    z.email("Enter a valid email address.").max(254, "Enter a valid email address.").optional(),
  ),
  ...shownPriceFields,
});
export type CheckoutInput = z.infer<typeof checkoutInputSchema>;

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

/** 32 random bytes: the guest's only key to their order page, so it must be unguessable. */
export function newAccessToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A fresh key per rendered checkout form: a double submit of that form finds the same order. */
export function newCheckoutKey(): string {
  return randomBytes(24).toString("base64url");
}

export function orderReturnUrl(order: Pick<Order, "id" | "accessToken">): string {
  const url = new URL(`/orders/${order.id}`, env.APP_URL);
  url.searchParams.set("token", order.accessToken);
  return url.toString();
}

export function canCharge(
  account: Pick<ConnectedAccount, "chargesEnabled" | "disconnectedAt"> | null,
): boolean {
  return account !== null && account.chargesEnabled && account.disconnectedAt === null;
}

function parseInput(raw: unknown): CheckoutInput {
  const parsed = checkoutInputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]?.message ?? "Please check your order.";
  throw new AppError("unprocessable:checkout", first, { fieldErrors: fieldErrorsOf(parsed.error) });
}

/**
 * Starts (or resumes) the payment of one order for `actor` (null = guest). Every refusal happens
 * before anything is written. Called by the checkout server action; tests call it with each caller.
 */
export async function startCheckout(actor: User | null, raw: unknown): Promise<CheckoutResult> {
  const input = parseInput(raw);

  const existing = await getOrderByCheckoutKey({ checkoutKey: input.checkoutKey });
  if (existing) return resumeOrder(actor, existing, input);

  const loaded = await getCheckoutContext({ id: input.productId });
  if (!loaded || !loaded.product.active) {
    throw new AppError("not_found:checkout_product", "This product is not available any more.");
  }
  const { product, account, fees } = loaded;
  if (!account || !canCharge(account)) {
    throw new AppError(
      "unprocessable:checkout_seller",
      "This seller cannot accept payments right now. Please try again later.",
    );
  }
  if (actor && actor.id === product.sellerId) {
    throw new AppError("forbidden:checkout_own_product", "You cannot buy from your own shop.");
  }
  const amount = product.price * input.quantity;
  if (amount > MAX_CHARGE_AMOUNT) {
    throw new AppError(
      "unprocessable:checkout_amount",
      "This order is too large for one payment. Please lower the quantity.",
    );
  }
  // Only the price the buyer saw is charged: the order below is priced from the same row read.
  requireShownPrice(input, {
    unitAmount: product.price,
    quantity: input.quantity,
    amount,
    currency: product.currency,
  });
  const buyerEmail = actor?.email ?? input.email;
  if (!buyerEmail) {
    throw new AppError("unprocessable:checkout_email", "Enter your email address for the receipt.", {
      fieldErrors: { email: ["Enter your email address for the receipt."] },
    });
  }
  const applicationFeeAmount = applicationFeeFor(amount, fees, account);

  const { order, created } = await insertOrderOnce({
    productId: product.id,
    sellerId: product.sellerId,
    stripeAccountId: account.stripeAccountId,
    buyerId: actor?.id ?? null,
    buyerEmail,
    quantity: input.quantity,
    unitAmount: product.price,
    amount,
    applicationFeeAmount,
    currency: product.currency,
    accessToken: newAccessToken(),
    checkoutKey: input.checkoutKey,
  });
  // A concurrent submit of the same form inserted first: continue with its order.
  if (!created) return resumeOrder(actor, order, input);

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
async function resumeOrder(actor: User | null, order: Order, input: CheckoutInput): Promise<CheckoutResult> {
  const sameCaller = order.buyerId === (actor?.id ?? null);
  if (!sameCaller || order.productId !== input.productId || order.quantity !== input.quantity) {
    throw new AppError(
      "conflict:checkout",
      "This checkout was started with different details. Please reload the page and try again.",
    );
  }
  requireShownPrice(input, {
    unitAmount: order.unitAmount,
    quantity: order.quantity,
    amount: order.amount,
    currency: order.currency,
  });
  // The PaymentIntent creation failed or its response was lost last time: the same idempotency key
  // makes this either create it now or return the one Stripe already has (and when Stripe stored a 500
  // under that key, the next attempt's key makes progress: payment-intents.ts).
  const intent = order.paymentIntentId
    ? await retrieveOrderPaymentIntent({ ...order, paymentIntentId: order.paymentIntentId })
    : await attachPaymentIntent(order);
  if (CONFIRMABLE.has(intent.status)) {
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
  if (PAID.has(intent.status)) return { kind: "paid", orderId: order.id, returnUrl: orderReturnUrl(order) };
  throw new AppError("conflict:checkout_canceled", "This order was canceled. Please start a new checkout.");
}
