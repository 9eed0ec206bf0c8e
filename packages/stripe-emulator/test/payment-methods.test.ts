/**
 * PaymentMethods (issue 22) through the real SDK: create, retrieve, attach, list, detach, update, scoped
 * per account; a Customer's default payment method; deleting a Customer. Stripe's own error messages.
 * https://docs.stripe.com/api/payment_methods
 */
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { emulatorForFile, rejects, sellerForFile } from "./helpers";
import { browserCall, emitted, NO_REDIRECTS } from "./saved-card-helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);

const REUSE =
  "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.";
const YEAR = new Date().getFullYear() + 3;

const visa = () =>
  t.stripe.paymentMethods.create({
    type: "card",
    card: { number: "4242424242424242", exp_month: 12, exp_year: YEAR, cvc: "123" },
    billing_details: { name: "Jenny Rosen", address: { postal_code: "94103" } },
    metadata: { source: "test" },
  });

describe("creating and reading a card", () => {
  it("creates a card PaymentMethod attached to nobody, with the card's facts", async () => {
    const pm = await visa();
    expect(pm).toMatchObject({
      object: "payment_method",
      type: "card",
      customer: null,
      livemode: false,
      metadata: { source: "test" },
      billing_details: { name: "Jenny Rosen", address: { postal_code: "94103", country: null } },
      card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: YEAR, funding: "credit", country: "US" },
    });
    expect(pm.id).toMatch(/^pm_/);
    expect(pm.card?.fingerprint).toMatch(/^[\w-]{16}$/);
    expect(await t.stripe.paymentMethods.retrieve(pm.id)).toEqual(pm);
    // Same card number, same fingerprint.
    expect((await visa()).card?.fingerprint).toBe(pm.card?.fingerprint);
  });

  it("refuses a bad card, a missing type and another account's PaymentMethod", async () => {
    const bad = await rejects(
      t.stripe.paymentMethods.create({ type: "card", card: { number: "4242424242424241" } }),
    );
    expect(bad).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(bad).toMatchObject({ code: "incorrect_number", param: "card[number]" });
    const noType = await rejects(t.stripe.paymentMethods.create({ card: { number: "4242" } }));
    expect(noType).toMatchObject({ code: "parameter_missing", param: "type" });
    const pm = await visa();
    const foreign = await rejects(t.stripe.paymentMethods.retrieve(pm.id, {}, seller.on()));
    expect(foreign).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(foreign.message).toBe(`No such PaymentMethod: '${pm.id}'`);
  });

  it("Stripe.js may create one with the publishable key, but not clone", async () => {
    const res = await browserCall(t, "POST", "/v1/payment_methods", {
      type: "card",
      "card[number]": "5555555555554444",
      "card[exp_month]": "12",
      "card[exp_year]": String(YEAR),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Stripe.PaymentMethod).card?.brand).toBe("mastercard");
    const clone = await browserCall(
      t,
      "POST",
      "/v1/payment_methods",
      { customer: "cus_x", payment_method: "pm_x" },
      seller.id,
    );
    expect(clone.status).toBe(401);
  });
});

describe("attach, list, detach", () => {
  it("attaches to a Customer (payment_method.attached) and lists the Customer's cards", async () => {
    const customer = await t.stripe.customers.create({ email: "a@example.com" });
    const pm = await visa();
    let attached: Stripe.PaymentMethod | undefined;
    const events = await emitted(t, async () => {
      attached = await t.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    });
    expect(events).toEqual(["payment_method.attached@platform"]);
    expect(attached?.customer).toBe(customer.id);
    // A test token attaches a new card made from it.
    const token = await t.stripe.paymentMethods.attach("pm_card_mastercard", { customer: customer.id });
    expect(token).toMatchObject({ customer: customer.id, card: { brand: "mastercard" } });
    expect(token.id).not.toBe("pm_card_mastercard");

    const listed = await t.stripe.paymentMethods.list({ customer: customer.id, type: "card" });
    expect(listed.data.map((p) => p.id).sort()).toEqual([pm.id, token.id].sort());
    expect((await t.stripe.customers.listPaymentMethods(customer.id)).data).toHaveLength(2);
    expect((await t.stripe.customers.retrievePaymentMethod(customer.id, pm.id)).id).toBe(pm.id);
    // Without a Customer, Stripe lists Treasury PaymentMethods only.
    expect((await t.stripe.paymentMethods.list()).data).toEqual([]);
    expect(
      (await t.stripe.paymentMethods.list({ customer: customer.id, type: "us_bank_account" })).data,
    ).toEqual([]);
    const unknown = await rejects(t.stripe.paymentMethods.list({ customer: "cus_nope" }));
    expect(unknown).toMatchObject({ code: "resource_missing", param: "customer" });
  });

  it("refuses to attach a card already attached to another Customer", async () => {
    const [a, b] = await Promise.all([t.stripe.customers.create(), t.stripe.customers.create()]);
    const pm = await t.stripe.paymentMethods.attach((await visa()).id, { customer: a.id });
    const err = await rejects(t.stripe.paymentMethods.attach(pm.id, { customer: b.id }));
    expect(err.message).toBe("The payment method you provided has already been attached to a customer.");
    expect((await t.stripe.paymentMethods.retrieve(pm.id)).customer).toBe(a.id);
    // A seller's Customer is not the platform's.
    const theirs = await t.stripe.customers.create({}, seller.on());
    const foreign = await rejects(t.stripe.paymentMethods.attach((await visa()).id, { customer: theirs.id }));
    expect(foreign).toMatchObject({ code: "resource_missing", param: "customer" });
  });

  it("detaches for good: the card can never be attached or used again", async () => {
    const customer = await t.stripe.customers.create();
    const pm = await t.stripe.paymentMethods.attach((await visa()).id, { customer: customer.id });
    let detached: Stripe.PaymentMethod | undefined;
    const events = await emitted(t, async () => {
      detached = await t.stripe.paymentMethods.detach(pm.id);
    });
    expect(events).toEqual(["payment_method.detached@platform"]);
    expect(detached?.customer).toBeNull();
    const event = (await t.stripe.events.list({ type: "payment_method.detached", limit: 1 })).data[0];
    expect(event?.data.previous_attributes).toEqual({ customer: customer.id });

    const again = await rejects(t.stripe.paymentMethods.attach(pm.id, { customer: customer.id }));
    expect(again.message).toBe(
      "This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.",
    );
    const twice = await rejects(t.stripe.paymentMethods.detach(pm.id));
    expect(twice.message).toBe(
      "The payment method you provided is not attached to a customer so detachment is impossible.",
    );
    const pay = await rejects(
      t.stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        payment_method: pm.id,
        confirm: true,
        automatic_payment_methods: NO_REDIRECTS,
      }),
    );
    expect(pay).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", message: REUSE });
    expect((await t.stripe.paymentMethods.list({ customer: customer.id })).data).toEqual([]);
  });

  it("updates an attached card only (payment_method.updated)", async () => {
    const loose = await visa();
    const refused = await rejects(t.stripe.paymentMethods.update(loose.id, { metadata: { a: "1" } }));
    expect(refused.message).toBe("You must save this PaymentMethod to a customer before you can update it.");
    const customer = await t.stripe.customers.create();
    await t.stripe.paymentMethods.attach(loose.id, { customer: customer.id });
    const updated = await t.stripe.paymentMethods.update(loose.id, {
      metadata: { nickname: "work" },
      billing_details: { email: "jenny@example.com" },
      card: { exp_month: 6 },
    });
    expect(updated).toMatchObject({
      metadata: { source: "test", nickname: "work" },
      billing_details: { name: "Jenny Rosen", email: "jenny@example.com", address: { postal_code: "94103" } },
      card: { exp_month: 6, exp_year: YEAR },
    });
  });
});

