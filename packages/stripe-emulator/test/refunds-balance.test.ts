import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { expressAccount, waitFor, rejects, emulatorForFile, sellerForFile } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const on = seller.on;

async function paid(amount: number, fee: number, pm = "pm_card_visa"): Promise<Stripe.PaymentIntent> {
  return t.stripe.paymentIntents.create(
    {
      amount,
      currency: "usd",
      application_fee_amount: fee,
      payment_method: pm,
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    },
    on(),
  );
}

describe("refunds", () => {
  it("partial then full, never more than what is left", async () => {
    const pi = await paid(1000, 100);
    const first = await t.stripe.refunds.create(
      { payment_intent: pi.id, amount: 400, reason: "requested_by_customer", metadata: { order: "o1" } },
      on(),
    );
    expect(first).toMatchObject({
      amount: 400,
      status: "succeeded",
      reason: "requested_by_customer",
      metadata: { order: "o1" },
    });
    const over = await rejects(t.stripe.refunds.create({ payment_intent: pi.id, amount: 601 }, on()));
    // Stripe's own words, and no error code for this one (see refund-pending.test.ts).
    expect(over.message).toBe("Refund amount ($6.01) is greater than unrefunded amount on charge ($6.00)");
    expect(over.code).toBeUndefined();
    expect(over.param).toBe("amount");
    const rest = await t.stripe.refunds.create({ payment_intent: pi.id }, on());
    expect(rest.amount).toBe(600);
    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string, {}, on());
    expect(charge).toMatchObject({ refunded: true, amount_refunded: 1000 });
    expect((await rejects(t.stripe.refunds.create({ charge: charge.id }, on()))).code).toBe(
      "charge_already_refunded",
    );
    const refunded = await t.control<{ data: Stripe.Event[] }>(
      `/_emulator/events?account=${seller.id}&type=charge.refunded`,
    );
    expect(refunded.data[0]?.data.previous_attributes).toMatchObject({
      amount_refunded: 400,
      refunded: false,
    });
  });

  it("refund_application_fee gives the platform fee back in proportion", async () => {
    const pi = await paid(2000, 300);
    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string, {}, on());
    await t.stripe.refunds.create({ charge: charge.id, amount: 1000, refund_application_fee: true }, on());
    let fee = await t.stripe.applicationFees.retrieve(charge.application_fee as string);
    expect(fee.amount_refunded).toBe(150);
    await t.stripe.refunds.create({ charge: charge.id, refund_application_fee: true }, on());
    fee = await t.stripe.applicationFees.retrieve(charge.application_fee as string);
    expect(fee).toMatchObject({ amount_refunded: 300, refunded: true });
    expect(fee.refunds.data).toHaveLength(2);
  });

  it("a refund without refund_application_fee leaves the fee alone; fees can be refunded directly", async () => {
    const pi = await paid(1000, 200);
    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string, {}, on());
    await t.stripe.refunds.create({ charge: charge.id }, on());
    expect((await t.stripe.applicationFees.retrieve(charge.application_fee as string)).amount_refunded).toBe(
      0,
    );
    const feeRefund = await t.stripe.applicationFees.createRefund(charge.application_fee as string, {
      amount: 50,
    });
    expect(feeRefund).toMatchObject({ object: "fee_refund", amount: 50 });
    const over = await rejects(
      t.stripe.applicationFees.createRefund(charge.application_fee as string, { amount: 151 }),
    );
    expect(over.param).toBe("amount");
  });

  it("a refund the account cannot fund waits as pending (insufficient_funds), not refused", async () => {
    const poor = await expressAccount(t);
    const pi = await t.stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      { stripeAccount: poor.id },
    );
    // Pay the whole balance out (after it becomes available), then try to refund.
    await t.control("/_emulator/clock/advance", { seconds: 3 * 86400 });
    await t.stripe.payouts.create({ amount: 1000, currency: "usd" }, { stripeAccount: poor.id });
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id }, { stripeAccount: poor.id });
    expect(refund).toMatchObject({ status: "pending", pending_reason: "insufficient_funds" });
    // How it settles later is in refund-pending.test.ts.
  });

  it("test card 5126: the refund fails asynchronously (refund.failed)", async () => {
    const pi = await paid(1000, 0, "pm_card_refundFail");
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id }, on());
    expect(refund.status).toBe("pending");
    await waitFor(async () => (await t.stripe.refunds.retrieve(refund.id, {}, on())).status === "failed");
    const types = (
      await t.control<{ data: Stripe.Event[] }>(`/_emulator/events?account=${seller.id}&type=refund.failed`)
    ).data;
    expect(types.some((e) => (e.data.object as Stripe.Refund).id === refund.id)).toBe(true);
    expect((await t.stripe.charges.retrieve(pi.latest_charge as string, {}, on())).amount_refunded).toBe(0);
  });
});

describe("balance and payouts", () => {
  it("funds move from pending to available when the clock passes available_on, then pay out", async () => {
    const acct = await expressAccount(t);
    const opts = { stripeAccount: acct.id };
    await t.stripe.paymentIntents.create(
      {
        amount: 10000,
        currency: "usd",
        application_fee_amount: 1000,
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      opts,
    );
    let balance = await t.stripe.balance.retrieve({}, opts);
    expect(balance.pending[0]?.amount).toBe(9000);
    expect(balance.available[0]?.amount).toBe(0);
    expect((await rejects(t.stripe.payouts.create({ amount: 100, currency: "usd" }, opts))).code).toBe(
      "balance_insufficient",
    );

    await t.control("/_emulator/clock/advance", { seconds: 2 * 86400 + 1 });
    balance = await t.stripe.balance.retrieve({}, opts);
    expect(balance.available[0]?.amount).toBe(9000);

    const payout = await t.stripe.payouts.create({ amount: 5000, currency: "usd" }, opts);
    expect(payout.status).toBe("pending");
    expect((await t.stripe.payouts.list({}, opts)).data[0]?.id).toBe(payout.id);
    await t.control("/_emulator/clock/advance", { seconds: 86400 });
    expect((await t.stripe.payouts.retrieve(payout.id, {}, opts)).status).toBe("paid");
    const events = await t.control<{ data: Stripe.Event[] }>(`/_emulator/events?account=${acct.id}`);
    expect(events.data.map((e) => e.type)).toEqual(
      expect.arrayContaining(["payout.created", "payout.paid", "balance.available"]),
    );
    expect((await t.stripe.balance.retrieve({}, opts)).available[0]?.amount).toBe(4000);
  });

  it("a payout to Stripe's failing test bank account fails (payout.failed) and the money comes back", async () => {
    const acct = await expressAccount(t);
    const opts = { stripeAccount: acct.id };
    await t.stripe.accounts.update(acct.id, {
      external_account: {
        object: "bank_account",
        country: "US",
        currency: "usd",
        routing_number: "110000000",
        account_number: "000111111116",
      },
    });
    await t.stripe.paymentIntents.create(
      {
        amount: 3000,
        currency: "usd",
        payment_method: "pm_card_bypassPending",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      opts,
    );
    const payout = await t.stripe.payouts.create({ amount: 2000, currency: "usd" }, opts);
    await t.control("/_emulator/clock/advance", { seconds: 86400 });
    expect(await t.stripe.payouts.retrieve(payout.id, {}, opts)).toMatchObject({
      status: "failed",
      failure_code: "no_account",
    });
    const available = (await t.stripe.balance.retrieve({}, opts)).available[0]?.amount ?? 0;
    expect(available).toBeGreaterThanOrEqual(2000);
  });
});
