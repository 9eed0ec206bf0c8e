/*
 * The Payment Element's keyboard behaviour, as in Stripe's card form: typing formats each field, a field
 * typed to completion hands the focus to the next one (auto-advance), and Enter submits the page's form.
 * Part of the fake Stripe.js bundle; payment-element.ts wires these to its inputs.
 */
import {
  CARD_FIELDS,
  cardBrand,
  completedField,
  formatCardNumber,
  formatExpiry,
  onlyDigits,
  type CardField,
  type CardValues,
} from "./card";

/** Whether an input event deletes text (auto-advance and expiry formatting leave deletions alone). */
function isDeletion(event: Event): boolean {
  const inputType = "inputType" in event ? event.inputType : undefined;
  return typeof inputType === "string" && inputType.startsWith("delete");
}

/**
 * Formats the field just typed in (card number groups, "MM / YY", CVC digits) and returns the card
 * brand's label when the number changed (null for the other fields).
 */
export function formatTypedField(
  key: CardField,
  event: Event,
  inputs: Partial<Record<CardField, HTMLInputElement>>,
): { brandLabel: string } | null {
  const input = inputs[key];
  if (!input) return null;
  if (key === "number") {
    input.value = formatCardNumber(input.value);
    const digits = onlyDigits(input.value);
    const brand = cardBrand(digits);
    if (inputs.cvc) inputs.cvc.maxLength = brand.cvc;
    return { brandLabel: digits ? brand.label : "" };
  }
  if (key === "expiry") input.value = formatExpiry(input.value, isDeletion(event));
  else if (key === "cvc") input.value = onlyDigits(input.value).slice(0, 4);
  return null;
}

/**
 * Like Stripe's card form: a field typed to completion (caret at its end, not deleting) hands the focus
 * to the next field (number → expiry → CVC → postal code).
 */
export function focusNextField(
  key: CardField,
  event: Event,
  inputs: Partial<Record<CardField, HTMLInputElement>>,
  values: CardValues,
): void {
  const input = inputs[key];
  if (!input || isDeletion(event)) return;
  if (input.selectionStart !== null && input.selectionStart < input.value.length) return;
  if (!completedField(key, values)) return;
  const next = CARD_FIELDS.slice(CARD_FIELDS.indexOf(key) + 1).find((k) => inputs[k]);
  const nextInput = next ? inputs[next] : undefined;
  if (nextInput && !nextInput.disabled) nextInput.focus();
}

/**
 * Enter in a card field submits the page's form around the element, as it does in Stripe's iframe
 * (the shadow root's inputs are not part of that form, so the browser would not do it by itself).
 */
export function submitEnclosingForm(host: Element | null, event: KeyboardEvent): void {
  if (event.key !== "Enter" || event.isComposing) return;
  event.preventDefault();
  const form = host?.closest("form");
  if (!form) return;
  if (typeof form.requestSubmit === "function") form.requestSubmit();
  else form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
}