describe("a Customer's default payment method", () => {
  it("takes only a card attached to that Customer; detaching it unsets it", async () => {
    const [buyer, other] = await Promise.all([t.stripe.customers.create(), t.stripe.customers.create()]);
    const mine = await t.stripe.paymentMethods.attach((await visa()).id, { customer: buyer.id });
    const theirs = await t.stripe.paymentMethods.attach((await visa()).id, { customer: other.id });
    const loose = await visa();
    for (const id of [theirs.id, loose.id]) {
      const err = await rejects(
        t.stripe.customers.update(buyer.id, { invoice_settings: { default_payment_method: id } }),
      );
      expect(err).toMatchObject({ statusCode: 400, param: "invoice_settings[default_payment_method]" });
      expect(err.message).toBe(
        `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`,
      );
    }
    const missing = await rejects(
      t.stripe.customers.update(buyer.id, { invoice_settings: { default_payment_method: "pm_nope" } }),
    );
    expect(missing).toMatchObject({
      code: "resource_missing",
      param: "invoice_settings[default_payment_method]",
    });

    const updated = await t.stripe.customers.update(buyer.id, {
      invoice_settings: { default_payment_method: mine.id },
    });
    expect(updated.invoice_settings.default_payment_method).toBe(mine.id);
    const event = (await t.stripe.events.list({ type: "customer.updated", limit: 1 })).data[0];
    expect(event?.data.previous_attributes).toEqual({ invoice_settings: { default_payment_method: null } });
    const expanded = await t.stripe.customers.retrieve(buyer.id, {
      expand: ["invoice_settings.default_payment_method"],
    });
    expect((expanded as Stripe.Customer).invoice_settings.default_payment_method).toMatchObject({
      id: mine.id,
      object: "payment_method",
    });

    await t.stripe.paymentMethods.detach(mine.id);
    const after = (await t.stripe.customers.retrieve(buyer.id)) as Stripe.Customer;
    expect(after.invoice_settings.default_payment_method).toBeNull();
  });
});

describe("deleting a Customer", () => {
  it("deletes it, detaches its cards, and answers deleted: true from then on", async () => {
    const customer = await t.stripe.customers.create({ email: "gone@example.com" });
    const pm = await t.stripe.paymentMethods.attach((await visa()).id, { customer: customer.id });
    let deleted: Stripe.DeletedCustomer | undefined;
    const events = await emitted(t, async () => {
      deleted = await t.stripe.customers.del(customer.id);
    });
    expect(deleted).toEqual({ id: customer.id, object: "customer", deleted: true });
    expect(events).toEqual(["customer.deleted@platform", "payment_method.detached@platform"]);
    expect(await t.stripe.customers.retrieve(customer.id)).toEqual(deleted);
    expect((await t.stripe.paymentMethods.retrieve(pm.id)).customer).toBeNull();
    const update = await rejects(t.stripe.customers.update(customer.id, { name: "x" }));
    expect(update).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(await rejects(t.stripe.customers.del(customer.id))).toMatchObject({ statusCode: 404 });
    const list = await t.stripe.customers.list({ email: "gone@example.com" });
    expect(list.data).toEqual([]);
    // The seller's account knows nothing of the platform's deleted Customer.
    expect(await rejects(t.stripe.customers.retrieve(customer.id, {}, seller.on()))).toMatchObject({
      statusCode: 404,
    });
  });
});
