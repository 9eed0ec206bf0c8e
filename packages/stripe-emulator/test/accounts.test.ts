import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { expressAccount, rejects, emulatorForFile } from "./helpers";

const t = emulatorForFile();

describe("accounts", () => {
  it("creates Express accounts with controller properties or type, with requirements due", async () => {
    const viaController = await expressAccount(t, false);
    expect(viaController).toMatchObject({
      type: "express",
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
    });
    expect(viaController.controller?.stripe_dashboard?.type).toBe("express");
    expect(viaController.requirements?.currently_due).toContain("external_account");
    expect(viaController.requirements?.disabled_reason).toBe("requirements.past_due");
    const viaType = await t.stripe.accounts.create({ type: "express" });
    expect(viaType.controller?.stripe_dashboard?.type).toBe("express");
    const both = await rejects(
      t.stripe.accounts.create({ type: "express", controller: { stripe_dashboard: { type: "express" } } }),
    );
    expect(both.param).toBe("controller");
  });

  it("retrieves, updates (account.updated with previous_attributes) and lists", async () => {
    const acct = await expressAccount(t, false);
    const updated = await t.stripe.accounts.update(acct.id, {
      business_profile: { name: "Shop", url: "https://shop.example.com", mcc: "5734" },
      metadata: { user: "u1" },
    });
    expect(updated.business_profile?.name).toBe("Shop");
    expect((await t.stripe.accounts.retrieve(acct.id)).metadata).toEqual({ user: "u1" });
    const events = await t.control<{ data: Stripe.Event[] }>(
      `/_emulator/events?account=${acct.id}&type=account.updated`,
    );
    const previous = events.data[0]?.data.previous_attributes as Partial<Stripe.Account>;
    expect(previous.business_profile?.name).toBeNull();
    expect(events.data[0]?.account).toBe(acct.id);
    const list = await t.stripe.accounts.list({ limit: 100 });
    expect(list.data.map((a) => a.id)).toContain(acct.id);
    expect(list.data.map((a) => a.id)).not.toContain("acct_emulator_platform");
  });

  it("onboarding enables charges; requirements made due again disable them", async () => {
    const acct = await expressAccount(t);
    expect(acct).toMatchObject({ charges_enabled: true, payouts_enabled: true, details_submitted: true });
    expect(acct.capabilities?.card_payments).toBe("active");
    const restricted = await t.control<Stripe.Account>(`/_emulator/accounts/${acct.id}/requirements`, {
      currently_due: ["individual.verification.document"],
    });
    expect(restricted.charges_enabled).toBe(false);
    expect(restricted.requirements?.currently_due).toEqual(["individual.verification.document"]);
  });

  it("login links exist for Express accounts only", async () => {
    const express = await expressAccount(t);
    const link = await t.stripe.accounts.createLoginLink(express.id);
    expect(link.url).toContain("/_emulator/hosted/express/");
    expect((await fetch(link.url)).status).toBe(200);
    const standard = await t.stripe.accounts.create({ type: "standard" });
    const err = await rejects(t.stripe.accounts.createLoginLink(standard.id));
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain("Express");
  });
});

describe("account links", () => {
  const urls = {
    refresh_url: "http://localhost:3000/onboarding/refresh",
    return_url: "http://localhost:3000/onboarding/return",
  };

  it("opens the hosted page once; submitting completes onboarding and returns", async () => {
    const acct = await expressAccount(t, false);
    const link = await t.stripe.accountLinks.create({
      account: acct.id,
      type: "account_onboarding",
      ...urls,
    });
    expect(link.expires_at - link.created).toBe(300);
    const page = await fetch(link.url, { redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<form");
    // The link is spent: opening it again goes to refresh_url.
    const again = await fetch(link.url, { redirect: "manual" });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(urls.refresh_url);
    const submit = await fetch(`${link.url}/submit`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "business_name=Shop&first_name=Ada&last_name=Lovelace&dob=1990-02-03",
    });
    expect(submit.status).toBe(303);
    expect(submit.headers.get("location")).toBe(urls.return_url);
    expect((await t.stripe.accounts.retrieve(acct.id)).charges_enabled).toBe(true);
  });

  it("expires after 300 s of emulator clock and then redirects to refresh_url", async () => {
    const acct = await expressAccount(t, false);
    const link = await t.stripe.accountLinks.create({
      account: acct.id,
      type: "account_onboarding",
      ...urls,
    });
    await t.control("/_emulator/clock/advance", { seconds: 301 });
    const res = await fetch(link.url, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(urls.refresh_url);
  });

  it("validates its parameters like Stripe", async () => {
    const acct = await expressAccount(t, false);
    expect(
      (await rejects(t.stripe.accountLinks.create({ account: acct.id, type: "account_update", ...urls })))
        .param,
    ).toBe("type");
    expect(
      (
        await rejects(
          t.stripe.accountLinks.create({ account: "acct_nope", type: "account_onboarding", ...urls }),
        )
      ).code,
    ).toBe("resource_missing");
  });
});

describe("account sessions", () => {
  it("refuses unknown components and features with param set", async () => {
    const acct = await expressAccount(t);
    const comp = await rejects(
      t.stripe.accountSessions.create({
        account: acct.id,
        components: { bogus: { enabled: true } } as never,
      }),
    );
    expect(comp.param).toBe("components[bogus]");
    expect(comp.message).toBe("Received unknown parameter: components[bogus]");
    const feat = await rejects(
      t.stripe.accountSessions.create({
        account: acct.id,
        components: { payouts: { enabled: true, features: { teleport: true } } } as never,
      }),
    );
    expect(feat.param).toBe("components[payouts][features][teleport]");
  });

  it("gives a client secret that Connect.js can claim until it expires", async () => {
    const acct = await expressAccount(t);
    const session = await t.stripe.accountSessions.create({
      account: acct.id,
      components: {
        payments: { enabled: true, features: { refund_management: false } },
        payouts: { enabled: true },
      },
    });
    // Platform-liable Express account: payout features default to false (AccountSessionCreateParams docs).
    expect(session.components.payouts.features.standard_payouts).toBe(false);
    const claim = () =>
      t.control<{ account?: Stripe.Account; error?: { code: string } }>(
        "/_emulator/browser/account_sessions/claim",
        { client_secret: session.client_secret },
      );
    expect((await claim()).account?.id).toBe(acct.id);
    // A feature turned off is refused by the component endpoints.
    const refund = await t.control<{ error?: { code: string } }>("/_emulator/browser/connect/refunds", {
      client_secret: session.client_secret,
      component: "payments",
      charge: "ch_x",
    });
    expect(refund.error?.code).toBe("feature_not_enabled");
    const notEnabled = await t.control<{ error?: { code: string } }>(
      `/_emulator/browser/connect/balance?client_secret=${session.client_secret}&component=balances`,
    );
    expect(notEnabled.error?.code).toBe("component_not_enabled");
    await t.control("/_emulator/clock/advance", { seconds: 31 * 60 });
    expect((await claim()).error?.code).toBe("account_session_expired");
  });
});
