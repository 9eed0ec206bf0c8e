import Stripe from "stripe";
import { describe, expect, it } from "vitest";

import { expressAccount, rejects, emulatorForFile } from "./helpers";

const t = emulatorForFile();

describe("OAuth (Standard accounts)", () => {
  const redirectUri = "http://localhost:3000/api/connect/oauth/callback";
  const authorizeUrl = (state: string) =>
    `${t.url}/oauth/authorize?response_type=code&client_id=ca_emulator&scope=read_write&redirect_uri=${encodeURIComponent(redirectUri)}&state=${encodeURIComponent(state)}`;
  const decide = (decision: string, state: string) =>
    fetch(`${t.url}/oauth/authorize/decision`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        decision,
        client_id: "ca_emulator",
        scope: "read_write",
        redirect_uri: redirectUri,
        state,
        email: "std@example.com",
      }).toString(),
    });

  it("shows the authorize page and refuses a bad client_id", async () => {
    const page = await fetch(authorizeUrl("s1"));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Connect");
    expect(html).toContain("Deny");
    expect((await fetch(authorizeUrl("s1").replace("ca_emulator", "bogus"))).status).toBe(400);
  });

  it("Connect returns a code and the state exactly as sent; the code is exchanged once for a Standard account", async () => {
    const state = "csrf-<token>&x=1";
    const res = await decide("connect", state);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get("state")).toBe(state);
    // The state is encoded, not pasted: its "&x=1" must not turn into a parameter of its own.
    expect(location.searchParams.get("x")).toBeNull();
    expect([...location.searchParams.keys()].sort()).toEqual(["code", "scope", "state"]);
    const code = location.searchParams.get("code") ?? "";
    const token = await t.stripe.oauth.token({ grant_type: "authorization_code", code });
    expect(token.stripe_user_id).toMatch(/^acct_/);
    const account = await t.stripe.accounts.retrieve(token.stripe_user_id as string);
    expect(account).toMatchObject({ type: "standard", charges_enabled: true });
    expect(account.controller?.stripe_dashboard?.type).toBe("full");
    const reuse = await rejects(t.stripe.oauth.token({ grant_type: "authorization_code", code }));
    expect(reuse).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
    const events = await t.control<{ data: Stripe.Event[] }>(
      `/_emulator/events?account=${token.stripe_user_id}&type=account.application.authorized`,
    );
    expect(events.data).toHaveLength(1);

    // The access token acts as the connected account, like Stripe-Account.
    const asSeller = new Stripe(token.access_token as string, {
      host: "127.0.0.1",
      port: t.emu.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    const pi = await asSeller.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      application_fee_amount: 50,
    });
    expect(
      (await t.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: token.stripe_user_id as string }))
        .id,
    ).toBe(pi.id);

    const deauth = await t.stripe.oauth.deauthorize({
      client_id: "ca_emulator",
      stripe_user_id: token.stripe_user_id,
    });
    expect(deauth.stripe_user_id).toBe(token.stripe_user_id);
    const after = await rejects(
      t.stripe.paymentIntents.list({}, { stripeAccount: token.stripe_user_id as string }),
    );
    expect(after.statusCode).toBe(403);
    const deauthEvents = await t.control<{ data: Stripe.Event[] }>(
      `/_emulator/events?account=${token.stripe_user_id}&type=account.application.deauthorized`,
    );
    expect(deauthEvents.data).toHaveLength(1);
  });

  it("Deny redirects with access_denied and the state; an unknown code is invalid_grant", async () => {
    const res = await decide("deny", "s2");
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("s2");
    expect(
      await rejects(t.stripe.oauth.token({ grant_type: "authorization_code", code: "ac_unknown" })),
    ).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
  });

  it("events are readable through /v1/events with the same scoping", async () => {
    const seller = await expressAccount(t);
    const list = await t.stripe.events.list({ type: "account.updated" }, { stripeAccount: seller.id });
    expect(list.data.length).toBeGreaterThan(0);
    expect(list.data.every((e) => e.account === seller.id)).toBe(true);
    expect(
      (await t.stripe.events.retrieve(list.data[0]?.id as string, {}, { stripeAccount: seller.id })).type,
    ).toBe("account.updated");
  });
});
