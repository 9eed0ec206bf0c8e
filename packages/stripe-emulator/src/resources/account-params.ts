/**
 * What `POST /v1/accounts` and `POST /v1/accounts/:id` accept, and how those parameters land on the
 * account object — kept apart from the routes (accounts.ts) because it is most of the surface's bulk.
 */
import type Stripe from "stripe";
import type { ParamValue } from "../form";
import type { ApiContext } from "../router";
import { ADDRESS, fullAddress, f, mergeMetadata, type Field, type Infer } from "../schema";
import { newId } from "../state";
import { bankAccount, setExternalAccount } from "./account-model";

const CAPABILITY = f.obj({ requested: f.bool() });

/** `external_account` is either a token (`btok_…`) or a bank account hash, as Stripe accepts both. */
const BANK_HASH = f.obj({
  object: f.enumOf("bank_account").req(),
  country: f.string().req(),
  currency: f.string().req(),
  routing_number: f.string(),
  account_number: f.string().req(),
  account_holder_name: f.string(),
  account_holder_type: f.enumOf("individual", "company"),
});
type BankHash = ReturnType<typeof BANK_HASH.parse>;
const EXTERNAL_ACCOUNT: Field<string | BankHash, false> = {
  required: false,
  parse: (value: ParamValue, param: string) =>
    typeof value === "string" ? value : BANK_HASH.parse(value, param),
};

export const UPDATABLE = {
  business_profile: f.obj({
    name: f.string(),
    url: f.string(),
    mcc: f.string(),
    product_description: f.string(),
    support_email: f.string(),
    support_phone: f.string(),
    support_url: f.string(),
  }),
  business_type: f.enumOf("individual", "company", "non_profit", "government_entity"),
  capabilities: f.obj({
    card_payments: CAPABILITY,
    transfers: CAPABILITY,
    link_payments: CAPABILITY,
    us_bank_account_ach_payments: CAPABILITY,
  }),
  company: f.obj({ name: f.string(), phone: f.string(), tax_id: f.string(), address: ADDRESS }),
  default_currency: f.string(),
  email: f.string(),
  external_account: EXTERNAL_ACCOUNT,
  individual: f.obj({
    first_name: f.string(),
    last_name: f.string(),
    email: f.string(),
    phone: f.string(),
    ssn_last_4: f.string(),
    id_number: f.string(),
    dob: f.obj({
      day: f.int({ min: 1, max: 31 }),
      month: f.int({ min: 1, max: 12 }),
      year: f.int({ min: 1900 }),
    }),
    address: ADDRESS,
  }),
  metadata: f.metadata(),
  settings: f.obj({
    payouts: f.obj({
      debit_negative_balances: f.bool(),
      statement_descriptor: f.string(),
      schedule: f.obj({
        interval: f.enumOf("manual", "daily", "weekly", "monthly"),
        delay_days: f.int({ min: 0 }),
        weekly_anchor: f.string(),
        monthly_anchor: f.int({ min: 1, max: 31 }),
      }),
    }),
    payments: f.obj({ statement_descriptor: f.string({ maxLength: 22 }) }),
  }),
  tos_acceptance: f.obj({
    date: f.int(),
    ip: f.string(),
    user_agent: f.string(),
    service_agreement: f.enumOf("full", "recipient"),
  }),
};

export const CREATE = {
  ...UPDATABLE,
  type: f.enumOf("standard", "express", "custom"),
  country: f.string(),
  controller: f.obj({
    fees: f.obj({ payer: f.enumOf("account", "application") }),
    losses: f.obj({ payments: f.enumOf("application", "stripe") }),
    requirement_collection: f.enumOf("application", "stripe"),
    stripe_dashboard: f.obj({ type: f.enumOf("express", "full", "none") }),
  }),
};

export type Updates = Infer<typeof UPDATABLE>;

export function applyUpdates(ctx: ApiContext, account: Stripe.Account, p: Updates): void {
  if (p.business_profile)
    account.business_profile = {
      ...(account.business_profile as Stripe.Account.BusinessProfile),
      ...p.business_profile,
    };
  if (p.business_type) account.business_type = p.business_type;
  if (p.capabilities) {
    const caps: Record<string, string> = { ...(account.capabilities as Record<string, string>) };
    for (const [name, c] of Object.entries(p.capabilities)) {
      if (c?.requested === true) caps[name] ??= "inactive";
      if (c?.requested === false) delete caps[name];
    }
    account.capabilities = caps;
  }
  if (p.company)
    account.company = {
      ...account.company,
      name: p.company.name ?? account.company?.name ?? null,
      phone: p.company.phone ?? account.company?.phone ?? null,
      tax_id_provided: p.company.tax_id !== undefined || account.company?.tax_id_provided === true,
    };
  if (p.default_currency) account.default_currency = p.default_currency.toLowerCase();
  if (p.email !== undefined) account.email = p.email;
  if (p.external_account !== undefined) {
    const ext = p.external_account;
    // Test tokens: btok_us_verified and friends stand for Stripe's test bank account 000123456789.
    const bank =
      typeof ext === "string"
        ? bankAccount(account.id, "110000000", "000123456789")
        : bankAccount(
            account.id,
            ext.routing_number ?? "110000000",
            ext.account_number,
            ext.currency.toLowerCase(),
            ext.country,
          );
    setExternalAccount(account, bank);
  }
  if (p.individual) {
    const cur = account.individual;
    const { ssn_last_4, id_number, ...rest } = p.individual;
    account.individual = {
      ...cur,
      id: cur?.id ?? newId("person"),
      object: "person",
      account: account.id,
      created: cur?.created ?? ctx.em.now(),
      ...rest,
      dob: rest.dob
        ? { day: rest.dob.day ?? null, month: rest.dob.month ?? null, year: rest.dob.year ?? null }
        : cur?.dob,
      address: rest.address ? fullAddress(cur?.address, rest.address) : cur?.address,
      ...(ssn_last_4 !== undefined ? { ssn_last_4_provided: true } : {}),
      ...(id_number !== undefined ? { id_number_provided: true } : {}),
    };
  }
  if (p.metadata !== undefined) account.metadata = mergeMetadata(account.metadata ?? {}, p.metadata);
  if (p.settings && account.settings) {
    const payouts = account.settings.payouts;
    if (p.settings.payouts && payouts) {
      account.settings.payouts = {
        ...payouts,
        debit_negative_balances:
          p.settings.payouts.debit_negative_balances ?? payouts.debit_negative_balances,
        statement_descriptor: p.settings.payouts.statement_descriptor ?? payouts.statement_descriptor,
        schedule: { ...payouts.schedule, ...p.settings.payouts.schedule },
      };
    }
    if (p.settings.payments?.statement_descriptor)
      account.settings.payments = {
        ...account.settings.payments,
        statement_descriptor: p.settings.payments.statement_descriptor,
      };
  }
  if (p.tos_acceptance) account.tos_acceptance = { ...account.tos_acceptance, ...p.tos_acceptance };
}
