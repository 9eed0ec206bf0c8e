import type Stripe from "stripe";
import type { ConnectedAccount } from "@/db/schema";

/** The connected_accounts columns that mirror Stripe's view of an account. */
export type AccountStatus = Pick<
  ConnectedAccount,
  | "detailsSubmitted"
  | "chargesEnabled"
  | "payoutsEnabled"
  | "requirementsCurrentlyDue"
  | "requirementsPastDue"
  | "disabledReason"
  | "email"
  | "country"
  | "type"
>;

/**
 * Maps a Stripe account to our columns. Pure, so the webhook handler, the Account Link return page
 * and the seed all store exactly the same thing.
 *
 * Accounts created with `controller` properties may report `type` as "none"/"custom" depending on the
 * API version; what makes one "express" for us is that the seller uses the Express dashboard. Only an
 * account with its own full dashboard (OAuth-connected Standard) is "standard".
 */
export function accountStatusFromStripe(account: Stripe.Account): AccountStatus {
  const dashboard = account.controller?.stripe_dashboard?.type;
  const type: AccountStatus["type"] =
    account.type === "standard" || dashboard === "full" ? "standard" : "express";
  return {
    detailsSubmitted: account.details_submitted,
    chargesEnabled: account.charges_enabled,
    payoutsEnabled: account.payouts_enabled,
    requirementsCurrentlyDue: account.requirements?.currently_due ?? [],
    requirementsPastDue: account.requirements?.past_due ?? [],
    disabledReason: account.requirements?.disabled_reason ?? null,
    email: account.email ?? null,
    country: account.country ?? "US",
    type,
  };
}

/** What the seller still has to do, in words, for the dashboard. */
export function isReadyToAcceptPayments(status: Pick<AccountStatus, "chargesEnabled" | "detailsSubmitted">): boolean {
  return status.chargesEnabled && status.detailsSubmitted;
}

const REQUIREMENT_LABELS: Record<string, string> = {
  "business_profile.name": "Business name",
  "business_profile.url": "Business website",
  "business_profile.mcc": "Industry",
  "business_profile.product_description": "Description of what you sell",
  business_type: "Business type",
  external_account: "Bank account for payouts",
  "tos_acceptance.date": "Acceptance of Stripe's terms",
  "tos_acceptance.ip": "Acceptance of Stripe's terms",
  "individual.first_name": "Your first name",
  "individual.last_name": "Your last name",
  "individual.dob.day": "Your date of birth",
  "individual.dob.month": "Your date of birth",
  "individual.dob.year": "Your date of birth",
  "individual.address.line1": "Your address",
  "individual.address.city": "Your address",
  "individual.address.postal_code": "Your address",
  "individual.address.state": "Your address",
  "individual.email": "Your email",
  "individual.phone": "Your phone number",
  "individual.ssn_last_4": "Last 4 digits of your SSN",
  "individual.id_number": "Your ID number",
  "individual.verification.document": "An identity document",
};

/** Stripe's requirement paths ("individual.dob.day") as a seller reads them, without duplicates. */
export function describeRequirements(fields: readonly string[]): string[] {
  const labels = fields.map((field) => {
    const known = REQUIREMENT_LABELS[field];
    if (known) return known;
    const words = field.split(".").slice(-2).join(" ").replace(/_/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  });
  return [...new Set(labels)];
}

export type Readiness = "ready" | "onboarding_incomplete" | "needs_information" | "in_review" | "disconnected";

/**
 * Where the seller stands, for the dashboard headline:
 * - onboarding_incomplete: they have not submitted their details to Stripe yet;
 * - needs_information: submitted, but Stripe asks for more (requirements due again, or past due);
 * - in_review: submitted, nothing due, yet charges are not enabled (Stripe is verifying).
 */
export function accountReadiness(
  account: Pick<AccountStatus, "chargesEnabled" | "detailsSubmitted" | "requirementsCurrentlyDue" | "requirementsPastDue"> & {
    disconnectedAt?: Date | null;
  },
): Readiness {
  if (account.disconnectedAt) return "disconnected";
  if (isReadyToAcceptPayments(account)) return "ready";
  if (!account.detailsSubmitted) return "onboarding_incomplete";
  if (account.requirementsCurrentlyDue.length + account.requirementsPastDue.length > 0) return "needs_information";
  return "in_review";
}
