/**
 * SetupIntents (issue 22) through the real SDK: saving a card on a platform Customer, 3-D Secure on setup
 * (4000 0025 0000 3155), declines, cancel, the browser (publishable key + client secret) paths, and
 * Stripe's errors. https://docs.stripe.com/api/setup_intents
 */
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { emulatorForFile, rejects, sellerForFile } from "./helpers";
import { authenticate, browserCall, emitted, NO_REDIRECTS } from "./saved-card-helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);

const customer = async () => (await t.stripe.customers.create({ email: "buyer@example.com" })).id;

describe("creating and confirming", () => {
  it("saves a 4242 card: succeeded, attached to the Customer, set up off session by default", async () => {
    const cus = await customer();
    const si = await t.stripe.setupIntents.create({
      customer: cus,
      allowed_payment_method_types: ["card"],
      metadata: { user_id: "u1" },
    });
    expect(si).toMatchObject({
      object: "setup_intent",
      status: "requires_payment_method",
      usage: "off_session",
      customer: cus,
      payment_method: null,
      payment_method_types: ["card"],
      allowed_payment_method_types: ["card"],
      automatic_payment_methods: { enabled: true },
      metadata: { user_id: "u1" },
      latest_attempt: null,
    });
    expect(si.client_secret).toMatch(new RegExp(`^${si.id}_secret_\\w+$`));

    let confirmed: Stripe.SetupIntent | undefined;
    const events = await emitted(t, async () => {
      // Cards only: nothing can redirect, so no return_url is needed.
      confirmed = await t.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa" });
    });
    expect(events).toEqual(["payment_method.attached@platform", "setup_intent.succeeded@platform"]);
    expect(confirmed).toMatchObject({ status: "succeeded", last_setup_error: null, next_action: null });
    const pm = await t.stripe.paymentMethods.retrieve(confirmed?.payment_method as string);
    expect(pm).toMatchObject({ customer: cus, card: { last4: "4242" } });
    expect((await t.stripe.setupIntents.list({ customer: cus })).data.map((s) => s.id)).toEqual([si.id]);
    const again = await rejects(t.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa" }));
    expect(again).toMatchObject({ statusCode: 400, code: "setup_intent_unexpected_state" });
    expect(again.message).toBe("You cannot confirm this SetupIntent because it has already succeeded.");
  });

  it("emits setup_intent.created, takes usage on_session, and needs return_url when it may redirect", async () => {
    const cus = await customer();
    const noReturn = await rejects(
      t.stripe.setupIntents.create({ customer: cus, payment_method: "pm_card_visa", confirm: true }),
    );
    expect(noReturn).toMatchObject({ statusCode: 400, param: "return_url" });
    expect(noReturn.message).toMatch(/^A `return_url` must be specified because this Setup Intent/);
    const events = await emitted(t, () =>
      t.stripe.setupIntents.create({
        customer: cus,
        usage: "on_session",
        payment_method: "pm_card_visa",
        confirm: true,
        return_url: "https://shop.example/cards",
      }),
    );
    expect(events).toEqual([
      "setup_intent.created@platform",
      "payment_method.attached@platform",
      "setup_intent.succeeded@platform",
    ]);
    const list = await t.stripe.setupIntents.list({ customer: cus });
    expect(list.data[0]).toMatchObject({ usage: "on_session", status: "succeeded" });
  });

  it("3155 asks for 3-D Secure on setup; completing it succeeds and attaches the card", async () => {
    const cus = await customer();
    const si = await t.stripe.setupIntents.create({
      customer: cus,
      payment_method: "pm_card_authenticationRequiredOnSetup",
      confirm: true,
      automatic_payment_methods: NO_REDIRECTS,
    });
    expect(si.status).toBe("requires_action");
    expect(si.next_action).toMatchObject({
      type: "use_stripe_sdk",
      use_stripe_sdk: { type: "three_d_secure_redirect" },
    });
    expect((await t.stripe.paymentMethods.list({ customer: cus })).data).toEqual([]);
    const done = await authenticate(t, si, "complete");
    expect(done.status).toBe("succeeded");
    const [pm] = (await t.stripe.paymentMethods.list({ customer: cus })).data;
    expect(pm?.card?.last4).toBe("3155");
    expect(pm?.id).toBe(done.payment_method);
  });

  it("the hosted 3-D Secure page (next_action's stripe_js) completes a SetupIntent too", async () => {
    const si = await t.stripe.setupIntents.create({
      customer: await customer(),
      payment_method: "pm_card_authenticationRequiredOnSetup",
      confirm: true,
      automatic_payment_methods: NO_REDIRECTS,
    });
    const url = (si.next_action?.use_stripe_sdk as { stripe_js: string }).stripe_js;
    expect(url).toBe(`${t.url}/_emulator/hosted/3ds/${si.id}`);
    expect(await (await fetch(url)).text()).toContain("Authenticate saving this card for later payments?");
    const done = await fetch(url, { method: "POST", body: new URLSearchParams({ outcome: "complete" }) });
    expect(await done.text()).toContain("Authentication complete");
    expect((await t.stripe.setupIntents.retrieve(si.id)).status).toBe("succeeded");
  });

  it("a failed challenge leaves requires_payment_method with setup_intent_authentication_failure", async () => {
    const cus = await customer();
    const si = await t.stripe.setupIntents.create({
      customer: cus,
      payment_method: "pm_card_authenticationRequired",
      confirm: true,
      automatic_payment_methods: NO_REDIRECTS,
    });
    let failed: Stripe.SetupIntent | undefined;
    const events = await emitted(t, async () => {
      failed = await authenticate(t, si, "fail");
    });
    expect(events).toEqual(["setup_intent.setup_failed@platform"]);
    expect(failed).toMatchObject({
      status: "requires_payment_method",
      payment_method: null,
      last_setup_error: { type: "invalid_request_error", code: "setup_intent_authentication_failure" },
    });
    expect((await t.stripe.paymentMethods.list({ customer: cus })).data).toEqual([]);
  });

  it.each([
    ["pm_card_chargeDeclined", "card_declined", "generic_decline", "Your card was declined."],
    [
      "pm_card_chargeDeclinedInsufficientFunds",
      "card_declined",
      "insufficient_funds",
      "Your card has insufficient funds.",
    ],
    ["pm_card_chargeDeclinedExpiredCard", "expired_card", "expired_card", "Your card has expired."],
  ])(
    "%s is declined: 402 card_error, last_setup_error, setup_failed, nothing saved",
    async (card, code, decline, message) => {
      const cus = await customer();
      const si = await t.stripe.setupIntents.create({
        customer: cus,
        automatic_payment_methods: NO_REDIRECTS,
      });
      let err: Stripe.errors.StripeError | undefined;
      const events = await emitted(t, async () => {
        err = await rejects(t.stripe.setupIntents.confirm(si.id, { payment_method: card }));
      });
      expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(err).toMatchObject({ statusCode: 402, code, decline_code: decline, message });
      expect((err?.raw as { setup_intent?: Stripe.SetupIntent }).setup_intent?.id).toBe(si.id);
      expect(events).toEqual(["setup_intent.setup_failed@platform"]);
      const after = await t.stripe.setupIntents.retrieve(si.id);
      expect(after).toMatchObject({
        status: "requires_payment_method",
        payment_method: null,
        last_setup_error: { type: "card_error", code, decline_code: decline, message },
      });
      expect((await t.stripe.paymentMethods.list({ customer: cus })).data).toEqual([]);
      // A new card can still be set up on the same SetupIntent.
      expect((await t.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa" })).status).toBe(
        "succeeded",
      );
    },
  );

  it("4000 0000 0000 0341 sets up fine (its charges are the ones declined)", async () => {
    const cus = await customer();
    const si = await t.stripe.setupIntents.create({
      customer: cus,
      payment_method: "pm_card_chargeCustomerFail",
      confirm: true,
      automatic_payment_methods: NO_REDIRECTS,
    });
    expect(si.status).toBe("succeeded");
  });
});

describe("refusals, cancel and scoping", () => {
  it("refuses an unknown Customer, another Customer's card, a confirm without a card", async () => {
    const unknown = await rejects(t.stripe.setupIntents.create({ customer: "cus_nope" }));
    expect(unknown).toMatchObject({ code: "resource_missing", param: "customer" });
    const [a, b] = [await customer(), await customer()];
    const theirs = await t.stripe.paymentMethods.attach("pm_card_visa", { customer: a });
    const foreign = await rejects(t.stripe.setupIntents.create({ customer: b, payment_method: theirs.id }));
    expect(foreign.message).toBe(
      `The customer does not have a payment method with the ID ${theirs.id}. The payment method must be attached to the customer.`,
    );
    const si = await t.stripe.setupIntents.create({ customer: b, automatic_payment_methods: NO_REDIRECTS });
    const none = await rejects(t.stripe.setupIntents.confirm(si.id));
    expect(none).toMatchObject({ code: "setup_intent_unexpected_state", param: "payment_method" });
    const unknownParam = await rejects(
      t.stripe.setupIntents.create({ single_use: { amount: 1, currency: "usd" } }),
    );
    expect(unknownParam).toMatchObject({ code: "parameter_unknown", param: "single_use" });
  });

  it("cancels (setup_intent.canceled); a canceled or succeeded one cannot be canceled or confirmed", async () => {
    const si = await t.stripe.setupIntents.create({ customer: await customer() });
    const canceled = await t.stripe.setupIntents.cancel(si.id, { cancellation_reason: "abandoned" });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    const twice = await rejects(t.stripe.setupIntents.cancel(si.id));
    expect(twice.message).toBe(
      "You cannot cancel this SetupIntent because it has a status of canceled. Only a SetupIntent with one of the following statuses may be canceled: requires_payment_method, requires_confirmation, requires_action.",
    );
    const confirm = await rejects(t.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa" }));
    expect(confirm.code).toBe("setup_intent_unexpected_state");
    const bad = await rejects(
      t.stripe.setupIntents.cancel(si.id, { cancellation_reason: "fraudulent" as never }),
    );
    expect(bad.param).toBe("cancellation_reason");
  });

  it("lives on the account that created it", async () => {
    const si = await t.stripe.setupIntents.create({}, seller.on());
    expect(si.application).toBe("ca_emulator");
    expect((await t.stripe.setupIntents.retrieve(si.id, {}, seller.on())).id).toBe(si.id);
    const err = await rejects(t.stripe.setupIntents.retrieve(si.id));
    expect(err).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(err.message).toBe(`No such setup_intent: '${si.id}'`);
  });

  it("Stripe.js reads and confirms with the publishable key and the client secret only", async () => {
    const cus = await customer();
    const si = await t.stripe.setupIntents.create({ customer: cus, allowed_payment_method_types: ["card"] });
    const secret = si.client_secret as string;
    const read = await browserCall(t, "GET", `/v1/setup_intents/${si.id}`, { client_secret: secret });
    expect(((await read.json()) as Stripe.SetupIntent).id).toBe(si.id);
    const wrong = await browserCall(t, "GET", `/v1/setup_intents/${si.id}`, {
      client_secret: `${si.id}_secret_x`,
    });
    expect(wrong.status).toBe(404);
    const cancel = await browserCall(t, "POST", `/v1/setup_intents/${si.id}/cancel`, {
      client_secret: secret,
    });
    expect(cancel.status).toBe(401);
    const res = await browserCall(t, "POST", `/v1/setup_intents/${si.id}/confirm`, {
      client_secret: secret,
      use_stripe_sdk: "true",
      expected_payment_method_type: "card",
      "payment_method_data[type]": "card",
      "payment_method_data[card][number]": "4000056655665556",
      "payment_method_data[card][exp_month]": "12",
      "payment_method_data[card][exp_year]": "2040",
      "payment_method_data[card][cvc]": "123",
      "payment_method_data[billing_details][address][postal_code]": "94103",
      return_url: "https://shop.example/cards",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Stripe.SetupIntent;
    expect(body.status).toBe("succeeded");
    const pm = await t.stripe.paymentMethods.retrieve(body.payment_method as string);
    expect(pm).toMatchObject({
      customer: cus,
      card: { funding: "debit", last4: "5556" },
      billing_details: { address: { postal_code: "94103" } },
    });
  });
});
