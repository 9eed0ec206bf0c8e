/**
 * `POST /_emulator/browser/connect/onboarding/progress` — one step of the embedded onboarding form saved on
 * the account, as Stripe's onboarding does: what a seller submitted is stored on the account at once, so a
 * seller who stops ("you can stop at any time and continue later") and reopens onboarding sees the next
 * missing step with their details kept, and `requirements.currently_due` shrinks step by step
 * (https://docs.stripe.com/connect/embedded-onboarding — the component collects only outstanding
 * requirements). Saving a step never submits the account (`details_submitted` stays as it was); the final
 * step posts to `/connect/onboarding`.
 */
import type Stripe from "stripe";
import { invalidRequest } from "../errors";
import { json, type HttpContext, type HttpResult } from "../http";
import { newId } from "../state";
import { updateAccount, type OnboardingDetails } from "./account-requirements";
import { guard, ONBOARDING_COMPONENTS, onboardingDetails } from "./browser-api";

const STEPS = ["business_details", "representative"] as const;
type Step = (typeof STEPS)[number];

function isStep(value: unknown): value is Step {
  return typeof value === "string" && (STEPS as readonly string[]).includes(value);
}

function required(value: string | undefined, param: string, label: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw invalidRequest(`${label} is required.`, param, "parameter_missing");
  return trimmed;
}

interface Dob {
  day: number;
  month: number;
  year: number;
}

function validDob(dob: Dob | undefined): Dob {
  if (!dob) throw invalidRequest("Date of birth is required.", "individual[dob]", "parameter_missing");
  const date = new Date(Date.UTC(dob.year, dob.month - 1, dob.day));
  if (date.getUTCDate() !== dob.day || date.getUTCMonth() !== dob.month - 1 || dob.year < 1900)
    throw invalidRequest("Enter a valid date of birth.", "individual[dob]");
  return dob;
}

/** Validates one step's fields and returns the change it makes to the account (nothing applied yet). */
function stepChange(step: Step, details: OnboardingDetails, now: number): (account: Stripe.Account) => void {
  if (step === "business_details") {
    const bp = details.business_profile ?? {};
    const name = required(bp.name, "business_profile[name]", "Business name");
    const url = required(bp.url, "business_profile[url]", "Business website");
    if (!/^https?:\/\/\S+\.\S+/.test(url))
      throw invalidRequest("Enter a valid website, e.g. https://example.com.", "business_profile[url]");
    const mcc = required(bp.mcc, "business_profile[mcc]", "Industry");
    if (!/^\d{4}$/.test(mcc)) throw invalidRequest("Invalid MCC: must be 4 digits.", "business_profile[mcc]");
    return (account) => {
      account.business_profile = {
        ...(account.business_profile ?? {}),
        name,
        url,
        mcc,
      } as Stripe.Account.BusinessProfile;
    };
  }
  const ind = details.individual ?? {};
  const first = required(ind.first_name, "individual[first_name]", "First name");
  const last = required(ind.last_name, "individual[last_name]", "Last name");
  const dob = validDob(ind.dob);
  const address = ind.address ?? {};
  return (account) => {
    account.business_type ??= "individual";
    const person = account.individual;
    account.individual = {
      ...(person ?? {}),
      id: person?.id ?? newId("person"),
      object: "person",
      account: account.id,
      created: person?.created ?? now,
      first_name: first,
      last_name: last,
      dob,
      address: {
        city: address.city ?? null,
        country: address.country ?? account.country ?? null,
        line1: address.line1 ?? null,
        line2: address.line2 ?? null,
        postal_code: address.postal_code ?? null,
        state: address.state ?? null,
      },
    };
  };
}

export function connectOnboardingProgress(ctx: HttpContext): HttpResult {
  const id = guard(ctx, ONBOARDING_COMPONENTS);
  const step = ctx.params.step;
  if (!isStep(step))
    throw invalidRequest(
      `Invalid step: must be one of ${STEPS.join(", ")}.`,
      "step",
      step ? undefined : "parameter_missing",
    );
  // Everything is validated before the account changes: bad input changes nothing.
  const change = stepChange(step, onboardingDetails(ctx.params), ctx.em.now());
  return json(updateAccount(ctx.em, id, change));
}
