/**
 * Money rules Stripe enforces when a PaymentIntent is created or confirmed (issue 17, rules 2 and 5):
 * - docs.stripe.com/currencies "Minimum and maximum charge amounts": the amount must also convert to at
 *   least the minimum of the settlement currency (Stripe: "Amount must convert to at least 50 cents.
 *   A$0.50 converts to approximately $0.31."), at the emulator's fixed rates (src/resources/fx-rates.ts);
 * - API 2023-08-16 "automatic_payment_methods enabled by default": a server-side confirm of an intent
 *   whose payment methods may redirect needs `return_url`;
 * - docs.stripe.com/connect/account-capabilities: a connected account needs an active `card_payments`
 *   capability to take a card payment ("You cannot create a charge on a connected account without the
 *   `card_payments` capability enabled.").
 */
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expressAccount, rejects, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;
let us: Stripe.Account;
beforeAll(async () => {
  t = await startTestEmulator();
  us = await expressAccount(t);
});
afterAll(() => t.close());

async function onboardedAccount(country: string): Promise<Stripe.Account> {
  const account = await t.stripe.accounts.create({
    controller: {
      fees: { payer: "application" },
      losses: { payments: "application" },
      stripe_dashboard: { type: "express" },
    },
    country,
    capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
  });
  return t.control<Stripe.Account>(`/_emulator/accounts/${account.id}/onboard`, {});
}

const NO_REDIRECTS = { enabled: true, allow_redirects: "never" } as const;

describe("minimum charge amounts after conversion to the settlement currency (Stripe: Minimum and maximum charge amounts)", () => {
  it("a US account charging AUD 0.50 is refused amount_too_small: A$0.50 is less than $0.50", async () => {
    const err = await rejects(
      t.stripe.paymentIntents.create({ amount: 50, currency: "aud" }, { stripeAccount: us.id }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe("amount_too_small");
    expect(err.param).toBe("amount");
    expect(err.message).toBe(
      "Amount must convert to at least 50 cents. A$0.50 converts to approximately $0.31.",
    );
    expect((await t.stripe.paymentIntents.list({}, { stripeAccount: us.id })).data).toHaveLength(0);
  });

  it("the same account takes AUD once it converts to $0.50, and GBP 0.40 (≈ $0.50)", async () => {
    await expect(
      t.stripe.paymentIntents.create({ amount: 81, currency: "aud" }, { stripeAccount: us.id }),
    ).resolves.toMatchObject({ amount: 81, currency: "aud" });
    expect(
      (
        await rejects(
          t.stripe.paymentIntents.create({ amount: 80, currency: "aud" }, { stripeAccount: us.id }),
        )
      ).code,
    ).toBe("amount_too_small");
    await expect(
      t.stripe.paymentIntents.create({ amount: 40, currency: "gbp" }, { stripeAccount: us.id }),
    ).resolves.toMatchObject({ amount: 40 });
    // GBP 0.30 is Stripe's GBP minimum, but only $0.375 for a USD account.
    const pence = await rejects(
      t.stripe.paymentIntents.create({ amount: 30, currency: "gbp" }, { stripeAccount: us.id }),
    );
    expect(pence.message).toBe(
      "Amount must convert to at least 50 cents. £0.30 converts to approximately $0.38.",
    );
  });

  it("a direct charge settles in the connected account's currency: a GB account takes GBP 0.30, not CAD 0.50", async () => {
    const gb = await onboardedAccount("GB");
    expect(gb.default_currency).toBe("gbp");
    await expect(
      t.stripe.paymentIntents.create({ amount: 30, currency: "gbp" }, { stripeAccount: gb.id }),
    ).resolves.toMatchObject({ amount: 30 });
    // USD 0.50 ≈ £0.40 is fine; CAD 0.50 ≈ £0.28 is under the 30 pence minimum.
    await expect(
      t.stripe.paymentIntents.create({ amount: 50, currency: "usd" }, { stripeAccount: gb.id }),
    ).resolves.toMatchObject({ amount: 50 });
    const err = await rejects(
      t.stripe.paymentIntents.create({ amount: 50, currency: "cad" }, { stripeAccount: gb.id }),
    );
    expect(err.code).toBe("amount_too_small");
    expect(err.message).toBe(
      "Amount must convert to at least 30 pence. CA$0.50 converts to approximately £0.28.",
    );
  });

  it("updating an intent to an amount under the converted minimum is refused and changes nothing", async () => {
    const pi = await t.stripe.paymentIntents.create(
      { amount: 500, currency: "aud" },
      { stripeAccount: us.id },
    );
    const err = await rejects(
      t.stripe.paymentIntents.update(pi.id, { amount: 60 }, { stripeAccount: us.id }),
    );
    expect(err.code).toBe("amount_too_small");
    expect((await t.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: us.id })).amount).toBe(500);
  });
});

