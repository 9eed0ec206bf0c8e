/**
 * The fakes harness the emulator serves itself (`/_emulator/harness/`): the page, its bundled React app,
 * and its keyless API, which only ever acts on accounts the harness created.
 * (The page running in a browser is e2e/stripe-fakes.spec.ts.)
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { expressAccount, startTestEmulator, emulatorForFile } from "./helpers";

const t = emulatorForFile();

type ApiAnswer = {
  status: number;
  body: Record<string, unknown> & { error?: { code?: string; message: string } };
};

/** A harness API call as the page makes it: no key, JSON body. */
async function api(
  body: unknown,
  init: { headers?: Record<string, string>; query?: string } = {},
): Promise<ApiAnswer> {
  const res = await fetch(`${t.url}/_emulator/harness/api${init.query ?? ""}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as ApiAnswer["body"] };
}

type Counts = { counts: Record<string, number> };
const counts = async () => (await t.control<Counts>("/_emulator/state")).counts;
const sessionCount = () => Object.keys(t.emu.emulator.store.accountSessions).length;

describe("the harness page", () => {
  it("serves the shell loading the fakes and the app from the emulator itself, without a key", async () => {
    for (const query of [
      "",
      "?view=payment&flow=deferred&stripeAccount=0",
      "?view=connect&session=limited",
    ]) {
      const res = await fetch(`${t.url}/_emulator/harness/${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await res.text();
      const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts).toEqual(["/js/stripe.js", "/js/connect.js", "/_emulator/harness/app.js"]);
      expect(html).toContain('data-publishable-key="pk_test_');
    }
    const payment = await (await fetch(`${t.url}/_emulator/harness/?view=payment`)).text();
    expect(payment).toContain("<title>Fake Stripe.js: Payment Element</title>");
  });

  it("answers the address without a trailing slash with a redirect, keeping the query", async () => {
    const res = await fetch(`${t.url}/_emulator/harness?view=connect&seeded=1`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/_emulator/harness/?view=connect&seeded=1");
  });

  it("escapes what it echoes", async () => {
    const html = await (await fetch(`${t.url}/_emulator/harness/?view=<script>alert(1)</script>`)).text();
    expect(html).not.toContain("<script>alert(1)</script>");
  });

  it("serves app.js: the React app bundled with the real @stripe loaders", async () => {
    const res = await fetch(`${t.url}/_emulator/harness/app.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    const js = await res.text();
    expect(js.length).toBeGreaterThan(50_000);
    expect(js).toContain("/_emulator/harness/");
    // React in production mode, no Node globals left.
    expect(js).not.toMatch(/process\.env\.NODE_ENV/);
    // The real loaders: they look for window.Stripe / window.StripeConnect before injecting Stripe's scripts.
    expect(js).toContain("https://js.stripe.com");
    expect(js).toContain("connect-js.stripe.com");
    // The second request comes from the cache, identical.
    expect(await (await fetch(`${t.url}/_emulator/harness/app.js`)).text()).toBe(js);
  }, 60_000);
});

describe("the harness API", () => {
  it("creates an onboarded account with a seeded charge, labelled as the harness's", async () => {
    const created = await api({ action: "account", onboarded: true, charge: true });
    expect(created.status).toBe(200);
    const id = created.body.account as string;
    expect(id).toMatch(/^acct_/);
    const account = await t.stripe.accounts.retrieve(id);
    expect(account.metadata).toMatchObject({ emulator_harness: "true" });
    expect(account.charges_enabled).toBe(true);
    const pis = await t.stripe.paymentIntents.list({}, { stripeAccount: id });
    expect(pis.data.map((pi) => [pi.amount, pi.status])).toEqual([[4200, "succeeded"]]);

    const plain = await api({ action: "account" });
    expect(plain.status).toBe(200);
    const fresh = await t.stripe.accounts.retrieve(plain.body.account as string);
    expect(fresh.charges_enabled).toBe(false);
  });

  it("creates a direct-charge PaymentIntent and Account Sessions for its own accounts", async () => {
    const { body } = await api({ action: "account", onboarded: true });
    const account = body.account as string;

    const pi = await api({ action: "payment_intent", account, amount: 2500 });
    expect(pi.status).toBe(200);
    expect(pi.body.id).toMatch(/^pi_/);
    expect(pi.body.clientSecret).toMatch(new RegExp(`^${pi.body.id as string}_secret_`));
    const retrieved = await t.stripe.paymentIntents.retrieve(
      pi.body.id as string,
      {},
      { stripeAccount: account },
    );
    expect(retrieved).toMatchObject({ amount: 2500, currency: "usd", application_fee_amount: 155 });
    const manual = await api({ action: "payment_intent", account, captureMethod: "manual" });
    expect(manual.status).toBe(200);
    const manualPi = await t.stripe.paymentIntents.retrieve(
      manual.body.id as string,
      {},
      { stripeAccount: account },
    );
    expect(manualPi.capture_method).toBe("manual");

    const all = await api({ action: "account_session", account, session: "all" });
    expect(all.status).toBe(200);
    const claimAll = await claim(all.body.clientSecret as string);
    expect(claimAll.status).toBe(200);
    const components = claimAll.body.components as Stripe.AccountSession.Components;
    expect(components.payouts).toMatchObject({ enabled: true, features: { edit_payout_schedule: true } });
    expect(components.payments.features.refund_management).toBe(true);

    const limited = await api({ action: "account_session", account, session: "limited" });
    const limitedComponents = (await claim(limited.body.clientSecret as string)).body
      .components as Stripe.AccountSession.Components;
    expect(limitedComponents.payouts.enabled).toBe(false);
    expect(limitedComponents.payments).toMatchObject({
      enabled: true,
      features: { refund_management: false },
    });
  });

  it("makes an expired session without moving the emulator's clock", async () => {
    const { body } = await api({ action: "account" });
    const before = await t.control<{ clock_offset: number }>("/_emulator/state");
    const expired = await api({ action: "account_session", account: body.account, session: "expired" });
    expect(expired.status).toBe(200);
    const claimed = await claim(expired.body.clientSecret as string);
    expect(claimed.status).toBe(400);
    expect(claimed.body.error?.code).toBe("account_session_expired");
    const after = await t.control<{ clock_offset: number }>("/_emulator/state");
    expect(after.clock_offset).toBe(before.clock_offset);
    // Other sessions are untouched.
    const fresh = await api({ action: "account_session", account: body.account });
    expect((await claim(fresh.body.clientSecret as string)).status).toBe(200);
  });

  it("refuses to act on an account it did not create, and creates nothing", async () => {
    const seller = await expressAccount(t);
    const platform = "acct_emulator_platform";
    const before = await counts();
    const sessionsBefore = sessionCount();
    for (const account of [seller.id, platform, "acct_doesnotexist"]) {
      const pi = await api({ action: "payment_intent", account, amount: 5000 });
      expect(pi.status).toBe(404);
      expect(pi.body.error?.code).toBe("harness_account_unknown");
      expect(pi.body).not.toHaveProperty("clientSecret");
      for (const session of ["all", "limited", "expired"]) {
        const s = await api({ action: "account_session", account, session });
        expect(s.status).toBe(404);
        expect(s.body.error?.code).toBe("harness_account_unknown");
      }
    }
    // The seller's own id and an unknown id get the very same answer (no oracle for account ids).
    const a = await api({ action: "account_session", account: seller.id });
    const b = await api({ action: "account_session", account: "acct_doesnotexist" });
    expect(a.body.error?.message.replace(seller.id, "X")).toBe(
      b.body.error?.message.replace("acct_doesnotexist", "X"),
    );
    expect(await counts()).toEqual(before);
    expect(sessionCount()).toBe(sessionsBefore);
    expect((await t.stripe.paymentIntents.list({}, { stripeAccount: seller.id })).data).toHaveLength(0);
  });

  it("does not trust the metadata label alone: a seller tagged by hand is still refused", async () => {
    const seller = await expressAccount(t);
    await t.stripe.accounts.update(seller.id, { metadata: { emulator_harness: "true" } });
    const res = await api({ action: "account_session", account: seller.id, session: "all" });
    expect(res.status).toBe(404);
  });

  it("forgets its accounts on reset", async () => {
    const local = await startTestEmulator();
    try {
      const call = async (body: unknown) => {
        const res = await fetch(`${local.url}/_emulator/harness/api`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as { account?: string } };
      };
      const { account } = (await call({ action: "account" })).body;
      expect((await call({ action: "account_session", account })).status).toBe(200);
      await local.control("/_emulator/reset", {});
      expect((await call({ action: "account_session", account })).status).toBe(404);
    } finally {
      await local.close();
    }
  });

  it("answers bad input with a clear 400 and creates nothing", async () => {
    const { body } = await api({ action: "account" });
    const account = body.account as string;
    const before = await counts();
    const cases: Array<[unknown, string]> = [
      [{}, "action"],
      [{ action: "refund" }, "action"],
      [{ action: 7 }, "action"],
      [{ action: "account", onboarded: "yes" }, "onboarded"],
      [{ action: "account", charge: 1 }, "charge"],
      [{ action: "account", account }, "account"],
      [{ action: "payment_intent" }, "account"],
      [{ action: "payment_intent", account: 42 }, "account"],
      [{ action: "payment_intent", account: "cus_123" }, "account"],
      [{ action: "payment_intent", account, amount: "2500" }, "amount"],
      [{ action: "payment_intent", account, amount: 12.5 }, "amount"],
      [{ action: "payment_intent", account, amount: 10 }, "amount"],
      [{ action: "payment_intent", account, amount: 100_000_000 }, "amount"],
      [{ action: "payment_intent", account, currency: "eur" }, "currency"],
      [{ action: "payment_intent", account, captureMethod: "later" }, "captureMethod"],
      [{ action: "payment_intent", account, captureMethod: true }, "captureMethod"],
      [{ action: "account_session", account, session: "forever" }, "session"],
      [{ action: "account_session", account, session: ["all"] }, "session"],
      [{ action: "account_session", account, components: { payouts: { enabled: true } } }, "components"],
    ];
    for (const [input, param] of cases) {
      const res = await api(input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.body.error, JSON.stringify(input)).toMatchObject({ type: "invalid_request_error", param });
      expect(res.body.error?.message).toBeTruthy();
    }
    // Not JSON, a JSON array, form encoding, parameters in the query string.
    expect((await api("{not json")).status).toBe(400);
    expect((await api([{ action: "account" }])).status).toBe(400);
    expect(
      (await api("action=account", { headers: { "content-type": "application/x-www-form-urlencoded" } }))
        .status,
    ).toBe(400);
    expect(
      (await api("", { query: "?action=account", headers: { "content-type": "text/plain" } })).status,
    ).toBe(400);
    expect((await api({}, { query: "?action=account" })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("refuses calls from another origin", async () => {
    const before = await counts();
    const res = await api({ action: "account" }, { headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe("origin_not_allowed");
    expect(await counts()).toEqual(before);
    // Its own page's origin is fine.
    expect((await api({ action: "account" }, { headers: { origin: t.url } })).status).toBe(200);
  });
});

async function claim(clientSecret: string): Promise<ApiAnswer> {
  const res = await fetch(`${t.url}/_emulator/browser/account_sessions/claim`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_secret: clientSecret }),
  });
  return { status: res.status, body: (await res.json()) as ApiAnswer["body"] };
}
