import "server-only";
import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import {
  insertCartCheckoutOnce,
  listCartCheckoutOrders,
  setCheckoutSession,
  type NewCartOrder,
  type NewSellerTransfer,
} from "@/db/queries/cart-checkouts";
import { findCart, listCartLines } from "@/db/queries/carts";
import { getFeeSettings } from "@/db/queries/settings";
import type { CartCheckout, User } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { applicationFeeFor } from "@/lib/payments/fees";
import { stripe } from "@/lib/stripe";
import { stripeNow } from "@/lib/stripe-clock";
import { stripeFailure } from "@/lib/stripe-errors";
import { cartOwnerOf, cartView } from "./cart";

/*
 * Paying the whole cart through Stripe Checkout (hosted page). The platform is the merchant of record
 * (no `on_behalf_of`): the buyer pays the marketplace once, the platform pays Stripe's fees, handles
 * refunds and answers disputes, and pays each seller their lines minus its fee.
 * - One seller in the cart: a destination charge (transfer_data[destination] + application_fee_amount);
 *   Stripe transfers the seller's part itself.
 * - Several sellers: one platform charge with a transfer_group; once it succeeded, lib/cart/transfers.ts
 *   transfers each seller their part (source_transaction), idempotent per seller.
 * Prices are read now and must be the ones the cart page showed (the honest-price rule), or nothing is
 * written. Orders, one per line, are recorded before the Checkout Session exists, so each seller sees
 * only their part; they are paid, failed or canceled by the checkout.session.* webhooks (lib/cart/settle.ts).
 */

/**
 * How long the buyer has to pay. Stripe's minimum is 30 minutes from the session's creation, counted on its
 * clock when the request arrives: a minute more, so the time between reading Stripe's clock and the request
 * reaching it (a loaded machine, a retry) never makes the session too short and refused.
 */
const SESSION_MINUTES = 31;

export interface CartCheckoutInput {
  checkoutKey: string;
  shownTotal: number;
  shownCurrency: string;
  email?: string;
}

const PRICE_CHANGED = "Your cart changed since this page was shown. Check the new total and pay again.";

export const transferGroupOf = (checkout: Pick<CartCheckout, "id">) => `cart_${checkout.id}`;

export function cartCheckoutUrl(checkout: Pick<CartCheckout, "id" | "accessToken">): string {
  const url = new URL(`/cart/checkouts/${checkout.id}`, env.APP_URL);
  url.searchParams.set("token", checkout.accessToken);
  return url.toString();
}

