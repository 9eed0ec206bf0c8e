/*
 * Card field formatting and validation with Stripe.js' own messages and error codes.
 * Part of the fake Stripe.js bundle.
 */

interface CardBrand {
  brand: string;
  label: string;
  re?: RegExp;
  lengths: number[];
  cvc: number;
  gaps: number[];
}

const CARD_BRANDS: CardBrand[] = [
  { brand: "amex", label: "American Express", re: /^3[47]/, lengths: [15], cvc: 4, gaps: [4, 10] },
  { brand: "diners", label: "Diners Club", re: /^3(0[0-5]|[689])/, lengths: [14, 16], cvc: 3, gaps: [4, 10] },
  {
    brand: "discover",
    label: "Discover",
    re: /^(6011|65|64[4-9]|622)/,
    lengths: [16],
    cvc: 3,
    gaps: [4, 8, 12],
  },
  { brand: "jcb", label: "JCB", re: /^35/, lengths: [16], cvc: 3, gaps: [4, 8, 12] },
  { brand: "unionpay", label: "UnionPay", re: /^62/, lengths: [16, 17, 18, 19], cvc: 3, gaps: [4, 8, 12] },
  {
    brand: "mastercard",
    label: "Mastercard",
    re: /^(5[1-5]|2[2-7])/,
    lengths: [16],
    cvc: 3,
    gaps: [4, 8, 12],
  },
  { brand: "visa", label: "Visa", re: /^4/, lengths: [16, 13, 19], cvc: 3, gaps: [4, 8, 12] },
];
const UNKNOWN_BRAND: CardBrand = { brand: "unknown", label: "", lengths: [16], cvc: 3, gaps: [4, 8, 12] };

export function cardBrand(digits: string): CardBrand {
  return CARD_BRANDS.find((b) => b.re?.test(digits)) || UNKNOWN_BRAND;
}

export function onlyDigits(value: string | null | undefined): string {
  return String(value || "").replace(/\D/g, "");
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export function formatCardNumber(value: string): string {
  const brand = cardBrand(onlyDigits(value));
  const digits = onlyDigits(value).slice(0, Math.max(...brand.lengths));
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (brand.gaps.includes(i)) out += " ";
    out += digits.charAt(i);
  }
  return out;
}

/** "1", "12", "1228", "12 / 28" → "1", "12 / ", "12 / 28" (Stripe-style MM / YY). */
export function formatExpiry(value: string, deleting: boolean): string {
  let digits = onlyDigits(value).slice(0, 4);
  if (digits.length === 1 && digits > "1") digits = "0" + digits;
  if (digits.length < 2) return digits;
  if (digits.length === 2) return deleting ? digits : digits + " / ";
  return digits.slice(0, 2) + " / " + digits.slice(2);
}

export function parseExpiry(value: string): { month: number; year: number } | null {
  const digits = onlyDigits(value);
  if (digits.length !== 4) return null;
  return { month: Number(digits.slice(0, 2)), year: 2000 + Number(digits.slice(2)) };
}

export type CardField = "number" | "expiry" | "cvc" | "postalCode";
/** The card form's fields, in form order. */
export const CARD_FIELDS: readonly CardField[] = ["number", "expiry", "cvc", "postalCode"];
export type CardValues = Record<CardField, string>;

/** A client-side validation error, as the Payment Element reports it (a `StripeError`). */
export interface CardValidationError {
  type: "validation_error";
  code: string;
  message: string;
  param: CardField;
}
export type CardErrors = Partial<Record<CardField, CardValidationError>>;

function validationError(code: string, message: string, param: CardField): CardValidationError {
  return { type: "validation_error", code, message, param };
}

export interface CardValidation {
  errors: CardErrors;
  complete: boolean;
  empty: boolean;
  brand: string;
  brandLabel: string;
  cvcLength: number;
}

