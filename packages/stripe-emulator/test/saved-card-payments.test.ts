/**
 * Paying with saved and cloned cards (issue 22): a direct charge with application fee on a connected
 * account with a card cloned from the platform, 3-D Secure on session (4000 0025 0000 3155 always asks),
 * off-session payments per Stripe's "Authentication and setup" test cards, and the refusals (spent,
 * detached, another account's or another Customer's card). https://docs.stripe.com/testing
 */
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { emulatorForFile, rejects, sellerForFile } from "./helpers";
import {
  attachedClone,
  authenticate,
  cloneTo,
  emitted,
  NO_REDIRECTS,
  platformCardOf,
} from "./saved-card-helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const on = seller.on;

const REUSE =
  "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.";

/** A direct charge of 2500 with a 250 fee on the seller, confirmed at creation. */
function pay(extra: Partial<Stripe.PaymentIntentCreateParams>): Promise<Stripe.PaymentIntent> {
  return t.stripe.paymentIntents.create(
    {
      amount: 2500,
      currency: "usd",
      application_fee_amount: 250,
      confirm: true,
      return_url: "https://shop.example/orders/1",
      ...extra,
    },
    on(),
  );
}

describe("a direct charge with a cloned card", () => {
  it("succeeds on the connected account with the application fee, for the same card", async () => {
    const saved = await platformCardOf(t);
    const { customer, paymentMethod } = await attachedClone(t, seller.id, saved);
    let pi: Stripe.PaymentIntent | undefined;
    const events = await emitted(t, async () => {
      pi = await pay({ customer, payment_method: paymentMethod });
    });
    expect(pi).toMatchObject({
      status: "succeeded",
      customer,
      payment_method: paymentMethod,
      amount_received: 2500,
    });
    expect(events).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "application_fee.created@platform",
    ]);
    const charge = await t.stripe.charges.retrieve(pi?.latest_charge as string, {}, on());
    const platformCard = await t.stripe.paymentMethods.retrieve(saved.paymentMethod);
    expect(charge.payment_method_details?.card?.fingerprint).toBe(platformCard.card?.fingerprint);
    expect(charge).toMatchObject({ application_fee_amount: 250, customer });
    const fee = await t.stripe.applicationFees.retrieve(charge.application_fee as string);
    expect(fee).toMatchObject({ amount: 250, account: seller.id });
    // Attached to the seller's Customer, the clone pays again.
    expect((await pay({ customer, payment_method: paymentMethod })).status).toBe("succeeded");
  });

  it("a clone attached to nobody pays once, then Stripe refuses it", async () => {
    const clone = await cloneTo(t, seller.id, await platformCardOf(t));
    expect((await pay({ payment_method: clone.id })).status).toBe("succeeded");
    const again = await rejects(pay({ payment_method: clone.id }));
    expect(again).toMatchObject({ statusCode: 400, message: REUSE });
  });

  it("3155, even set up, asks for 3-D Secure on session; the challenge completes the charge", async () => {
    const saved = await platformCardOf(t, "pm_card_authenticationRequiredOnSetup");
    const { customer, paymentMethod } = await attachedClone(t, seller.id, saved);
    const pi = await pay({ customer, payment_method: paymentMethod });
    expect(pi.status).toBe("requires_action");
    expect(pi.next_action?.type).toBe("use_stripe_sdk");
    expect(pi.latest_charge).toBeNull();
    const done = await authenticate(t, pi, "complete", seller.id);
    expect(done).toMatchObject({ status: "succeeded", amount_received: 2500 });
    const charge = await t.stripe.charges.retrieve(done.latest_charge as string, {}, on());
    expect(charge.application_fee).toMatch(/^fee_/);
  });
});

