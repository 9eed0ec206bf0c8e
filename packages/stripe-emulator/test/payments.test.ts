import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { eventTypes, expressAccount, waitFor, rejects, emulatorForFile, sellerForFile } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const on = seller.on;

describe("Stripe-Account scoping", () => {
  it("an intent made on a connected account is invisible to the platform", async () => {
    const pi = await t.stripe.paymentIntents.create(
      { amount: 1000, currency: "usd", application_fee_amount: 100 },
      on(),
    );
    expect((await t.stripe.paymentIntents.retrieve(pi.id, {}, on())).id).toBe(pi.id);
    const err = await rejects(t.stripe.paymentIntents.retrieve(pi.id));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe("resource_missing");
    expect(err.param).toBe("intent");
    const platformList = await t.stripe.paymentIntents.list();
    expect(platformList.data.map((p) => p.id)).not.toContain(pi.id);
  });

  it("an unknown Stripe-Account is refused", async () => {
    const err = await rejects(t.stripe.paymentIntents.list({}, { stripeAccount: "acct_doesnotexist" }));
    expect(err.statusCode).toBe(403);
    expect(err.code).toBe("account_invalid");
  });
});

describe("amount and fee limits", () => {
  it("refuses amounts under the currency minimum", async () => {
    const usd = await rejects(t.stripe.paymentIntents.create({ amount: 49, currency: "usd" }, on()));
    expect(usd.code).toBe("amount_too_small");
    expect(usd.param).toBe("amount");
    // At the minimum it is accepted; other currencies (converted to this US account's USD) are in
    // strict-money.test.ts.
    await expect(
      t.stripe.paymentIntents.create({ amount: 50, currency: "usd" }, on()),
    ).resolves.toMatchObject({ amount: 50 });
  });

  it("application_fee_amount needs a Stripe-Account (or transfer_data) and cannot exceed the amount", async () => {
    const noHeader = await rejects(
      t.stripe.paymentIntents.create({ amount: 1000, currency: "usd", application_fee_amount: 100 }),
    );
    expect(noHeader.param).toBe("application_fee_amount");
    const tooBig = await rejects(
      t.stripe.paymentIntents.create({ amount: 1000, currency: "usd", application_fee_amount: 1001 }, on()),
    );
    expect(tooBig.param).toBe("application_fee_amount");
    const destination = await t.stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      application_fee_amount: 100,
      transfer_data: { destination: seller.id },
    });
    expect(destination.transfer_data?.destination).toBe(seller.id);
  });

  it("an account that cannot take card payments yet is refused when the intent is created", async () => {
    const fresh = await expressAccount(t, false);
    expect(fresh.charges_enabled).toBe(false);
    expect(fresh.capabilities?.card_payments).toBe("inactive");
    const err = await rejects(
      t.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, { stripeAccount: fresh.id }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain("without the `card_payments` capability enabled");
    expect((await t.stripe.paymentIntents.list({}, { stripeAccount: fresh.id })).data).toHaveLength(0);
  });
});

