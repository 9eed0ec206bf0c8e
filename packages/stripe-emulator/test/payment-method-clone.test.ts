/**
 * Cloning a platform Customer's card onto a connected account (issue 22), as Stripe's "Share payment
 * methods across multiple accounts for direct charges" does it: `POST /v1/payment_methods {customer,
 * payment_method}` with Stripe-Account. https://docs.stripe.com/connect/direct-charges-multiple-accounts
 */
import { describe, expect, it } from "vitest";
import { emulatorForFile, expressAccount, rejects, sellerForFile } from "./helpers";
import { cloneTo, platformCardOf } from "./saved-card-helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);

const REUSE =
  "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.";

describe("cloning a platform card", () => {
  it("makes a new card on the connected account: same card, attached to nothing, each time a new one", async () => {
    const saved = await platformCardOf(t);
    const original = await t.stripe.paymentMethods.retrieve(saved.paymentMethod);
    const clone = await cloneTo(t, seller.id, saved);
    expect(clone.id).not.toBe(original.id);
    expect(clone.customer).toBeNull();
    expect(clone.card).toMatchObject({
      brand: original.card?.brand,
      last4: original.card?.last4,
      exp_month: original.card?.exp_month,
      exp_year: original.card?.exp_year,
      fingerprint: original.card?.fingerprint,
    });
    // It lives on the seller's account only; the platform card stays attached to its Customer.
    expect((await t.stripe.paymentMethods.retrieve(clone.id, {}, seller.on())).id).toBe(clone.id);
    expect(await rejects(t.stripe.paymentMethods.retrieve(clone.id))).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    expect((await t.stripe.paymentMethods.retrieve(saved.paymentMethod)).customer).toBe(saved.customer);

    const second = await cloneTo(t, seller.id, saved);
    expect(second.id).not.toBe(clone.id);
    expect(second.card?.fingerprint).toBe(clone.card?.fingerprint);
    // Another seller gets its own clone too.
    const other = await expressAccount(t);
    expect((await cloneTo(t, other.id, saved)).card?.last4).toBe("4242");
  });

  it("refuses a card not attached to that platform Customer", async () => {
    const saved = await platformCardOf(t);
    const stranger = await t.stripe.customers.create();
    const err = await rejects(
      t.stripe.paymentMethods.create(
        { customer: stranger.id, payment_method: saved.paymentMethod },
        seller.on(),
      ),
    );
    expect(err).toMatchObject({
      statusCode: 400,
      type: "StripeInvalidRequestError",
      param: "payment_method",
    });
    expect(err.message).toBe(
      `The customer does not have a payment method with the ID ${saved.paymentMethod}. The payment method must be attached to the customer.`,
    );
    const loose = await t.stripe.paymentMethods.create({
      type: "card",
      card: { number: "4242424242424242", exp_month: 12, exp_year: 2040 },
    });
    const notAttached = await rejects(
      t.stripe.paymentMethods.create({ customer: saved.customer, payment_method: loose.id }, seller.on()),
    );
    expect(notAttached.param).toBe("payment_method");
    // Naming no Customer for a Customer's card is refused too.
    const noCustomer = await rejects(
      t.stripe.paymentMethods.create({ payment_method: saved.paymentMethod }, seller.on()),
    );
    expect(noCustomer.message).toContain(`belongs to the Customer ${saved.customer}`);
  });

  it("refuses a detached card, an unknown Customer, another account's card, and no Stripe-Account", async () => {
    const saved = await platformCardOf(t);
    const unknown = await rejects(
      t.stripe.paymentMethods.create(
        { customer: "cus_nope", payment_method: saved.paymentMethod },
        seller.on(),
      ),
    );
    expect(unknown).toMatchObject({ code: "resource_missing", param: "customer" });
    const onPlatform = await rejects(
      t.stripe.paymentMethods.create({ customer: saved.customer, payment_method: saved.paymentMethod }),
    );
    expect(onPlatform).toMatchObject({ statusCode: 400, param: "payment_method" });
    // A seller's own card is no platform card.
    const sellers = await t.stripe.paymentMethods.attach(
      "pm_card_visa",
      { customer: (await t.stripe.customers.create({}, seller.on())).id },
      seller.on(),
    );
    const foreign = await rejects(
      t.stripe.paymentMethods.create({ customer: saved.customer, payment_method: sellers.id }, seller.on()),
    );
    expect(foreign).toMatchObject({ code: "resource_missing", param: "payment_method" });
    expect(foreign.message).toBe(`No such PaymentMethod: '${sellers.id}'`);

    await t.stripe.paymentMethods.detach(saved.paymentMethod);
    const detached = await rejects(
      t.stripe.paymentMethods.create(
        { customer: saved.customer, payment_method: saved.paymentMethod },
        seller.on(),
      ),
    );
    expect(detached).toMatchObject({ statusCode: 400, message: REUSE });
  });

  it("shares a card attached to nobody once: it is spent after that", async () => {
    const loose = await t.stripe.paymentMethods.create({
      type: "card",
      card: { number: "4242424242424242", exp_month: 12, exp_year: 2040 },
    });
    const clone = await t.stripe.paymentMethods.create({ payment_method: loose.id }, seller.on());
    expect(clone.card?.last4).toBe("4242");
    const again = await rejects(t.stripe.paymentMethods.create({ payment_method: loose.id }, seller.on()));
    expect(again.message).toBe(REUSE);
  });
});
