/**
 * Connect OAuth accepts only the platform's registration, as Stripe's Connect OAuth reference describes
 * (docs.stripe.com/connect/oauth-reference): "For security purposes, Stripe redirects a user only to a
 * predefined URI" — a `redirect_uri` must be one of the URIs added in the platform's settings, and "if no
 * redirect_uri is set, the first URI in the list is used". Only the platform's own `client_id` works, on
 * the authorize page and at `/oauth/deauthorize` (the SDK raises StripeInvalidClientError).
 */
import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorOptions } from "../src/server";
import { rejects, startTestEmulator, type TestEmulator } from "./helpers";

const CALLBACK = "http://localhost:3000/api/connect/oauth/callback";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(opts: EmulatorOptions = {}): Promise<TestEmulator> {
  const t = await startTestEmulator(opts);
  cleanups.push(() => t.close());
  return t;
}

function authorize(t: TestEmulator, query: Record<string, string>): Promise<Response> {
  const q = new URLSearchParams({ response_type: "code", scope: "read_write", state: "s", ...query });
  return fetch(`${t.url}/oauth/authorize?${q.toString()}`, { redirect: "manual" });
}

function decide(t: TestEmulator, form: Record<string, string>): Promise<Response> {
  return fetch(`${t.url}/oauth/authorize/decision`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ decision: "connect", scope: "read_write", state: "s", ...form }).toString(),
  });
}

async function accountCount(t: TestEmulator): Promise<number> {
  return (await t.control<{ counts: { accounts: number } }>("/_emulator/state")).counts.accounts;
}

/** Connects a Standard account through the registered client and redirect URI; returns its id. */
async function connect(t: TestEmulator): Promise<string> {
  const res = await decide(t, { client_id: "ca_emulator", redirect_uri: CALLBACK });
  const code = new URL(res.headers.get("location") ?? "").searchParams.get("code") ?? "";
  return (await t.stripe.oauth.token({ grant_type: "authorization_code", code })).stripe_user_id as string;
}

describe("OAuth authorize: only registered redirect URIs and the platform's client_id", () => {
  it("accepts the app's callback on the default origins (localhost and 127.0.0.1)", async () => {
    const t = await setup();
    for (const uri of [CALLBACK, "http://127.0.0.1:3000/api/connect/oauth/callback"]) {
      expect((await authorize(t, { client_id: "ca_emulator", redirect_uri: uri })).status).toBe(200);
    }
  });

  it("refuses a foreign redirect_uri on its own page: no redirect, no code, no account", async () => {
    const t = await setup();
    const before = await accountCount(t);
    for (const uri of [
      "https://evil.example/api/connect/oauth/callback",
      `${CALLBACK}/extra`,
      `${CALLBACK}?x=1`,
    ]) {
      const page = await authorize(t, { client_id: "ca_emulator", redirect_uri: uri });
      expect(page.status).toBe(400);
      expect(page.headers.get("location")).toBeNull();
      expect(await page.text()).toContain("invalid_redirect_uri");
      // The page's form cannot be forged into a redirect either.
      const forged = await decide(t, { client_id: "ca_emulator", redirect_uri: uri });
      expect(forged.status).toBe(400);
      expect(forged.headers.get("location")).toBeNull();
    }
    expect(await accountCount(t)).toBe(before);
  });

  it("refuses any client_id but the platform's, even one shaped like ca_…", async () => {
    const t = await setup();
    const page = await authorize(t, { client_id: "ca_someone_else", redirect_uri: CALLBACK });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("invalid_client");
    const forged = await decide(t, { client_id: "ca_someone_else", redirect_uri: CALLBACK });
    expect(forged.status).toBe(400);
    expect(forged.headers.get("location")).toBeNull();
  });

  it("without redirect_uri, uses the first registered URI", async () => {
    const t = await setup({
      oauthRedirectUris: ["https://market.example/cb", "https://market.example/other"],
    });
    const res = await decide(t, { client_id: "ca_emulator" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe("https://market.example/cb");
    expect(location.searchParams.get("code")).toMatch(/^ac_/);
  });

  it("takes its registration from the options: another client id and URI, and the defaults no longer work", async () => {
    const t = await setup({ connectClientId: "ca_market", oauthRedirectUris: ["https://market.example/cb"] });
    expect(
      (await authorize(t, { client_id: "ca_market", redirect_uri: "https://market.example/cb" })).status,
    ).toBe(200);
    expect(
      (await authorize(t, { client_id: "ca_emulator", redirect_uri: "https://market.example/cb" })).status,
    ).toBe(400);
    expect((await authorize(t, { client_id: "ca_market", redirect_uri: CALLBACK })).status).toBe(400);
  });
});

describe("OAuth deauthorize: only the platform's client_id", () => {
  it("answers invalid_client for another client_id and leaves the connection in place", async () => {
    const t = await setup();
    const account = await connect(t);
    const foreign = await rejects(
      t.stripe.oauth.deauthorize({ client_id: "ca_someone_else", stripe_user_id: account }),
    );
    expect(foreign).toBeInstanceOf(Stripe.errors.StripeInvalidClientError);
    const events = await t.control<{ data: Stripe.Event[] }>(
      `/_emulator/events?account=${account}&type=account.application.deauthorized`,
    );
    expect(events.data).toHaveLength(0);
    const done = await t.stripe.oauth.deauthorize({ client_id: "ca_emulator", stripe_user_id: account });
    expect(done.stripe_user_id).toBe(account);
  });
});
