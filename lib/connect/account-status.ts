import type Stripe from "stripe";
import type { ConnectedAccount } from "@/db/schema";
import { canCharge } from "./can-charge";

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

/**
 * Stripe's requirement paths as a seller reads them. A key matches a path itself or any path under it
 * ("individual.dob" covers individual.dob.day/month/year), the longest key wins, so the parts of one
 * thing (a date of birth, an address) are one item.
 */
const REQUIREMENT_LABELS: Record<string, string> = {
  business_profile: "Business details",
  "business_profile.name": "Business name",
  "business_profile.url": "Business website",
  "business_profile.mcc": "Industry",
  "business_profile.product_description": "Description of what you sell",
  "business_profile.support_phone": "Support phone number",
  business_type: "Business type",
  external_account: "Bank account for payouts",
  tos_acceptance: "Acceptance of Stripe's terms",
  individual: "Your personal details",
  "individual.first_name": "First name",
  "individual.last_name": "Last name",
  "individual.dob": "Date of birth",
  "individual.address": "Home address",
  "individual.email": "Email address",
  "individual.phone": "Phone number",
  "individual.ssn_last_4": "Last 4 digits of your SSN",
  "individual.id_number": "ID number",
  "individual.verification": "Identity document",
  company: "Company details",
  "company.name": "Company name",
  "company.address": "Company address",
  "company.phone": "Company phone number",
  "company.tax_id": "Company tax ID",
  "company.owners_provided": "Company owners",
  "company.directors_provided": "Company directors",
  "company.executives_provided": "Company executives",
  "company.verification": "Company verification document",
  representative: "Company representative",
  owners: "Company owners",
  directors: "Company directors",
  executives: "Company executives",
  settings: "Account settings",
};

/** The label of one requirement path (longest known prefix; a readable fallback otherwise). */
export function requirementLabel(field: string): string {
  const parts = field.split(".");
  for (let n = parts.length; n > 0; n -= 1) {
    const known = REQUIREMENT_LABELS[parts.slice(0, n).join(".")];
    if (known) return known;
  }
  // Person requirements arrive as "person_abc123.dob.day": label them like the individual's.
  if (parts[0]?.startsWith("person_") && parts.length > 1)
    return requirementLabel(["individual", ...parts.slice(1)].join("."));
  const words = parts.join(" ").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Stripe's requirement paths ("individual.dob.day") as a seller reads them, one item per thing. */
export function describeRequirements(fields: readonly string[]): string[] {
  return [...new Set(fields.map(requirementLabel))];
}

export type Readiness =
  "ready" | "onboarding_incomplete" | "needs_information" | "in_review" | "disconnected";

/**
 * Where the seller stands, for the dashboard headline:
 * - ready: the account can take payments (`canCharge`, the shop's rule: their products are listed);
 * - onboarding_incomplete: they have not submitted their details to Stripe yet;
 * - needs_information: submitted, but Stripe asks for more (requirements due again, or past due);
 * - in_review: submitted, nothing due, yet charges are not enabled (Stripe is verifying).
 */
export function accountReadiness(
  account: Pick<
    AccountStatus,
    "chargesEnabled" | "detailsSubmitted" | "requirementsCurrentlyDue" | "requirementsPastDue"
  > & {
    disconnectedAt?: Date | null;
  },
): Readiness {
  if (account.disconnectedAt) return "disconnected";
  if (canCharge({ ...account, disconnectedAt: account.disconnectedAt ?? null })) return "ready";
  if (!account.detailsSubmitted) return "onboarding_incomplete";
  if (account.requirementsCurrentlyDue.length + account.requirementsPastDue.length > 0)
    return "needs_information";
  return "in_review";
}
