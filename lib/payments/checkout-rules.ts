import { z } from "zod";
import type { Order, Product, User } from "@/db/schema";
import { canCharge, type ChargeState } from "@/lib/connect/can-charge";
import { AppError, type ErrorCode } from "@/lib/errors";
import { formNumber } from "@/lib/form-number";
import { formatMoney } from "@/lib/money";
import { MAX_QUANTITY, MIN_QUANTITY } from "./quantity";

/*
 * What checkout allows, in one place and one set of words: the checkout page renders a refusal from
 * here, the checkout action throws the same one. Pure (no I/O): lib/payments/checkout.ts loads the
 * rows and asks.
 */

/** Stripe's largest amount for a charge (8 digits of minor units). */
export const MAX_CHARGE_AMOUNT = 99_999_999;

export interface CheckoutRefusal {
  code: ErrorCode;
  message: string;
}

/** Every reason checkout says no to a buyer, with the words both the page and the action use. */
export const CHECKOUT_REFUSALS = {
  // The page answers 404 for this one (the code's kind), as for a product that never existed.
  unavailable: { code: "not_found:checkout_product", message: "This product is not available any more." },
  seller: {
    code: "unprocessable:checkout_seller",
    message: "This seller cannot accept payments right now. Please try again later.",
  },
  ownProduct: {
    code: "forbidden:checkout_own_product",
    message: "This is your own product: you cannot buy from your own shop.",
  },
  quantity: {
    code: "unprocessable:checkout",
    message: `Choose a quantity from ${MIN_QUANTITY} to ${MAX_QUANTITY}.`,
  },
  tooLarge: {
    code: "unprocessable:checkout_amount",
    message: "This order is too large for one payment. Please lower the quantity.",
  },
  canceled: {
    code: "conflict:checkout_canceled",
    message: "This order was canceled. Start a new checkout from the product page.",
  },
  cartOrder: {
    code: "conflict:checkout_cart_order",
    message: "This order is part of a cart: pay for it from your cart.",
  },
} as const satisfies Record<string, CheckoutRefusal>;

export function refusalError(refusal: CheckoutRefusal): AppError {
  return new AppError(refusal.code, refusal.message);
}

/** A quantity as the form or the URL gives it: a whole number from 1 to 99 (the one quantity rule). */
export const quantityField = formNumber(
  z
    .number({ error: CHECKOUT_REFUSALS.quantity.message })
    .int(CHECKOUT_REFUSALS.quantity.message)
    .min(MIN_QUANTITY, CHECKOUT_REFUSALS.quantity.message)
    .max(MAX_QUANTITY, CHECKOUT_REFUSALS.quantity.message),
);

/** The verdict of `mayBuy`: the seller's account (it can charge), or why not. */
export type CheckoutVerdict<A> = { ok: true; account: A } | { ok: false; refusal: CheckoutRefusal };

/**
 * May `buyer` buy now, and if not, why? A new order is for `quantity` (a valid one: quantityField) of
 * the product. Paying an existing `order` again ("Try another card", a double submit) keeps its agreed
 * quantity and price, whatever the product became since; its seller must still be able to charge.
 */
export function mayBuy<A extends ChargeState>(
  asking: {
    buyer: Pick<User, "id"> | null;
    product: Pick<Product, "active" | "sellerId" | "price">;
    account: A | null;
  } & ({ quantity: number } | { order: Pick<Order, "status"> }),
): CheckoutVerdict<A> {
  const { buyer, product, account } = asking;
  const refuse = (refusal: CheckoutRefusal): CheckoutVerdict<A> => ({ ok: false, refusal });
  if ("order" in asking) {
    if (asking.order.status === "canceled") return refuse(CHECKOUT_REFUSALS.canceled);
    return canCharge(account) ? { ok: true, account } : refuse(CHECKOUT_REFUSALS.seller);
  }
  if (!product.active) return refuse(CHECKOUT_REFUSALS.unavailable);
  if (!canCharge(account)) return refuse(CHECKOUT_REFUSALS.seller);
  if (buyer?.id === product.sellerId) return refuse(CHECKOUT_REFUSALS.ownProduct);
  if (product.price * asking.quantity > MAX_CHARGE_AMOUNT) return refuse(CHECKOUT_REFUSALS.tooLarge);
  return { ok: true, account };
}

/*
 * Honest prices: the checkout page tells the browser the price it showed, the browser sends it back
 * with the submit, and the server charges only when that equals what it computes itself — from the
 * product row for a new order, from the order row for a retry. The shown figures are never used as an
 * amount: a forged one can only make the server refuse, never charge less (or more).
 */

