/**
 * What makes a connected account able to charge, kept apart from how accounts are built (account-model.ts).
 * The rule that matters to the marketplace: an account charges and pays out only once its requirements are
 * satisfied and its details submitted — until then `charges_enabled` is false and payments on it fail.
 * Every change goes through `updateAccount`, which recomputes status and emits `account.updated` with
 * `previous_attributes`, exactly the event a Connect webhook handler waits for.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { resourceMissing } from "../errors";
import { clone, previousAttributes } from "../events";
import { newId, PLATFORM_ACCOUNT } from "../state";
import { bankAccount, setExternalAccount } from "./account-model";

/** What Stripe asks of an individual seller before enabling charges and payouts (US, card_payments + transfers). */
const INDIVIDUAL_REQUIREMENTS = [
  "business_profile.mcc",
  "business_profile.url",
  "business_type",
  "external_account",
  "individual.dob.day",
  "individual.dob.month",
  "individual.dob.year",
  "individual.first_name",
  "individual.last_name",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];
const COMPANY_REQUIREMENTS = [
  "business_profile.mcc",
  "business_profile.url",
  "business_type",
  "company.name",
  "external_account",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];

function valueAt(account: Stripe.Account, path: string): unknown {
  if (path === "external_account")
    return (account.external_accounts?.data.length ?? 0) > 0 ? true : undefined;
  let node: unknown = account;
  for (const key of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node === null || node === "" ? undefined : node;
}

/** Recomputes requirements, capabilities and the enabled flags from the account's data. */
export function refreshStatus(em: Emulator, account: Stripe.Account): void {
  if (account.id === PLATFORM_ACCOUNT) return;
  const list = account.business_type === "company" ? COMPANY_REQUIREMENTS : INDIVIDUAL_REQUIREMENTS;
  const forced = em.store.forcedRequirements[account.id] ?? [];
  const due = [...new Set([...list.filter((p) => valueAt(account, p) === undefined), ...forced])].sort();
  // Platform-collected (custom) accounts have no Stripe form to "submit": complete data is submission.
  if (due.length === 0 && account.controller?.requirement_collection === "application")
    account.details_submitted = true;
  const enabled = due.length === 0 && account.details_submitted;
  account.requirements = {
    alternatives: [],
    current_deadline: null,
    currently_due: due,
    disabled_reason: enabled
      ? null
      : due.length > 0
        ? "requirements.past_due"
        : "requirements.pending_verification",
    errors: [],
    eventually_due: due,
    past_due: due,
    pending_verification: [],
  };
  account.future_requirements = {
    alternatives: [],
    current_deadline: null,
    currently_due: [],
    disabled_reason: null,
    errors: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
  };
  account.charges_enabled = enabled;
  account.payouts_enabled = enabled;
  const caps: Record<string, string> = {};
  for (const name of Object.keys(account.capabilities ?? {})) caps[name] = enabled ? "active" : "inactive";
  account.capabilities = caps;
}

/** Applies a change, recomputes status, and emits `account.updated` (with previous_attributes) if anything changed. */
export function updateAccount(
  em: Emulator,
  id: string,
  mutate: (account: Stripe.Account) => void,
): Stripe.Account {
  const account = em.store.accounts[id];
  if (!account) throw resourceMissing("account", id, "account");
  const before = clone(account);
  mutate(account);
  refreshStatus(em, account);
  const previous = previousAttributes(before, account);
  if (previous) em.emit("account.updated", account, { account: id, previous });
  return account;
}

export interface OnboardingDetails {
  business_profile?: { name?: string; url?: string; mcc?: string };
  individual?: {
    first_name?: string;
    last_name?: string;
    email?: string;
    dob?: { day: number; month: number; year: number };
    address?: Partial<Stripe.Address>;
  };
  external_account?: { routing_number: string; account_number: string };
}

/** What the seller does in Stripe's onboarding form; sensible test data for anything not given. */
export function completeOnboarding(
  em: Emulator,
  id: string,
  details: OnboardingDetails = {},
): Stripe.Account {
  delete em.store.forcedRequirements[id];
  return updateAccount(em, id, (account) => {
    const bp = account.business_profile as Stripe.Account.BusinessProfile;
    account.business_type ??= "individual";
    account.business_profile = {
      ...bp,
      name: details.business_profile?.name ?? bp.name ?? "Emulated Seller",
      url: details.business_profile?.url ?? bp.url ?? "https://seller.example.com",
      mcc: details.business_profile?.mcc ?? bp.mcc ?? "5734",
    };
    const ind = details.individual ?? {};
    const address = {
      city: "San Francisco",
      country: account.country ?? "US",
      line1: "510 Townsend St",
      line2: null,
      postal_code: "94103",
      state: "CA",
      ...ind.address,
    };
    account.individual = {
      id: account.individual?.id ?? newId("person"),
      object: "person",
      account: id,
      created: account.individual?.created ?? em.now(),
      first_name: ind.first_name ?? account.individual?.first_name ?? "Jenny",
      last_name: ind.last_name ?? account.individual?.last_name ?? "Rosen",
      email: ind.email ?? account.email,
      dob: ind.dob ?? account.individual?.dob ?? { day: 1, month: 1, year: 1990 },
      address,
    };
    if (details.external_account || (account.external_accounts?.data.length ?? 0) === 0) {
      const ext = details.external_account ?? { routing_number: "110000000", account_number: "000123456789" };
      setExternalAccount(
        account,
        bankAccount(
          id,
          ext.routing_number,
          ext.account_number,
          account.default_currency ?? "usd",
          account.country ?? "US",
        ),
      );
    }
    account.tos_acceptance = {
      date: account.tos_acceptance?.date ?? em.now(),
      ip: account.tos_acceptance?.ip ?? "127.0.0.1",
      user_agent: account.tos_acceptance?.user_agent ?? "stripe-emulator",
    };
    account.details_submitted = true;
  });
}