describe("off-session payments (Stripe's authentication test cards)", () => {
  it("3155 set up off session pays off session without authentication", async () => {
    const { customer, paymentMethod } = await attachedClone(
      t,
      seller.id,
      await platformCardOf(t, "pm_card_authenticationRequiredOnSetup", "off_session"),
    );
    const pi = await pay({ customer, payment_method: paymentMethod, off_session: true });
    expect(pi.status).toBe("succeeded");
  });

  it.each([
    ["3155 set up on session only", "pm_card_authenticationRequiredOnSetup", "on_session"],
    ["3184 (always authenticate), even set up off session", "pm_card_authenticationRequired", "off_session"],
  ] as const)("%s is declined authentication_required off session", async (_name, card, usage) => {
    const { customer, paymentMethod } = await attachedClone(
      t,
      seller.id,
      await platformCardOf(t, card, usage),
    );
    const err = await rejects(pay({ customer, payment_method: paymentMethod, off_session: true }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err).toMatchObject({
      statusCode: 402,
      code: "authentication_required",
      decline_code: "authentication_required",
      message: "Your card was declined. This transaction requires authentication.",
    });
    const failed = (err.raw as { payment_intent: Stripe.PaymentIntent }).payment_intent;
    expect(failed.status).toBe("requires_payment_method");
    expect(failed.last_payment_error?.code).toBe("authentication_required");
    // On session the same card asks for authentication instead.
    expect((await pay({ customer, payment_method: paymentMethod })).status).toBe("requires_action");
  });

  it("0446 (already set up) pays off session, and asks for authentication on session", async () => {
    const customer = (await t.stripe.customers.create({}, on())).id;
    const pm = await t.stripe.paymentMethods.attach(
      "pm_card_authenticationRequiredSetupForOffSession",
      { customer },
      on(),
    );
    expect((await pay({ customer, payment_method: pm.id, off_session: "recurring" })).status).toBe(
      "succeeded",
    );
    expect((await pay({ customer, payment_method: pm.id })).status).toBe("requires_action");
  });

  it("setup_future_usage on a platform payment attaches the card to the Customer and sets it up", async () => {
    const customer = await t.stripe.customers.create();
    const first = await t.stripe.paymentIntents.create({
      amount: 2000,
      currency: "usd",
      customer: customer.id,
      payment_method: "pm_card_authenticationRequiredOnSetup",
      setup_future_usage: "off_session",
      confirm: true,
      automatic_payment_methods: NO_REDIRECTS,
    });
    expect(first.status).toBe("requires_action");
    const done = await authenticate(t, first, "complete");
    expect(done.status).toBe("succeeded");
    const pm = await t.stripe.paymentMethods.retrieve(done.payment_method as string);
    expect(pm.customer).toBe(customer.id);
    const later = await t.stripe.paymentIntents.create({
      amount: 2000,
      currency: "usd",
      customer: customer.id,
      payment_method: pm.id,
      off_session: true,
      confirm: true,
      automatic_payment_methods: NO_REDIRECTS,
    });
    expect(later.status).toBe("succeeded");
  });

  it("off_session needs confirm=true", async () => {
    const err = await rejects(
      t.stripe.paymentIntents.create({ amount: 1000, currency: "usd", off_session: true }, on()),
    );
    expect(err).toMatchObject({ statusCode: 400, param: "off_session" });
  });
});

describe("refusals", () => {
  it("refuses another account's card, a detached card, a foreign Customer and another Customer's card", async () => {
    const saved = await platformCardOf(t);
    // The platform card itself (not a clone) on the seller's account.
    const foreignPm = await rejects(pay({ payment_method: saved.paymentMethod }));
    expect(foreignPm).toMatchObject({ statusCode: 400, code: "resource_missing", param: "payment_method" });
    expect(foreignPm.message).toBe(`No such PaymentMethod: '${saved.paymentMethod}'`);
    // The platform Customer on the seller's account.
    const foreignCustomer = await rejects(pay({ customer: saved.customer }));
    expect(foreignCustomer).toMatchObject({ code: "resource_missing", param: "customer" });

    const mine = await attachedClone(t, seller.id, saved);
    const other = (await t.stripe.customers.create({}, on())).id;
    const notTheirs = await rejects(pay({ customer: other, payment_method: mine.paymentMethod }));
    expect(notTheirs).toMatchObject({ statusCode: 400, param: "payment_method" });
    expect(notTheirs.message).toBe(
      `The customer does not have a payment method with the ID ${mine.paymentMethod}. The payment method must be attached to the customer.`,
    );
    const noCustomer = await rejects(pay({ payment_method: mine.paymentMethod }));
    expect(noCustomer.message).toBe(
      `The \`payment_method\` parameter supplied ${mine.paymentMethod} belongs to the Customer ${mine.customer}. Please include the Customer in the \`customer\` parameter on the PaymentIntent.`,
    );

    await t.stripe.paymentMethods.detach(mine.paymentMethod, {}, on());
    const detached = await rejects(pay({ customer: mine.customer, payment_method: mine.paymentMethod }));
    expect(detached).toMatchObject({ statusCode: 400, message: REUSE });
    // Nothing was charged by any of these.
    const charges = await t.stripe.charges.list({ customer: mine.customer }, on());
    expect(charges.data).toEqual([]);
  });

  it("a card detached after the PaymentIntent named it cannot confirm it", async () => {
    const { customer, paymentMethod } = await attachedClone(t, seller.id, await platformCardOf(t));
    const pi = await t.stripe.paymentIntents.create(
      {
        amount: 1500,
        currency: "usd",
        customer,
        payment_method: paymentMethod,
        automatic_payment_methods: NO_REDIRECTS,
      },
      on(),
    );
    await t.stripe.paymentMethods.detach(paymentMethod, {}, on());
    const err = await rejects(t.stripe.paymentIntents.confirm(pi.id, {}, on()));
    expect(err.message).toBe(REUSE);
    expect((await t.stripe.paymentIntents.retrieve(pi.id, {}, on())).status).toBe("requires_confirmation");
  });
});