function expiryError(expiry: string): CardValidationError | undefined {
  const exp = parseExpiry(expiry);
  if (!exp)
    return validationError("incomplete_expiry", "Your card's expiration date is incomplete.", "expiry");
  const now = new Date();
  const thisYear = now.getFullYear();
  const thisMonth = now.getMonth() + 1;
  if (exp.month < 1 || exp.month > 12)
    return validationError("invalid_expiry_month", "Your card's expiration month is invalid.", "expiry");
  // Stripe words both "past" cases the same way in the Payment Element.
  if (exp.year < thisYear)
    return validationError(
      "invalid_expiry_year_past",
      "Your card's expiration date is in the past.",
      "expiry",
    );
  if (exp.year === thisYear && exp.month < thisMonth)
    return validationError(
      "invalid_expiry_month_past",
      "Your card's expiration date is in the past.",
      "expiry",
    );
  if (exp.year > thisYear + 50)
    return validationError("invalid_expiry_year", "Your card's expiration year is invalid.", "expiry");
  return undefined;
}

/**
 * Validates the card fields. Messages and codes are the ones the real Payment Element shows.
 */
export function validateCardFields(
  fields: CardValues,
  options: { collectPostalCode?: boolean } = {},
): CardValidation {
  const errors: CardErrors = {};
  const number = onlyDigits(fields.number);
  const brand = cardBrand(number);
  if (!number)
    errors.number = validationError("incomplete_number", "Your card number is incomplete.", "number");
  else if (!brand.lengths.includes(number.length)) {
    errors.number =
      number.length > Math.max(...brand.lengths) || (number.length >= 16 && !luhnValid(number))
        ? validationError("invalid_number", "Your card number is invalid.", "number")
        : validationError("incomplete_number", "Your card number is incomplete.", "number");
  } else if (!luhnValid(number))
    errors.number = validationError("invalid_number", "Your card number is invalid.", "number");

  const expDigits = onlyDigits(fields.expiry);
  const expiry = expiryError(fields.expiry);
  if (expiry) errors.expiry = expiry;

  const cvc = onlyDigits(fields.cvc);
  if (cvc.length < brand.cvc)
    errors.cvc = validationError("incomplete_cvc", "Your card's security code is incomplete.", "cvc");
  else if (cvc.length > brand.cvc)
    errors.cvc = validationError("invalid_cvc", "Your card's security code is invalid.", "cvc");

  if (options.collectPostalCode !== false) {
    const postal = String(fields.postalCode || "").trim();
    if (!postal)
      errors.postalCode = validationError("incomplete_zip", "Your postal code is incomplete.", "postalCode");
    else if (/^\d+$/.test(postal) && postal.length < 5)
      errors.postalCode = validationError("incomplete_zip", "Your postal code is incomplete.", "postalCode");
  }

  const empty = !number && !expDigits && !cvc && !String(fields.postalCode || "").trim();
  return {
    errors,
    complete: Object.keys(errors).length === 0,
    empty,
    brand: brand.brand,
    brandLabel: brand.label,
    cvcLength: brand.cvc,
  };
}

/** The first error in field order, as elements.submit() reports it. */
export function firstCardError(errors: CardErrors): CardValidationError | null {
  return errors.number || errors.expiry || errors.cvc || errors.postalCode || null;
}

/**
 * Whether `key` is typed to completion, the point where Stripe's card form moves the focus on: a valid
 * number at its brand's full length (16 for Visa), a valid expiry, a CVC of the brand's length.
 * The postal code never advances (it is the last field).
 */
export function completedField(key: CardField, values: CardValues): boolean {
  const result = validateCardFields(values, { collectPostalCode: false });
  if (key === "number") {
    const digits = onlyDigits(values.number);
    const brand = cardBrand(digits);
    const full = Math.max(...brand.lengths.filter((n) => n <= 16), Math.min(...brand.lengths));
    return !result.errors.number && digits.length >= full;
  }
  if (key === "expiry") return !result.errors.expiry;
  if (key === "cvc") return onlyDigits(values.cvc).length === result.cvcLength;
  return false;
}