/** What the buyer saw on the checkout page (and what the Pay button and Elements were given). */
export interface CheckoutPrice {
  unitAmount: number;
  quantity: number;
  /** unitAmount × quantity, in minor units of `currency`. */
  amount: number;
  currency: string;
}

/** The price of a new order, from the product row. */
export function productPrice(product: Pick<Product, "price" | "currency">, quantity: number): CheckoutPrice {
  return {
    unitAmount: product.price,
    quantity,
    amount: product.price * quantity,
    currency: product.currency,
  };
}

/** The price of an existing order: the one the buyer agreed to. */
export function orderPrice(order: CheckoutPrice): CheckoutPrice {
  const { unitAmount, quantity, amount, currency } = order;
  return { unitAmount, quantity, amount, currency };
}

/** A form that does not carry what this version of the page renders: reloading it fixes that. */
export const FORM_EXPIRED = "This checkout form has expired. Please reload the page.";
const shownMinorUnits = formNumber(
  z
    .number({ error: FORM_EXPIRED })
    .int(FORM_EXPIRED)
    .min(0, FORM_EXPIRED)
    .max(Number.MAX_SAFE_INTEGER, FORM_EXPIRED),
);

/** The fields the checkout form sends back: the unit price, total and currency it showed. */
export const shownPriceFields = {
  shownUnitAmount: shownMinorUnits,
  shownAmount: shownMinorUnits,
  shownCurrency: z.string({ error: FORM_EXPIRED }).regex(/^[a-z]{3}$/, FORM_EXPIRED),
  /** Whether the page said "charged when it ships" (optional for API callers that never saw a page). */
  shownCaptureLater: z.boolean({ error: FORM_EXPIRED }).optional(),
};

interface ShownPriceInput {
  quantity: number;
  shownUnitAmount: number;
  shownAmount: number;
  shownCurrency: string;
}

function samePrice(a: CheckoutPrice, b: CheckoutPrice): boolean {
  return (
    a.unitAmount === b.unitAmount &&
    a.quantity === b.quantity &&
    a.amount === b.amount &&
    a.currency === b.currency
  );
}

/**
 * "The price changed from $10.00 to $100.00." Names unit prices (what the product page and the
 * summary call the price); when only the total differs (a form whose total and quantity disagree),
 * the totals. With several items the new total is named too, since that is what Pay will charge.
 */
function priceChangedMessage(shown: CheckoutPrice, current: CheckoutPrice): string {
  let from = formatMoney(shown.unitAmount, shown.currency);
  let to = formatMoney(current.unitAmount, current.currency);
  if (from === to) {
    from = formatMoney(shown.amount, shown.currency);
    to = formatMoney(current.amount, current.currency);
  }
  const total =
    current.quantity > 1 && to !== formatMoney(current.amount, current.currency)
      ? ` each (${formatMoney(current.amount, current.currency)} for ${current.quantity})`
      : "";
  return `The price changed from ${from} to ${to}${total}. Nothing was charged: check the new total and pay again.`;
}

/** A refusal that carries the price to show instead, so the page can update itself. */
export class PriceChangedError extends AppError {
  readonly shown: CheckoutPrice;
  readonly current: CheckoutPrice;

  constructor(shown: CheckoutPrice, current: CheckoutPrice) {
    super("conflict:checkout_price", priceChangedMessage(shown, current));
    this.name = "PriceChangedError";
    this.shown = shown;
    this.current = current;
  }
}

/** Throws PriceChangedError unless the buyer was shown exactly `current`. Nothing is written before. */
export function requireShownPrice(input: ShownPriceInput, current: CheckoutPrice): void {
  const shown = {
    unitAmount: input.shownUnitAmount,
    quantity: input.quantity,
    amount: input.shownAmount,
    currency: input.shownCurrency,
  };
  if (!samePrice(shown, current)) throw new PriceChangedError(shown, current);
}

/**
 * The terms the page showed must still be the product's: a buyer told "charged when it ships" is never
 * charged at once, nor the other way round. Nothing is written before this refusal.
 */
export function requireShownTerms(input: { shownCaptureLater?: boolean }, captureLater: boolean): void {
  if (input.shownCaptureLater === undefined || input.shownCaptureLater === captureLater) return;
  throw new AppError(
    "conflict:checkout_terms",
    captureLater
      ? "The seller now charges this product when it ships: your card will only be authorised today. Nothing was charged: reload the page to see the new terms, then pay."
      : "The seller now charges this product at checkout instead of when it ships. Nothing was charged: reload the page to see the new terms, then pay.",
  );
}
