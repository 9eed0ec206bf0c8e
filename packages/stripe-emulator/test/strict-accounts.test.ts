import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { expressAccount, rejects, emulatorForFile } from "./helpers";

const t = emulatorForFile();

type Controller = Stripe.AccountCreateParams.Controller;

async function accountCount(): Promise<number> {
  return (await t.stripe.accounts.list({ limit: 100 })).data.length;
}

// Accounts create `controller` (docs.stripe.com/api/accounts/create, SDK docs at 2026-10-28: "Setting
// controller.losses.payments=application requires controller.fees.payer=application"), and the changelogs
// 2026-06-24.dahlia / 2026-11-18.endive "Create Express accounts with Stripe pricing and negative balance
// liability": before them, Express accounts must be platform-paid and platform-liable.
describe("controller combinations Stripe refuses at 2026-10-28", () => {
  it.each<[string, Controller, string]>([
    [
      "Express dashboard with Stripe liable for losses",
      {
        stripe_dashboard: { type: "express" },
        fees: { payer: "application" },
        losses: { payments: "stripe" },
      },
      "controller[losses][payments]",
    ],
    [
      "Express dashboard with the platform collecting requirements",
      {
        stripe_dashboard: { type: "express" },
        fees: { payer: "application" },
        losses: { payments: "application" },
        requirement_collection: "application",
      },
      "controller[requirement_collection]",
    ],
    [
      "Express dashboard with the account paying Stripe's fees",
      {
        stripe_dashboard: { type: "express" },
        fees: { payer: "account" },
        losses: { payments: "application" },
      },
      "controller[fees][payer]",
    ],
    [
      "platform-liable losses with the account paying fees",
      { fees: { payer: "account" }, losses: { payments: "application" } },
      "controller[fees][payer]",
    ],
    [
      "no dashboard with Stripe collecting requirements",
      { stripe_dashboard: { type: "none" }, requirement_collection: "stripe" },
      "controller[requirement_collection]",
    ],
    [
      "the full dashboard with the platform collecting requirements",
      {
        stripe_dashboard: { type: "full" },
        requirement_collection: "application",
        fees: { payer: "application" },
        losses: { payments: "application" },
      },
      "controller[requirement_collection]",
    ],
  ])("refuses %s, with param set and nothing created", async (_what, controller, param) => {
    const before = await accountCount();
    const err = await rejects(t.stripe.accounts.create({ country: "US", controller }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", param });
    expect(err.message).toContain(param);
    expect(await accountCount()).toBe(before);
  });

  it.each<[string, Controller, Partial<Stripe.Account.Controller>]>([
    [
      "Express, platform pays and is liable (what the app creates)",
      {
        stripe_dashboard: { type: "express" },
        fees: { payer: "application" },
        losses: { payments: "application" },
      },
      {
        fees: { payer: "application_express" },
        losses: { payments: "application" },
        requirement_collection: "stripe",
      },
    ],
    [
      "no dashboard, the platform collects, pays and is liable",
      {
        stripe_dashboard: { type: "none" },
        requirement_collection: "application",
        fees: { payer: "application" },
        losses: { payments: "application" },
      },
      { fees: { payer: "application_custom" }, requirement_collection: "application" },
    ],
    ["nothing set: Stripe's defaults", {}, { fees: { payer: "account" }, losses: { payments: "stripe" } }],
    [
      "the full dashboard with platform pricing and platform losses",
      { fees: { payer: "application" }, losses: { payments: "application" } },
      { fees: { payer: "application" }, losses: { payments: "application" }, is_controller: true },
    ],
  ])("accepts %s", async (_what, controller, expected) => {
    const account = await t.stripe.accounts.create({ country: "US", controller });
    expect(account.controller).toMatchObject(expected);
  });
});

function session(account: string, components: Stripe.AccountSessionCreateParams.Components) {
  return t.stripe.accountSessions.create({ account, components });
}

// AccountSessionCreateParams docs at 2026-10-28 (SDK 23 types): external_account_collection "can only be
// false for accounts where you're responsible for collecting updated information when requirements are due
// or change"; disable_stripe_user_authentication "can only be true for accounts where
// controller.requirement_collection is application" and defaults to the opposite of
// external_account_collection; payout features default to true only when controller.losses.payments is stripe.
describe("Account Session features, by account", () => {
  it.each([
    ["account_onboarding", "external_account_collection", false],
    ["account_management", "disable_stripe_user_authentication", true],
    ["payouts", "external_account_collection", false],
    ["notification_banner", "disable_stripe_user_authentication", true],
  ] as const)("refuses %s.%s=%s on a platform-liable Express account", async (component, feature, value) => {
    const express = await expressAccount(t, false);
    const err = await rejects(
      session(express.id, { [component]: { enabled: true, features: { [feature]: value } } }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.param).toBe(`components[${component}][features][${feature}]`);
  });

  it("allows both on an account whose requirements the platform collects, and derives the second", async () => {
    const custom = await t.stripe.accounts.create({
      country: "US",
      controller: {
        stripe_dashboard: { type: "none" },
        requirement_collection: "application",
        fees: { payer: "application" },
        losses: { payments: "application" },
      },
    });
    const s = await session(custom.id, {
      account_onboarding: { enabled: true, features: { external_account_collection: false } },
      account_management: { enabled: true, features: { disable_stripe_user_authentication: true } },
    });
    expect(s.components.account_onboarding.features).toMatchObject({
      external_account_collection: false,
      disable_stripe_user_authentication: true,
    });
    expect(s.components.account_management.features.disable_stripe_user_authentication).toBe(true);
  });

  it("defaults features from controller.losses.payments: platform-liable Express", async () => {
    const express = await expressAccount(t, false);
    const s = await session(express.id, {
      payouts: { enabled: true },
      balances: { enabled: true },
      payments: { enabled: true, features: { dispute_management: false } },
      account_onboarding: { enabled: true },
    });
    for (const features of [s.components.payouts.features, s.components.balances.features])
      expect(features).toMatchObject({
        edit_payout_schedule: false,
        standard_payouts: false,
        instant_payouts: false,
        external_account_collection: true,
        disable_stripe_user_authentication: false,
      });
    expect(s.components.payments.features).toMatchObject({
      refund_management: true,
      capture_payments: true,
      dispute_management: false,
      destination_on_behalf_of_charge_management: false,
    });
    expect(s.components.account_onboarding.features.disable_stripe_user_authentication).toBe(false);
  });

  it("defaults features from controller.losses.payments: Stripe-liable (Standard)", async () => {
    const standard = await t.stripe.accounts.create({ type: "standard", country: "US" });
    expect(standard.controller?.losses?.payments).toBe("stripe");
    const s = await session(standard.id, { payouts: { enabled: true } });
    expect(s.components.payouts.features).toMatchObject({
      edit_payout_schedule: true,
      standard_payouts: true,
      instant_payouts: true,
    });
    const explicit = await session(standard.id, {
      payouts: { enabled: true, features: { instant_payouts: false } },
    });
    expect(explicit.components.payouts.features.instant_payouts).toBe(false);
  });
});