describe("server-side confirmation needs return_url when payment methods may redirect (Stripe: automatic_payment_methods, API 2023-08-16)", () => {
  const RETURN_URL_MESSAGE =
    "A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.";
  const on = () => ({ stripeAccount: us.id });

  it("confirm: true on create without return_url is refused and creates nothing; automatic payment methods are the default", async () => {
    const before = (await t.stripe.paymentIntents.list({ limit: 100 }, on())).data.length;
    for (const extra of [{}, { automatic_payment_methods: { enabled: true } }]) {
      const err = await rejects(
        t.stripe.paymentIntents.create(
          { amount: 1000, currency: "usd", payment_method: "pm_card_visa", confirm: true, ...extra },
          on(),
        ),
      );
      expect(err.statusCode).toBe(400);
      expect(err.type).toBe("StripeInvalidRequestError");
      expect(err.message).toBe(RETURN_URL_MESSAGE);
    }
    expect((await t.stripe.paymentIntents.list({ limit: 100 }, on())).data.length).toBe(before);
    const plain = await t.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, on());
    expect(plain.automatic_payment_methods).toEqual({ enabled: true });
  });

  it("with return_url, or with allow_redirects: never, the same confirm succeeds", async () => {
    const withUrl = await t.stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        return_url: "https://shop.example/orders/1",
      },
      on(),
    );
    expect(withUrl.status).toBe("succeeded");
    const never = await t.stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: NO_REDIRECTS,
      },
      on(),
    );
    expect(never).toMatchObject({ status: "succeeded", automatic_payment_methods: NO_REDIRECTS });
  });

  it("POST /confirm without return_url is refused and leaves the intent as it was; with it, it succeeds", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 1200, currency: "usd" }, on());
    const err = await rejects(
      t.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" }, on()),
    );
    expect(err.message).toBe(RETURN_URL_MESSAGE);
    const after = await t.stripe.paymentIntents.retrieve(pi.id, {}, on());
    expect(after).toMatchObject({
      status: "requires_payment_method",
      payment_method: null,
      latest_charge: null,
    });
    const paid = await t.stripe.paymentIntents.confirm(
      pi.id,
      { payment_method: "pm_card_visa", return_url: "https://shop.example/orders/1" },
      on(),
    );
    expect(paid.status).toBe("succeeded");
  });
});

describe("an account without an active card_payments capability cannot take payments (Stripe: account capabilities)", () => {
  it("refuses the PaymentIntent when it is created, for an account not onboarded yet or that never requested it", async () => {
    const fresh = await expressAccount(t, false);
    expect(fresh.capabilities?.card_payments).toBe("inactive");
    const noCapability = await t.stripe.accounts.create({
      controller: {
        fees: { payer: "application" },
        losses: { payments: "application" },
        stripe_dashboard: { type: "express" },
      },
      country: "US",
      capabilities: { transfers: { requested: true } },
    });
    await t.control(`/_emulator/accounts/${noCapability.id}/onboard`, {});
    for (const account of [fresh.id, noCapability.id]) {
      const err = await rejects(
        t.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, { stripeAccount: account }),
      );
      expect(err.statusCode).toBe(400);
      expect(err.message).toBe(
        "You cannot create a charge on a connected account without the `card_payments` capability enabled.",
      );
      expect((await t.stripe.paymentIntents.list({}, { stripeAccount: account })).data).toHaveLength(0);
    }
  });

  it("once onboarding makes card_payments active, the same account can be charged", async () => {
    const account = await expressAccount(t, false);
    const onboarded = await t.control<Stripe.Account>(`/_emulator/accounts/${account.id}/onboard`, {});
    expect(onboarded.capabilities?.card_payments).toBe("active");
    await expect(
      t.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, { stripeAccount: account.id }),
    ).resolves.toMatchObject({ status: "requires_payment_method" });
  });
});
