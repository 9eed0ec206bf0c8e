import { z } from "zod";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";

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

const formExpired = "This checkout form has expired. Please reload the page.";
const shownMinorUnits = z.coerce
  .number({ error: formExpired })
  .int(formExpired)
  .min(0, formExpired)
  .max(Number.MAX_SAFE_INTEGER, formExpired);

/** The fields the checkout form sends back: the unit price, total and currency it showed. */
export const shownPriceFields = {
  shownUnitAmount: shownMinorUnits,
  shownAmount: shownMinorUnits,
  shownCurrency: z.string({ error: formExpired }).regex(/^[a-z]{3}$/, formExpired),
};

export interface ShownPriceInput {
  quantity: number;
  shownUnitAmount: number;
  shownAmount: number;
  shownCurrency: string;
}

export function shownPrice(input: ShownPriceInput): CheckoutPrice {
  return {
    unitAmount: input.shownUnitAmount,
    quantity: input.quantity,
    amount: input.shownAmount,
    currency: input.shownCurrency,
  };
}

export function samePrice(a: CheckoutPrice, b: CheckoutPrice): boolean {
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
export function priceChangedMessage(shown: CheckoutPrice, current: CheckoutPrice): string {
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
  const shown = shownPrice(input);
  if (!samePrice(shown, current)) throw new PriceChangedError(shown, current);
}
