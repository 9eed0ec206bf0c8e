/**
 * What the browser fakes ask the emulator for, through the same browser paths (the pages themselves run in
 * e2e/stripe-fakes.spec.ts, e2e/seller-onboarding-resume.spec.ts and e2e/stripe-load-errors.spec.ts):
 * - embedded onboarding keeps each step it saved on the account, so reopening starts at the next missing
 *   step (Stripe stores what was submitted; https://docs.stripe.com/connect/embedded-onboarding);
 * - the Payment Element's elements session refuses an account that cannot take card payments, which the
 *   fake reports as `loaderror` (https://docs.stripe.com/js/element/events/on_loaderror,
 *   https://docs.stripe.com/connect/account-capabilities#card-payments).
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { firstMissingStep } from "../src/browser/connect/onboarding-flow";
import { EMULATOR_DEFAULTS } from "../src/defaults";
import { expressAccount, emulatorForFile } from "./helpers";

const t = emulatorForFile();

type Answer<T> = T & { error?: { type: string; code?: string; message: string; param?: string } };

/** A browser call as the fake makes it: JSON, the publishable key, never the secret key. */
async function browser<T>(
  method: "GET" | "POST",
  path: string,
  body?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Answer<T> }> {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${EMULATOR_DEFAULTS.publishableKey}`,
      ...headers,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Answer<T> };
}

async function onboardingSession(account: string): Promise<string> {
  const session = await t.stripe.accountSessions.create({
    account,
    components: { account_onboarding: { enabled: true } },
  });
  return session.client_secret;
}

const business = { name: "Resume Pottery", url: "https://pottery.example.com", mcc: "5999" };
const representative = {
  first_name: "Jo",
  last_name: "Resume",
  dob: { day: 1, month: 1, year: 1901 },
  address: { line1: "address_full_match", city: "San Francisco", state: "CA", postal_code: "94103" },
};

describe("embedded onboarding keeps what was submitted", () => {
  it("saves each step on the account without submitting it; reopening starts at the next missing step", async () => {
    const acct = await expressAccount(t, false);
    const secret = await onboardingSession(acct.id);
    const save = (payload: Record<string, unknown>) =>
      browser<Stripe.Account>("POST", "/_emulator/browser/connect/onboarding/progress", {
        client_secret: secret,
        component: "account_onboarding",
        ...payload,
      });
    expect(firstMissingStep(acct)).toBe(0);

    const afterBusiness = await save({ step: "business_details", business_profile: business });
    expect(afterBusiness.status).toBe(200);
    const stored = await t.stripe.accounts.retrieve(acct.id);
    expect(stored.business_profile).toMatchObject(business);
    expect(stored.details_submitted).toBe(false);
    expect(stored.requirements?.currently_due).not.toContain("business_profile.url");
    expect(stored.requirements?.currently_due).toContain("individual.first_name");
    expect(firstMissingStep(stored)).toBe(1);

    const afterPerson = await save({ step: "representative", individual: representative });
    expect(afterPerson.status).toBe(200);
    const again = await t.stripe.accounts.retrieve(acct.id);
    expect(again.individual).toMatchObject({
      first_name: "Jo",
      last_name: "Resume",
      dob: representative.dob,
    });
    expect(again.business_profile?.name).toBe(business.name);
    expect(again.details_submitted).toBe(false);
    expect(again.charges_enabled).toBe(false);
    // Only the bank account and the final submission remain.
    expect(firstMissingStep(again)).toBe(2);
  });

  it("refuses a step with bad input and changes nothing", async () => {
    const acct = await expressAccount(t, false);
    const secret = await onboardingSession(acct.id);
    const base = { client_secret: secret, component: "account_onboarding" };
    const badUrl = await browser("POST", "/_emulator/browser/connect/onboarding/progress", {
      ...base,
      step: "business_details",
      business_profile: { ...business, url: "not a website" },
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error).toMatchObject({
      type: "invalid_request_error",
      param: "business_profile[url]",
    });
    const badDob = await browser("POST", "/_emulator/browser/connect/onboarding/progress", {
      ...base,
      step: "representative",
      individual: { ...representative, dob: { day: 31, month: 2, year: 1990 } },
    });
    expect(badDob.status).toBe(400);
    expect(badDob.body.error?.param).toBe("individual[dob]");
    const noStep = await browser("POST", "/_emulator/browser/connect/onboarding/progress", base);
    expect(noStep.body.error).toMatchObject({ code: "parameter_missing", param: "step" });
    const unchanged = await t.stripe.accounts.retrieve(acct.id);
    expect(unchanged.business_profile?.url ?? null).toBeNull();
    expect(unchanged.individual?.first_name ?? null).toBeNull();
  });

  it("needs an Account Session with a component that runs onboarding", async () => {
    const acct = await expressAccount(t, false);
    const session = await t.stripe.accountSessions.create({
      account: acct.id,
      components: { payouts: { enabled: true } },
    });
    const refused = await browser("POST", "/_emulator/browser/connect/onboarding/progress", {
      client_secret: session.client_secret,
      component: "payouts",
      step: "business_details",
      business_profile: business,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe("component_not_enabled");
  });
});

describe("the Payment Element's elements session", () => {
  const session = (account?: string) =>
    browser<{ payment_method_types: string[] }>(
      "GET",
      "/_emulator/browser/elements/session?mode=payment&currency=usd",
      undefined,
      account ? { "Stripe-Account": account } : {},
    );

  it("offers cards on an account whose card_payments capability is active (and on the platform)", async () => {
    const acct = await expressAccount(t);
    const ok = await session(acct.id);
    expect(ok.status).toBe(200);
    expect(ok.body.payment_method_types).toEqual(["card"]);
    expect((await session()).status).toBe(200);
  });

  it("fails to load on an account that cannot take card payments (card_payments inactive)", async () => {
    const acct = await expressAccount(t);
    // Stripe asks for more information: capabilities go inactive and charges stop.
    const restricted = await t.control<Stripe.Account>(`/_emulator/accounts/${acct.id}/requirements`, {
      currently_due: ["individual.id_number"],
    });
    expect(restricted.capabilities?.card_payments).toBe("inactive");
    const refused = await session(acct.id);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      type: "invalid_request_error",
      code: "payment_method_unactivated",
    });
    expect(refused.body.error?.message).toContain("cannot accept card payments");
  });

  it("needs a publishable key and an account the key can reach", async () => {
    const noKey = await browser("GET", "/_emulator/browser/elements/session", undefined, {
      Authorization: "",
    });
    expect(noKey.status).toBe(401);
    const unknown = await session("acct_doesnotexist");
    expect(unknown.status).toBe(403);
  });
});
