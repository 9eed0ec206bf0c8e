/*
 * The embedded onboarding form's fields, prefilled from what the account already has (a returning
 * seller sees what they entered) or with Stripe's test values. Part of the fake Connect.js bundle.
 */
import { h } from "../dom";
import { connectField, connectSelect } from "./fields";
import type { Account } from "./types";

const MCC_OPTIONS: readonly [string, string][] = [
  ["5734", "Computer software stores"],
  ["5945", "Hobby, toy and game shops"],
  ["5977", "Cosmetic stores"],
  ["5999", "Miscellaneous retail"],
  ["7299", "Miscellaneous services"],
  ["8999", "Professional services"],
];

function pad2(n: number | null): string {
  return String(n).padStart(2, "0");
}

/** Every field of the three steps, keyed by name. */
export function onboardingFields(account: Account) {
  const bp = account.business_profile;
  const ind = account.individual;
  const dob =
    ind?.dob && ind.dob.year ? `${ind.dob.year}-${pad2(ind.dob.month)}-${pad2(ind.dob.day)}` : "1901-01-01";
  const addr = ind?.address;
  return {
    name: connectField("Business name", {
      type: "text",
      autocomplete: "organization",
      value: bp?.name || "",
      required: true,
    }),
    url: connectField("Business website", {
      type: "url",
      autocomplete: "url",
      value: bp?.url || "https://accessible.stripe.com",
      required: true,
    }),
    mcc: connectSelect(
      "Industry",
      bp?.mcc || "5999",
      MCC_OPTIONS.map(([code, label]) => h("option", { value: code }, label)),
    ),
    first: connectField("First name", {
      type: "text",
      autocomplete: "given-name",
      value: ind?.first_name || "",
      required: true,
    }),
    last: connectField("Last name", {
      type: "text",
      autocomplete: "family-name",
      value: ind?.last_name || "",
      required: true,
    }),
    dob: connectField("Date of birth", { type: "date", value: dob, required: true }),
    line1: connectField("Address", {
      type: "text",
      autocomplete: "address-line1",
      value: addr?.line1 || "address_full_match",
      required: true,
    }),
    city: connectField("City", {
      type: "text",
      autocomplete: "address-level2",
      value: addr?.city || "San Francisco",
      required: true,
    }),
    state: connectField("State", {
      type: "text",
      autocomplete: "address-level1",
      value: addr?.state || "CA",
    }),
    postal: connectField("ZIP code", {
      type: "text",
      autocomplete: "postal-code",
      value: addr?.postal_code || "94103",
      required: true,
    }),
    routing: connectField("Routing number", {
      type: "text",
      inputmode: "numeric",
      value: "110000000",
      required: true,
    }),
    accountNumber: connectField("Account number", {
      type: "text",
      inputmode: "numeric",
      value: "000123456789",
      required: true,
    }),
  };
}
