/**
 * Refunds an account cannot fund (issue 17, rule 6), as Stripe does since API 2025-04-30.basil (changelog
 * "Adds a field explaining why refunds are pending"): the refund is created `pending` with
 * `pending_reason: "insufficient_funds"` instead of being refused, and settles (succeeded, `refund.updated`)
 * once the account's balance covers it — here after a later payment on the account. Refunding more than
 * remains answers Stripe's own message with no error code.
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { expressAccount, rejects, waitFor, emulatorForFile } from "./helpers";

const t = emulatorForFile();

const NO_REDIRECTS = { enabled: true, allow_redirects: "never" } as const;

async function charge(account: string, amount: number, pm = "pm_card_visa"): Promise<Stripe.PaymentIntent> {
  return t.stripe.paymentIntents.create(
    { amount, currency: "usd", payment_method: pm, confirm: true, automatic_payment_methods: NO_REDIRECTS },
    { stripeAccount: account },
  );
}

/** An account that was paid `amount` and has paid all of it out: nothing left to refund with. */
async function paidOut(amount: number): Promise<{ account: string; pi: Stripe.PaymentIntent }> {
  const { id: account } = await expressAccount(t);
  const pi = await charge(account, amount, "pm_card_bypassPending");
  await t.stripe.payouts.create({ amount, currency: "usd" }, { stripeAccount: account });
  return { account, pi };
}

async function events(account: string, type: string): Promise<Stripe.Event[]> {
  return (await t.control<{ data: Stripe.Event[] }>(`/_emulator/events?account=${account}&type=${type}`))
    .data;
}

describe("a refund the balance cannot cover is pending (insufficient_funds), then settles (Stripe changelog 2025-04-30.basil)", () => {
  it("is created pending with pending_reason insufficient_funds, counted on the charge, and moves no money yet", async () => {
    const { account, pi } = await paidOut(2000);
    const on = { stripeAccount: account };
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 1500 }, on);
    expect(refund).toMatchObject({
      status: "pending",
      pending_reason: "insufficient_funds",
      amount: 1500,
      balance_transaction: null,
    });
    const ch = await t.stripe.charges.retrieve(pi.latest_charge as string, {}, on);
    expect(ch).toMatchObject({ amount_refunded: 1500, refunded: false });
    // The remaining 500 is all that can still be refunded, pending refund included.
    const over = await rejects(t.stripe.refunds.create({ payment_intent: pi.id, amount: 501 }, on));
    expect(over.message).toBe("Refund amount ($5.01) is greater than unrefunded amount on charge ($5.00)");
    const balance = await t.stripe.balance.retrieve({}, on);
    expect(balance.available[0]?.amount).toBe(0);
    expect((await events(account, "refund.created"))[0]?.data.object).toMatchObject({
      id: refund.id,
      status: "pending",
      pending_reason: "insufficient_funds",
    });
    // Nothing changes while the balance stays empty, whatever the clock does.
    await t.control("/_emulator/clock/advance", { seconds: 7 * 86400 });
    expect((await t.stripe.refunds.retrieve(refund.id, {}, on)).status).toBe("pending");
  });

  it("settles when a later payment covers it: succeeded, balance debited, refund.updated and charge.refund.updated", async () => {
    const { account, pi } = await paidOut(2000);
    const on = { stripeAccount: account };
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id }, on);
    expect(refund.status).toBe("pending");
    await charge(account, 3000);
    const settled = await waitFor(async () => {
      const r = await t.stripe.refunds.retrieve(refund.id, {}, on);
      return r.status === "succeeded" && r;
    });
    expect(settled.pending_reason).toBeUndefined();
    const txn = await t.stripe.balanceTransactions.retrieve(settled.balance_transaction as string, {}, on);
    expect(txn).toMatchObject({ amount: -2000, type: "refund", source: refund.id });
    const updated = (await events(account, "refund.updated"))[0];
    expect(updated?.data.object).toMatchObject({ id: refund.id, status: "succeeded" });
    expect(updated?.data.previous_attributes).toMatchObject({
      status: "pending",
      pending_reason: "insufficient_funds",
    });
    expect((await events(account, "charge.refund.updated"))[0]?.data.object).toMatchObject({
      id: refund.id,
      status: "succeeded",
    });
    const ch = await t.stripe.charges.retrieve(pi.latest_charge as string, { expand: ["refunds"] }, on);
    expect(ch).toMatchObject({ amount_refunded: 2000, refunded: true });
  });

  it("waiting refunds settle oldest first, each only when the balance covers it", async () => {
    const { account, pi } = await paidOut(3000);
    const on = { stripeAccount: account };
    const first = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 1000 }, on);
    const second = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 2000 }, on);
    expect([first.status, second.status]).toEqual(["pending", "pending"]);
    // A $15 payment covers the first refund only (the platform pays Stripe's fee on Express accounts).
    await charge(account, 1500);
    await waitFor(async () => (await t.stripe.refunds.retrieve(first.id, {}, on)).status === "succeeded");
    expect((await t.stripe.refunds.retrieve(second.id, {}, on)).status).toBe("pending");
    await charge(account, 2000);
    await waitFor(async () => (await t.stripe.refunds.retrieve(second.id, {}, on)).status === "succeeded");
  });

  it("a refund the balance covers succeeds at once, with no pending_reason", async () => {
    const { id: account } = await expressAccount(t);
    const pi = await charge(account, 2000);
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id }, { stripeAccount: account });
    expect(refund.status).toBe("succeeded");
    expect(refund.pending_reason).toBeUndefined();
    expect(refund.balance_transaction).toMatch(/^txn_/);
  });
});

describe("more than remains on the charge (Stripe's message, no invented code)", () => {
  it("answers 400 invalid_request_error with param amount and Stripe's wording, and refunds nothing", async () => {
    const { id: account } = await expressAccount(t);
    const pi = await charge(account, 1000);
    const on = { stripeAccount: account };
    await t.stripe.refunds.create({ payment_intent: pi.id, amount: 250 }, on);
    const err = await rejects(t.stripe.refunds.create({ payment_intent: pi.id, amount: 800 }, on));
    expect(err.statusCode).toBe(400);
    expect(err.type).toBe("StripeInvalidRequestError");
    expect(err.param).toBe("amount");
    expect(err.code).toBeUndefined();
    expect(err.message).toBe("Refund amount ($8.00) is greater than unrefunded amount on charge ($7.50)");
    expect((await t.stripe.refunds.list({ payment_intent: pi.id }, on)).data).toHaveLength(1);
  });
});
