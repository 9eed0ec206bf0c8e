/**
 * Manual capture on a direct charge (issue 21), through the real SDK with `Stripe-Account`: authorise,
 * capture all or part with the application fee restated at capture, cancel, and Stripe's errors.
 * Expiry on the emulator clock is in manual-capture-expiry.test.ts.
 * https://docs.stripe.com/payments/place-a-hold-on-a-payment-method, https://docs.stripe.com/api/payment_intents/capture
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { EMULATOR_DEFAULTS } from "../src/defaults";
import { authorise, emulatorForFile, postForm, rejects, sellerForFile } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const on = seller.on;

/** Runs `act` and returns the events it emitted, oldest first, as `type` or `type@platform`. */
async function emitted(act: () => Promise<unknown>): Promise<string[]> {
  const all = async () => (await t.control<{ data: Stripe.Event[] }>("/_emulator/events")).data.reverse();
  const before = (await all()).length;
  await act();
  return (await all()).slice(before).map((e) => (e.account ? e.type : `${e.type}@platform`));
}

const charge = (pi: Stripe.PaymentIntent) =>
  t.stripe.charges.retrieve(pi.latest_charge as string, { expand: ["refunds"] }, on());

describe("authorising", () => {
  it("holds the amount: requires_capture, an uncaptured charge, no fee and no money moved", async () => {
    let pi: Stripe.PaymentIntent | undefined;
    const events = await emitted(async () => {
      pi = await authorise(t, seller.id);
    });
    if (!pi) throw new Error("not authorised");
    expect(events).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.amount_capturable_updated",
    ]);
    expect(pi).toMatchObject({ status: "requires_capture", amount_capturable: 3000, amount_received: 0 });
    const ch = await charge(pi);
    expect(ch).toMatchObject({
      captured: false,
      amount_captured: 0,
      paid: true,
      status: "succeeded",
      application_fee: null,
      balance_transaction: null,
    });
    expect(ch.payment_method_details?.card?.capture_before).toBe(
      ch.created + EMULATOR_DEFAULTS.authorizationValiditySeconds,
    );
    expect((await t.stripe.applicationFees.list({ charge: ch.id })).data).toHaveLength(0);
    const txns = await t.stripe.balanceTransactions.list({ source: ch.id }, on());
    expect(txns.data).toHaveLength(0);
  });
});

describe("capturing", () => {
  it("captures the whole authorisation: the fee, the balance transaction and the events come then", async () => {
    const pi = await authorise(t, seller.id);
    let captured: Stripe.PaymentIntent | undefined;
    const events = await emitted(async () => {
      captured = await t.stripe.paymentIntents.capture(pi.id, {}, on());
    });
    expect(events).toEqual([
      "charge.captured",
      "payment_intent.succeeded",
      "application_fee.created@platform",
    ]);
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 3000, amount_capturable: 0 });
    const ch = await charge(pi);
    expect(ch).toMatchObject({ captured: true, amount_captured: 3000, amount_refunded: 0, refunded: false });
    const fee = await t.stripe.applicationFees.retrieve(ch.application_fee as string);
    expect(fee).toMatchObject({ amount: 300, account: seller.id, charge: ch.id });
    const txn = await t.stripe.balanceTransactions.retrieve(ch.balance_transaction as string, {}, on());
    expect(txn).toMatchObject({ amount: 3000, type: "charge", fee: 300 });
  });

  it("captures part with the fee for that part; the rest is released as Stripe reports it", async () => {
    const pi = await authorise(t, seller.id, { amount: 3000, application_fee_amount: 300 });
    const captured = await t.stripe.paymentIntents.capture(
      pi.id,
      { amount_to_capture: 2000, application_fee_amount: 200 },
      on(),
    );
    expect(captured).toMatchObject({
      status: "succeeded",
      amount: 3000,
      amount_received: 2000,
      amount_capturable: 0,
      application_fee_amount: 200,
    });
    const ch = await charge(pi);
    // Stripe refunds the uncaptured rest: it counts as refunded, but the charge is not fully refunded.
    expect(ch).toMatchObject({
      captured: true,
      amount_captured: 2000,
      amount_refunded: 1000,
      refunded: false,
      application_fee_amount: 200,
    });
    expect(ch.refunds?.data.map((r) => [r.amount, r.status, r.balance_transaction])).toEqual([
      [1000, "succeeded", null],
    ]);
    expect((await t.stripe.applicationFees.retrieve(ch.application_fee as string)).amount).toBe(200);
    const txn = await t.stripe.balanceTransactions.retrieve(ch.balance_transaction as string, {}, on());
    expect(txn).toMatchObject({ amount: 2000, fee: 200 });
    // What is left to refund is what was captured, fee refunded in proportion.
    const tooMuch = await rejects(t.stripe.refunds.create({ charge: ch.id, amount: 2001 }, on()));
    expect(tooMuch.param).toBe("amount");
    const refund = await t.stripe.refunds.create({ charge: ch.id, refund_application_fee: true }, on());
    expect(refund.amount).toBe(2000);
    expect(await charge(pi)).toMatchObject({ amount_refunded: 3000, refunded: true });
    expect((await t.stripe.applicationFees.retrieve(ch.application_fee as string)).amount_refunded).toBe(200);
  });

  it("a fee set at creation and not restated is capped at the captured amount", async () => {
    const pi = await authorise(t, seller.id, { amount: 3000, application_fee_amount: 2500 });
    await t.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 1000 }, on());
    const ch = await charge(pi);
    expect((await t.stripe.applicationFees.retrieve(ch.application_fee as string)).amount).toBe(1000);
  });
});

