/*
 * The Payment Element's building blocks that hold no state: IntegrationError, mount-target and
 * postal-code option checks, the card form's markup and the payment_method_data sent on confirm.
 * Part of the fake Stripe.js bundle; payment-element.ts uses them.
 */
import type { StripePaymentElementChangeEvent, StripePaymentElementOptions } from "@stripe/stripe-js";
import { h, testModeBadge, type Attrs } from "../dom";
import { onlyDigits, parseExpiry, type CardField, type CardValidation, type CardValues } from "./card";
import type { CardPaymentMethodData } from "./types";

/** Stripe.js' IntegrationError: an Error named "IntegrationError" (thrown for misuse). */
export function integrationError(message: string): Error {
  const err = new Error(message);
  err.name = "IntegrationError";
  return err;
}

export function resolveMountTarget(target: string | HTMLElement): Element {
  if (typeof target === "string") {
    const node = document.querySelector(target);
    if (!node) {
      throw integrationError(
        `The selector you specified (${target}) applies to no DOM elements that are currently on the page.\n` +
          "Make sure the element exists on the page before calling mount().",
      );
    }
    return node;
  }
  if (target && target.nodeType === 1) return target;
  throw integrationError(
    "Invalid DOM element. Make sure to call mount() with a valid DOM element or selector.",
  );
}

export function collectsPostalCode(options: StripePaymentElementOptions | null | undefined): boolean {
  const f = options && options.fields && options.fields.billingDetails;
  if (f === "never") return false;
  const address = f && typeof f === "object" ? f.address : undefined;
  if (address === "never") return false;
  return !(address && typeof address === "object" && address.postalCode === "never");
}

/** Builds one labelled input of the form (the element keeps the input and error nodes it creates). */
export type FieldBuilder = (
  key: CardField,
  label: string,
  attrs: Attrs,
  wrap?: (input: HTMLInputElement) => Node,
) => HTMLElement;

/**
 * The card form inside the Payment Element's shadow root, built with `field(key, label, attrs, wrap?)`
 * in this order: number, expiry, CVC, postal code.
 */
export function paymentFormTree(
  field: FieldBuilder,
  brandNode: Node,
  collectPostal: boolean,
  defaultPostal: string,
): HTMLDivElement {
  return h(
    "div",
    { class: "emu-root", role: "group", "aria-label": "Payment details" },
    h(
      "div",
      { class: "emu-head" },
      h("span", { class: "emu-tab", "aria-current": "true" }, "Card"),
      testModeBadge("TEST MODE"),
    ),
    field(
      "number",
      "Card number",
      {
        type: "text",
        inputmode: "numeric",
        autocomplete: "cc-number",
        placeholder: "1234 1234 1234 1234",
        spellcheck: "false",
      },
      (input) => h("div", { class: "emu-input-wrap" }, input, brandNode),
    ),
    h(
      "div",
      { class: "emu-row" },
      field("expiry", "Expiration date", {
        type: "text",
        inputmode: "numeric",
        autocomplete: "cc-exp",
        placeholder: "MM / YY",
      }),
      field("cvc", "Security code", {
        type: "text",
        inputmode: "numeric",
        autocomplete: "cc-csc",
        placeholder: "CVC",
        maxlength: "4",
      }),
    ),
    collectPostal
      ? field("postalCode", "ZIP / postal code", {
          type: "text",
          autocomplete: "postal-code",
          placeholder: "12345",
          value: defaultPostal,
        })
      : null,
    h(
      "p",
      { class: "emu-note" },
      "Offline Stripe emulator: use test cards such as 4242 4242 4242 4242, any future date and any CVC.",
    ),
  );
}

/** `payment_method_data` for the confirm call, from the form's current values. */
export function cardPaymentMethodData(v: CardValues, collectPostal: boolean): CardPaymentMethodData {
  const exp = parseExpiry(v.expiry) || { month: "" as const, year: "" as const };
  const data: CardPaymentMethodData = {
    type: "card",
    card: {
      number: onlyDigits(v.number),
      exp_month: exp.month,
      exp_year: exp.year,
      cvc: onlyDigits(v.cvc),
    },
  };
  const postal = String(v.postalCode || "").trim();
  if (postal && collectPostal) data.billing_details = { address: { postal_code: postal } };
  return data;
}

/** The Payment Element's `change` event for the form's current state. */
export function changeEvent(result: CardValidation): StripePaymentElementChangeEvent {
  return {
    elementType: "payment",
    empty: result.empty,
    complete: result.complete,
    collapsed: false,
    value: { type: "card" },
  };
}
