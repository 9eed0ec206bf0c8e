/**
 * Connected accounts as objects: how they are built (per dashboard/controller kind), their bank accounts,
 * the platform's own account, and looking one up. What makes an account able to charge (requirements,
 * capabilities, onboarding) lives in account-requirements.ts, which builds on this module.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { resourceMissing } from "../errors";
import { newId, PLATFORM_ACCOUNT } from "../state";

export type AccountKind = "express" | "standard" | "custom";

/** Express is what the platform's Stripe dashboard type says, whichever way the account was created. */
export function isExpress(account: Stripe.Account): boolean {
  return account.controller?.stripe_dashboard?.type === "express" || account.type === "express";
}

export function controllerFor(kind: AccountKind): Stripe.Account.Controller {
  if (kind === "express")
    return {
      type: "application",
      is_controller: true,
      fees: { payer: "application_express" },
      losses: { payments: "application" },
      requirement_collection: "stripe",
      stripe_dashboard: { type: "express" },
    };
  if (kind === "custom")
    return {
      type: "application",
      is_controller: true,
      fees: { payer: "application_custom" },
      losses: { payments: "application" },
      requirement_collection: "application",
      stripe_dashboard: { type: "none" },
    };
  return {
    type: "account",
    is_controller: false,
    fees: { payer: "account" },
    losses: { payments: "stripe" },
    requirement_collection: "stripe",
    stripe_dashboard: { type: "full" },
  };
}

export function bankAccount(
  accountId: string,
  routing: string,
  number: string,
  currency = "usd",
  country = "US",
): Stripe.BankAccount {
  return {
    id: newId("ba"),
    object: "bank_account",
    account: accountId,
    account_holder_name: null,
    account_holder_type: null,
    account_type: null,
    available_payout_methods: ["standard", "instant"],
    bank_name: "STRIPE TEST BANK",
    country,
    currency,
    default_for_currency: true,
    fingerprint: newId("fp", 16).slice(3),
    last4: number.slice(-4),
    metadata: {},
    routing_number: routing,
    status: "new",
  };
}

export function setExternalAccount(account: Stripe.Account, bank: Stripe.BankAccount): void {
  account.external_accounts = {
    object: "list",
    data: [bank],
    has_more: false,
    url: `/v1/accounts/${account.id}/external_accounts`,
  };
}

/** The platform itself: always able to charge, with a bank account for its own payouts. */
export function platformAccount(em: Emulator): Stripe.Account {
  let account = em.store.accounts[PLATFORM_ACCOUNT];
  if (!account) {
    account = buildAccount(em, PLATFORM_ACCOUNT, "standard", {
      email: "platform@example.com",
      country: "US",
    });
    account.business_profile = {
      ...(account.business_profile as Stripe.Account.BusinessProfile),
      name: "Emulated Platform",
      url: "https://platform.example.com",
      mcc: "5734",
    };
    setExternalAccount(account, bankAccount(PLATFORM_ACCOUNT, "110000000", "000123456789"));
    account.details_submitted = true;
    account.charges_enabled = true;
    account.payouts_enabled = true;
    account.capabilities = { card_payments: "active", transfers: "active" };
    em.store.accounts[PLATFORM_ACCOUNT] = account;
  }
  return account;
}

export function buildAccount(
  em: Emulator,
  id: string,
  kind: AccountKind,
  input: {
    email?: string;
    country?: string;
    controller?: Stripe.Account.Controller;
    default_currency?: string;
  },
): Stripe.Account {
  const country = input.country ?? "US";
  return {
    id,
    object: "account",
    business_profile: {
      annual_revenue: null,
      estimated_worker_count: null,
      mcc: null,
      minority_owned_business_designation: null,
      name: null,
      product_description: null,
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: null,
    capabilities: {},
    charges_enabled: false,
    controller: input.controller ?? controllerFor(kind),
    country,
    created: em.now(),
    default_currency:
      input.default_currency ??
      ({ US: "usd", GB: "gbp", CA: "cad", AU: "aud" } as Record<string, string>)[country] ??
      "eur",
    details_submitted: false,
    email: input.email ?? null,
    external_accounts: {
      object: "list",
      data: [],
      has_more: false,
      url: `/v1/accounts/${id}/external_accounts`,
    },
    metadata: {},
    payouts_enabled: false,
    settings: {
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_payments: {
        statement_descriptor_prefix: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      dashboard: { display_name: null, timezone: "Etc/UTC" },
      payments: {
        statement_descriptor: null,
        statement_descriptor_kana: null,
        statement_descriptor_kanji: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      payouts: {
        debit_negative_balances: true,
        schedule: { delay_days: 2, interval: "daily" },
        statement_descriptor: null,
      },
    },
    tos_acceptance: { date: null, ip: null, user_agent: null },
    type: kind,
  };
}

/** A connected account of this platform (never the platform itself), or Stripe's "No such account". */
export function requireConnected(
  em: Emulator,
  id: string,
  param = "account",
  status: 400 | 404 = 400,
): Stripe.Account {
  const account = id === PLATFORM_ACCOUNT ? undefined : em.store.accounts[id];
  if (!account) throw resourceMissing("account", id, param, status);
  return account;
}