describe("Stripe's errors", () => {
  it("refuses more than amount_capturable (amount_too_large) and leaves the authorisation as it was", async () => {
    const pi = await authorise(t, seller.id);
    const err = await rejects(t.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3001 }, on()));
    expect(err).toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      code: "amount_too_large",
      param: "amount_to_capture",
    });
    expect(err.raw).toMatchObject({ type: "invalid_request_error" });
    expect((await t.stripe.paymentIntents.retrieve(pi.id, {}, on())).status).toBe("requires_capture");
  });

  it("refuses a fee above the amount captured", async () => {
    const pi = await authorise(t, seller.id);
    const err = await rejects(
      t.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 1000, application_fee_amount: 1001 }, on()),
    );
    expect(err).toMatchObject({ statusCode: 400, param: "application_fee_amount" });
    expect(err.raw).toMatchObject({ type: "invalid_request_error" });
    expect((await t.stripe.paymentIntents.retrieve(pi.id, {}, on())).amount_capturable).toBe(3000);
  });

  it("refuses to capture an intent that is not requires_capture (payment_intent_unexpected_state)", async () => {
    const pi = await authorise(t, seller.id);
    await t.stripe.paymentIntents.capture(pi.id, {}, on());
    const again = await rejects(t.stripe.paymentIntents.capture(pi.id, {}, on()));
    expect(again).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
    expect(again.message).toBe(
      "This PaymentIntent could not be captured because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.",
    );
    expect((again.raw as { payment_intent?: Stripe.PaymentIntent }).payment_intent?.id).toBe(pi.id);
    const unpaid = await t.stripe.paymentIntents.create(
      { amount: 1000, currency: "usd", capture_method: "manual" },
      on(),
    );
    const early = await rejects(t.stripe.paymentIntents.capture(unpaid.id, {}, on()));
    expect(early.code).toBe("payment_intent_unexpected_state");
  });

  it("refuses final_capture=false (no multicapture) without capturing", async () => {
    const pi = await authorise(t, seller.id);
    const err = await rejects(t.stripe.paymentIntents.capture(pi.id, { final_capture: false }, on()));
    expect(err.param).toBe("final_capture");
    expect((await t.stripe.paymentIntents.retrieve(pi.id, {}, on())).status).toBe("requires_capture");
  });
});

describe("canceling an authorisation", () => {
  it("releases it: charge refunded in full, no fee, charge.refunded then payment_intent.canceled", async () => {
    const pi = await authorise(t, seller.id);
    let canceled: Stripe.PaymentIntent | undefined;
    const events = await emitted(async () => {
      canceled = await t.stripe.paymentIntents.cancel(
        pi.id,
        { cancellation_reason: "requested_by_customer" },
        on(),
      );
    });
    expect(events).toEqual(["charge.refunded", "payment_intent.canceled"]);
    expect(canceled).toMatchObject({
      status: "canceled",
      cancellation_reason: "requested_by_customer",
      amount_capturable: 0,
      amount_received: 0,
    });
    const ch = await charge(pi);
    expect(ch).toMatchObject({
      captured: false,
      amount_captured: 0,
      amount_refunded: 3000,
      refunded: true,
      application_fee: null,
      balance_transaction: null,
    });
    const after = await rejects(t.stripe.paymentIntents.capture(pi.id, {}, on()));
    expect(after.code).toBe("payment_intent_unexpected_state");
  });

  it("refuses a reason Stripe does not allow, including `automatic` (Stripe's own)", async () => {
    const pi = await authorise(t, seller.id);
    for (const reason of ["automatic", "out_of_stock"]) {
      const res = await postForm(t, `/v1/payment_intents/${pi.id}/cancel`, `cancellation_reason=${reason}`, {
        "Stripe-Account": seller.id,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { type: "invalid_request_error", param: "cancellation_reason" },
      });
    }
    expect((await t.stripe.paymentIntents.retrieve(pi.id, {}, on())).status).toBe("requires_capture");
  });
});

describe("the browser path (fake Stripe.js)", () => {
  it("confirming a manual intent with the publishable key ends in requires_capture, 3-D Secure included", async () => {
    const browserPost = (path: string, form: Record<string, string>) =>
      fetch(`${t.url}${path}`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${EMULATOR_DEFAULTS.publishableKey}`,
          "Stripe-Account": seller.id,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(form).toString(),
      });
    for (const card of ["pm_card_visa", "pm_card_authenticationRequired"]) {
      const pi = await t.stripe.paymentIntents.create(
        { amount: 2000, currency: "usd", application_fee_amount: 200, capture_method: "manual" },
        on(),
      );
      const res = await browserPost(`/v1/payment_intents/${pi.id}/confirm`, {
        client_secret: pi.client_secret as string,
        payment_method: card,
        return_url: "https://shop.example.com/done",
        use_stripe_sdk: "true",
      });
      expect(res.status).toBe(200);
      let body = (await res.json()) as Stripe.PaymentIntent;
      if (body.status === "requires_action") {
        const done = await browserPost(`/_emulator/browser/payment_intents/${pi.id}/authenticate`, {
          client_secret: pi.client_secret as string,
          outcome: "complete",
        });
        body = (await done.json()) as Stripe.PaymentIntent;
      }
      expect(body).toMatchObject({ status: "requires_capture", amount_capturable: 2000 });
    }
  });
});
