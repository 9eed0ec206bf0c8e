import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { isAppError } from "@/lib/errors";
import { emulatorUrl, testStripe } from "@/test/helpers/emulator";
import {
  createFakeAccount,
  createFakeAccountSession,
  createFakePaymentIntent,
  stripeFakesEnabled,
} from "./stripe-fakes";

const stripe = testStripe();

/** What Connect.js does with an Account Session's secret: claim it, and learn what it opens. */
async function claim(clientSecret: string) {
  const res = await fetch(`${emulatorUrl()}/_emulator/browser/account_sessions/claim`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer pk_test_emulator_platform" },
    body: JSON.stringify({ client_secret: clientSecret }),
  });
  return (await res.json()) as { account: { id: string }; components: Record<string, { enabled: boolean; features: Record<string, boolean> }> };
}

describe("stripeFakesEnabled", () => {
  it("is on only offline with the emulator's key, never with a real (even test) key", () => {
    expect(stripeFakesEnabled()).toBe(true); // the test run is offline
    expect(stripeFakesEnabled({ stripeMode: "offline" })).toBe(true);
    expect(stripeFakesEnabled({ stripeMode: "offline", STRIPE_SECRET_KEY: "sk_test_emulator_platform" })).toBe(true);
    expect(stripeFakesEnabled({ stripeMode: "keys", STRIPE_SECRET_KEY: "sk_test_51Abc" })).toBe(false);
    expect(stripeFakesEnabled({ stripeMode: "keys", STRIPE_SECRET_KEY: "sk_live_51Abc" })).toBe(false);
  });
});

describe("stripe fakes against the emulator", () => {
  it("creates an onboarded Express account with one seeded charge, and a retried request replays", async () => {
    const requestId = randomUUID();
    const { account } = await createFakeAccount({ onboarded: true, charge: true }, requestId);
    const retried = await createFakeAccount({ onboarded: true, charge: true }, requestId);
    expect(retried.account).toBe(account);

    const acct = await stripe.accounts.retrieve(account);
    expect(acct).toMatchObject({ type: "express", charges_enabled: true });
    const charges = await stripe.paymentIntents.list({ limit: 10 }, { stripeAccount: account });
    expect(charges.data.map((pi) => [pi.amount, pi.status])).toEqual([[4200, "succeeded"]]);

    // A new request is a new account.
    expect((await createFakeAccount({})).account).not.toBe(account);
  });

  it("creates a direct charge PaymentIntent on the account with the platform fee, once per request", async () => {
    const { account } = await createFakeAccount({ onboarded: true });
    const requestId = randomUUID();
    const pi = await createFakePaymentIntent({ account, amount: 2500 }, requestId);
    expect(pi.clientSecret).toMatch(new RegExp(`^${pi.id}_secret_`));
    expect((await createFakePaymentIntent({ account, amount: 2500 }, requestId)).id).toBe(pi.id);

    const onAccount = await stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: account });
    expect(onAccount).toMatchObject({ amount: 2500, currency: "usd", application_fee_amount: 155 });
    // Direct charge: the platform itself has no such PaymentIntent.
    await expect(stripe.paymentIntents.retrieve(pi.id)).rejects.toMatchObject({ code: "resource_missing" });
  });

  it("creates Account Sessions with every component, or payments without refunds", async () => {
    const { account } = await createFakeAccount({ onboarded: true });
    const all = await claim((await createFakeAccountSession({ account, session: "all" })).clientSecret);
    expect(all.account.id).toBe(account);
    expect(all.components.payments).toMatchObject({ enabled: true, features: { refund_management: true } });
    expect(all.components.payouts).toMatchObject({ enabled: true, features: { edit_payout_schedule: true } });

    const limited = await claim((await createFakeAccountSession({ account, session: "limited" })).clientSecret);
    expect(limited.components.payments).toMatchObject({ enabled: true, features: { refund_management: false } });
    expect(limited.components.payouts?.enabled ?? false).toBe(false);
  });

  it("answers a Stripe failure with a generic AppError and logs Stripe's message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const error = await createFakePaymentIntent({ account: "acct_doesnotexist000" }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("stripe:stripe_fakes");
    expect(isAppError(error) && error.status).toBe(502);
    expect((error as Error).message).not.toMatch(/acct_doesnotexist000/);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
