import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ConnectOutcomeMessage } from "@/components/dashboard/connect-outcome";
import { insertAccountForUser } from "@/db/queries/connected-accounts";
import { accountStatusFromStripe } from "@/lib/connect/account-status";
import type { OAuthOutcome } from "@/lib/connect/oauth";
import { env } from "@/lib/env";
import {
  call,
  deauthorizationsOf,
  decideOnStripe,
  emulatorAccountByEmail,
  finishOAuth,
  OAUTH_START_PATH,
  rowFor,
  sellerWithExpressAccount,
  startOAuthFlow,
} from "@/tests/helpers/connect";
import { control, testStripe } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import { GET as start } from "@/app/api/connect/oauth/start/route";

/*
 * Every way the OAuth callback can end without connecting, each with the message the dashboard shows
 * and proof that nothing was stored (and, where it matters, what happened at Stripe).
 */

function shown(outcome: string | null): string {
  return renderToStaticMarkup(createElement(ConnectOutcomeMessage, { outcome: outcome as OAuthOutcome }));
}

function uniqueEmail(tag: string): string {
  return `${tag}-${randomUUID().slice(0, 8)}@test.example`;
}

/** Runs `run` as if STRIPE_CONNECT_CLIENT_ID were not configured (offline mode always has one). */
async function withoutConnectClientId<T>(run: () => Promise<T>): Promise<T> {
  const saved = env.stripeConnectClientId;
  Reflect.set(env, "stripeConnectClientId", undefined);
  try {
    return await run();
  } finally {
    Reflect.set(env, "stripeConnectClientId", saved);
  }
}

beforeAll(() => {
  // The failures below are logged on purpose; keep the test output readable.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("OAuth callback: the code exchange fails", () => {
  it("an unknown code: failed, nothing stored", async () => {
    const seller = await createTestUser("seller");
    const started = await startOAuthFlow(seller);
    const query = await decideOnStripe(started, "connect");
    query.set("code", "ac_never_issued_by_stripe");
    const res = await finishOAuth(seller, query, started.cookie);
    expect(res.status).toBe(303);
    expect(res.outcome).toBe("failed");
    expect(shown(res.outcome)).toMatch(/Stripe could not complete the connection\. Nothing was saved/);
    expect(res.headers.get("set-cookie")).toMatch(/connect_oauth_state=;.*Max-Age=0/);
    expect(await rowFor(seller)).toBeUndefined();
  });

  it("a code already spent: failed, nothing stored", async () => {
    const seller = await createTestUser("seller");
    const started = await startOAuthFlow(seller);
    const query = await decideOnStripe(started, "connect");
    await testStripe().oauth.token({ grant_type: "authorization_code", code: query.get("code") ?? "" });
    expect((await finishOAuth(seller, query, started.cookie)).outcome).toBe("failed");
    expect(await rowFor(seller)).toBeUndefined();
  });

  it("Stripe failing (500 on every try): failed, nothing stored, and the code is left unspent", async () => {
    const seller = await createTestUser("seller");
    const started = await startOAuthFlow(seller);
    const query = await decideOnStripe(started, "connect");
    // Three failures: the request and both SDK retries (so the fault is used up, nothing lingers).
    const fault = await control<{ id: string }>("/faults", {
      path: "^/oauth/token$",
      method: "POST",
      count: 3,
      kind: "500",
    });
    expect((await finishOAuth(seller, query, started.cookie)).outcome).toBe("failed");
    const left = await control<{ data: { id: string }[] }>("/faults");
    expect(left.data.map((f) => f.id)).not.toContain(fault.id);
    expect(await rowFor(seller)).toBeUndefined();
    // Stripe never applied the exchange: the code still works (the seller can simply try again).
    const token = await testStripe().oauth.token({
      grant_type: "authorization_code",
      code: query.get("code") ?? "",
    });
    expect(token.stripe_user_id).toMatch(/^acct_/);
  });

  it("no code and no error in a verified callback: failed, nothing stored", async () => {
    const seller = await createTestUser("seller");
    const started = await startOAuthFlow(seller);
    const query = await decideOnStripe(started, "connect");
    query.delete("code");
    expect((await finishOAuth(seller, query, started.cookie)).outcome).toBe("failed");
    query.set("error", "invalid_scope");
    expect((await finishOAuth(seller, query, started.cookie)).outcome).toBe("failed");
    expect(await rowFor(seller)).toBeUndefined();
  });
});