describe("test cards", () => {
  it("pm_card_visa succeeds: charge, balance transaction, application fee on the platform", async () => {
    const pi = await t.stripe.paymentIntents.create(
      {
        amount: 2000,
        currency: "usd",
        application_fee_amount: 300,
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        expand: ["latest_charge"],
      },
      on(),
    );
    expect(pi.status).toBe("succeeded");
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge.status).toBe("succeeded");
    const txn = await t.stripe.balanceTransactions.retrieve(charge.balance_transaction as string, {}, on());
    expect(txn.amount).toBe(2000);
    expect(txn.fee).toBe(300); // Express: the platform pays Stripe's fee, the account only the application fee
    expect(txn.status).toBe("pending");
    const fee = await t.stripe.applicationFees.retrieve(charge.application_fee as string);
    expect(fee).toMatchObject({ amount: 300, account: seller.id, charge: charge.id });
    const types = await eventTypes(t, seller.id);
    expect(types).toEqual(
      expect.arrayContaining(["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]),
    );
    expect(await eventTypes(t)).toContain("application_fee.created");
  });

  it.each([
    ["pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds"],
    ["pm_card_chargeDeclined", "card_declined", "generic_decline"],
  ])("%s declines with a 402 card_error", async (pm, code, declineCode) => {
    const pi = await t.stripe.paymentIntents.create(
      {
        amount: 1500,
        currency: "usd",
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      on(),
    );
    const err = await rejects(t.stripe.paymentIntents.confirm(pi.id, { payment_method: pm }, on()));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe(code);
    expect(err.decline_code).toBe(declineCode);
    const after = await t.stripe.paymentIntents.retrieve(pi.id, {}, on());
    expect(after.status).toBe("requires_payment_method");
    expect(after.last_payment_error?.decline_code).toBe(declineCode);
    const failed = await t.control<{ data: Stripe.Event[] }>(
      `/_emulator/events?account=${seller.id}&type=payment_intent.payment_failed`,
    );
    expect(failed.data.some((e) => (e.data.object as Stripe.PaymentIntent).id === pi.id)).toBe(true);
  });

  it("pm_card_authenticationRequired needs 3DS; the browser challenge completes or fails it", async () => {
    const pk = new Stripe("pk_test_emulator_platform", {
      host: "127.0.0.1",
      port: t.emu.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    const ok = await t.stripe.paymentIntents.create(
      {
        amount: 1200,
        currency: "usd",
        payment_method: "pm_card_authenticationRequired",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      on(),
    );
    expect(ok.status).toBe("requires_action");
    expect(ok.next_action?.type).toBe("use_stripe_sdk");
    const auth = (id: string, secret: string, outcome: string) =>
      fetch(`${t.url}/_emulator/browser/payment_intents/${id}/authenticate`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Account": seller.id },
        body: JSON.stringify({ client_secret: secret, outcome }),
      }).then((r) => r.json() as Promise<Stripe.PaymentIntent>);
    expect((await auth(ok.id, ok.client_secret as string, "complete")).status).toBe("succeeded");

    // The browser path: publishable key + client secret, raw card fields (what the fake Stripe.js sends).
    const bad = await t.stripe.paymentIntents.create({ amount: 1200, currency: "usd" }, on());
    const confirmed = await pk.paymentIntents.confirm(
      bad.id,
      {
        client_secret: bad.client_secret,
        payment_method_data: {
          type: "card",
          card: { number: "4000002500003155", exp_month: 12, exp_year: 2040, cvc: "123" } as never,
        },
      } as Stripe.PaymentIntentConfirmParams,
      on(),
    );
    expect(confirmed.status).toBe("requires_action");
    const failed = await auth(bad.id, bad.client_secret as string, "fail");
    expect(failed.status).toBe("requires_payment_method");
    expect(failed.last_payment_error?.code).toBe("payment_intent_authentication_failure");
  });

  it("pm_card_createDispute succeeds and is disputed shortly after", async () => {
    const pi = await t.stripe.paymentIntents.create(
      {
        amount: 2500,
        currency: "usd",
        payment_method: "pm_card_createDispute",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      on(),
    );
    expect(pi.status).toBe("succeeded");
    const dispute = await waitFor(async () => {
      const events = await t.control<{ data: Stripe.Event[] }>(
        `/_emulator/events?account=${seller.id}&type=charge.dispute.created`,
      );
      return events.data.find((e) => (e.data.object as Stripe.Dispute).charge === pi.latest_charge);
    });
    expect(dispute.account).toBe(seller.id);
    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string, {}, on());
    expect(charge.disputed).toBe(true);
  });
});

describe("capture, cancel and the browser paths", () => {
  it("capture_method manual authorises, then captures", async () => {
    const pi = await t.stripe.paymentIntents.create(
      {
        amount: 5000,
        currency: "usd",
        application_fee_amount: 500,
        capture_method: "manual",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      on(),
    );
    expect(pi.status).toBe("requires_capture");
    expect(pi.amount_capturable).toBe(5000);
    const tooMuch = await rejects(t.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 6000 }, on()));
    expect(tooMuch.param).toBe("amount_to_capture");
    const captured = await t.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 4000 }, on());
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 4000 });
    const again = await rejects(t.stripe.paymentIntents.capture(pi.id, {}, on()));
    expect(again.code).toBe("payment_intent_unexpected_state");
  });

  it("cancel works before success and is refused after", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, on());
    expect(
      (await t.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: "abandoned" }, on())).status,
    ).toBe("canceled");
    const done = await t.stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      on(),
    );
    expect((await rejects(t.stripe.paymentIntents.cancel(done.id, {}, on()))).code).toBe(
      "payment_intent_unexpected_state",
    );
  });

  it("a publishable key reads an intent only with its client secret and the right Stripe-Account", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, on());
    const get = (query: string, account?: string) =>
      fetch(`${t.url}/v1/payment_intents/${pi.id}?${query}`, {
        headers: {
          Authorization: "Bearer pk_test_emulator_platform",
          ...(account ? { "Stripe-Account": account } : {}),
        },
      });
    expect((await get(`client_secret=${pi.client_secret}`, seller.id)).status).toBe(200);
    const direct = await get(`client_secret=${pi.client_secret}`);
    expect(direct.status).toBe(404);
    expect(await direct.json()).toMatchObject({ error: { code: "resource_missing", param: "intent" } });
    expect((await get("client_secret=pi_wrong_secret_x", seller.id)).status).toBe(404);
    const server = await fetch(`${t.url}/v1/payment_intents`, {
      headers: { Authorization: "Bearer pk_test_emulator_platform" },
    });
    expect(server.status).toBe(401);
  });
});