/** Records the checkout and its orders, then answers the Checkout Session's URL to send the buyer to. */
export async function startCartCheckout(
  actor: User | null,
  input: CartCheckoutInput,
): Promise<{ url: string }> {
  const owner = await cartOwnerOf(actor);
  const cart = owner ? await findCart(owner) : undefined;
  const rows = cart ? await listCartLines({ cartId: cart.id }) : [];
  const view = cartView(rows, actor);
  if (!cart || rows.length === 0) throw new AppError("unprocessable:cart_empty", "Your cart is empty.");
  if (!view.payable || !view.currency)
    throw new AppError(
      "unprocessable:cart",
      view.problems[0] ?? "Some items in your cart cannot be paid now: remove them to pay for the rest.",
    );
  if (view.total !== input.shownTotal || view.currency !== input.shownCurrency)
    throw new AppError("conflict:cart_price", PRICE_CHANGED);
  const buyerEmail = actor?.email ?? input.email;
  if (!buyerEmail)
    throw new AppError("unprocessable:checkout_email", "Enter your email address for the receipt.", {
      fieldErrors: { email: ["Enter your email address for the receipt."] },
    });

  const platform = await getFeeSettings();
  const newOrders: (NewCartOrder & { name: string })[] = [];
  const transfers = new Map<string, NewSellerTransfer>();
  for (const row of rows) {
    const account = row.account!; // payable: every line's seller can charge
    const amount = row.price * row.quantity;
    const fee = applicationFeeFor(amount, platform, account);
    newOrders.push({
      name: row.name,
      productId: row.productId,
      sellerId: row.sellerId,
      stripeAccountId: account.stripeAccountId,
      buyerId: actor?.id ?? null,
      buyerEmail,
      quantity: row.quantity,
      unitAmount: row.price,
      amount,
      applicationFeeAmount: fee,
      currency: row.currency,
      accessToken: randomBytes(32).toString("base64url"),
      checkoutKey: `${input.checkoutKey}:${row.productId}`,
    });
    const seller = transfers.get(row.sellerId) ?? {
      sellerId: row.sellerId,
      stripeAccountId: account.stripeAccountId,
      amount: 0,
      currency: row.currency,
    };
    seller.amount += amount - fee;
    transfers.set(row.sellerId, seller);
  }
  const feeTotal = newOrders.reduce((sum, o) => sum + o.applicationFeeAmount, 0);
  const { checkout } = await insertCartCheckoutOnce({
    checkout: {
      cartId: cart.id,
      buyerId: actor?.id ?? null,
      buyerEmail,
      chargeModel: transfers.size === 1 ? "destination" : "separate",
      currency: view.currency,
      amountTotal: view.total,
      applicationFeeTotal: feeTotal,
      checkoutKey: input.checkoutKey,
      accessToken: randomBytes(32).toString("base64url"),
    },
    orders: newOrders.map(({ name: _name, ...order }) => order),
    transfers: [...transfers.values()],
  });
  if (checkout.status !== "open")
    throw new AppError(
      "conflict:cart_checkout",
      "This cart was already paid. Reload the page to see your cart.",
    );
  return { url: await sessionUrl(checkout, new Map(newOrders.map((o) => [o.productId, o.name]))) };
}

/** The checkout's Checkout Session (created once: idempotency key per checkout), still open. */
async function sessionUrl(checkout: CartCheckout, names: Map<string, string>): Promise<string> {
  try {
    let session: Stripe.Checkout.Session;
    if (checkout.stripeCheckoutSessionId) {
      session = await stripe.checkout.sessions.retrieve(checkout.stripeCheckoutSessionId);
    } else {
      session = await createSession(checkout, names);
      await setCheckoutSession({ id: checkout.id, stripeCheckoutSessionId: session.id });
    }
    if (session.status !== "open" || !session.url)
      throw new AppError(
        "conflict:cart_checkout",
        "This payment page has closed. Reload your cart and pay again.",
      );
    return session.url;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw stripeFailure(error, "checkout", `checkout.sessions for cart checkout ${checkout.id}`);
  }
}

async function createSession(
  checkout: CartCheckout,
  names: Map<string, string>,
): Promise<Stripe.Checkout.Session> {
  const orders = await listCartCheckoutOrders({ id: checkout.id });
  const metadata = { cart_checkout_id: checkout.id };
  const group = transferGroupOf(checkout);
  const only = orders[0];
  const now = Math.floor((await stripeNow()).getTime() / 1000);
  return stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: orders.map((order) => ({
        quantity: order.quantity,
        price_data: {
          currency: order.currency,
          unit_amount: order.unitAmount,
          product_data: {
            name: names.get(order.productId) ?? "Item",
            metadata: { product_id: order.productId },
          },
        },
      })),
      customer_email: checkout.buyerEmail ?? undefined,
      client_reference_id: checkout.id,
      metadata,
      success_url: cartCheckoutUrl(checkout),
      cancel_url: new URL("/cart", env.APP_URL).toString(),
      expires_at: now + SESSION_MINUTES * 60,
      payment_intent_data:
        checkout.chargeModel === "destination" && only
          ? {
              application_fee_amount: checkout.applicationFeeTotal,
              transfer_data: { destination: only.stripeAccountId },
              transfer_group: group,
              metadata,
            }
          : { transfer_group: group, metadata },
    },
    { idempotencyKey: `cart-checkout-${checkout.id}` },
  );
}