describe("OAuth callback: the account cannot be attached", () => {
  it("taken: the Stripe account is seller B's; nothing reaches B's row and A is told why", async () => {
    const sellerA = await createTestUser("seller");
    const sellerB = await createTestUser("seller");
    const email = uniqueEmail("shared");
    const started = await startOAuthFlow(sellerA);
    const query = await decideOnStripe(started, "connect", email);
    // The same Stripe account was connected by seller B earlier.
    const shared = await emulatorAccountByEmail(email);
    if (!shared) throw new Error("the authorize page made no account");
    expect(shared.type).toBe("standard");
    const bRow = await insertAccountForUser({
      userId: sellerB.id,
      stripeAccountId: shared.id,
      status: accountStatusFromStripe(shared),
      stripeStateAt: Math.floor(Date.now() / 1000) - 60,
    });

    const res = await finishOAuth(sellerA, query, started.cookie);
    expect(res.outcome).toBe("taken");
    expect(shown(res.outcome)).toMatch(/already connected to another seller.*Nothing was saved/);
    expect(await rowFor(sellerA)).toBeUndefined();
    expect(await rowFor(sellerB)).toEqual(bRow);
    // B's connection to the platform is left alone: no deauthorization.
    expect(await deauthorizationsOf(shared.id)).toHaveLength(0);
  });

  it("already_connected: onboarding finished while the seller was on Stripe; the new authorization is given back", async () => {
    const seller = await createTestUser("seller");
    const express = await sellerWithExpressAccount(seller);
    const email = uniqueEmail("second");
    const started = await startOAuthFlow(seller); // allowed: the Express account is not onboarded yet
    const query = await decideOnStripe(started, "connect", email);
    await control(`/accounts/${express.stripeAccountId}/onboard`, {});
    const onboarded = await sellerWithExpressAccount(seller, { onboarded: true });
    expect(onboarded.detailsSubmitted).toBe(true);

    const res = await finishOAuth(seller, query, started.cookie);
    expect(res.outcome).toBe("already_connected");
    expect(shown(res.outcome)).toMatch(
      /already have a Stripe account on this platform, so nothing was changed/,
    );
    expect(await rowFor(seller)).toEqual(onboarded);
    const standard = await emulatorAccountByEmail(email);
    expect(await deauthorizationsOf(standard?.id ?? "")).toHaveLength(1);
    // The working Express account is untouched at Stripe.
    expect((await testStripe().accounts.retrieve(express.stripeAccountId)).details_submitted).toBe(true);
  });

  it("already_connected: a second device completes after the first one connected", async () => {
    const seller = await createTestUser("seller");
    const first = await startOAuthFlow(seller);
    const second = await startOAuthFlow(seller);
    const secondEmail = uniqueEmail("device2");
    const firstQuery = await decideOnStripe(first, "connect");
    const secondQuery = await decideOnStripe(second, "connect", secondEmail);
    expect((await finishOAuth(seller, firstQuery, first.cookie)).outcome).toBe("connected");
    const connected = await rowFor(seller);

    expect((await finishOAuth(seller, secondQuery, second.cookie)).outcome).toBe("already_connected");
    expect(await rowFor(seller)).toEqual(connected);
    const extra = await emulatorAccountByEmail(secondEmail);
    expect(extra?.id).not.toBe(connected?.stripeAccountId);
    expect(await deauthorizationsOf(extra?.id ?? "")).toHaveLength(1);
    expect(await deauthorizationsOf(connected?.stripeAccountId ?? "")).toHaveLength(0);
  });
});

describe("no Connect client id configured", () => {
  it("start answers 409 with a readable JSON error, sets no cookie and stores nothing", async () => {
    const seller = await createTestUser("seller");
    const res = await withoutConnectClientId(() => call(start, seller, OAUTH_START_PATH));
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: {
        code: "conflict:oauth",
        message: expect.stringMatching(/not available on this platform yet/) as string,
      },
    });
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("location")).toBeNull();
    expect(await rowFor(seller)).toBeUndefined();
    // Configured again, the same seller can start.
    expect((await startOAuthFlow(seller)).authorize.searchParams.get("client_id")).toBe("ca_emulator");
  });
});
