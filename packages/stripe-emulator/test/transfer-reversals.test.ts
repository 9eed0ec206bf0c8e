/** Transfer reversals (`/v1/transfers/:id/reversals`): partial, full, refused, their events and balances. */
import { describe, expect, it } from "vitest";
import { emulatorForFile, expressAccount, rejects } from "./helpers";
import { DAYS, eventsFor, platformCharge, usd } from "./transfer-helpers";

const t = emulatorForFile();

describe("transfer reversals", () => {
  it("reverses part, then the rest, never more than what is left", async () => {
    const seller = await expressAccount(t);
    const { charge } = await platformCharge(t, 5000);
    const transfer = await t.stripe.transfers.create({
      amount: 3000,
      currency: "usd",
      destination: seller.id,
      source_transaction: charge.id,
    });
    const platformBefore = await usd(t);

    const partial = await t.stripe.transfers.createReversal(transfer.id, {
      amount: 1000,
      metadata: { reason: "late delivery" },
    });
    expect(partial).toMatchObject({
      object: "transfer_reversal",
      amount: 1000,
      currency: "usd",
      transfer: transfer.id,
      source_refund: null,
      metadata: { reason: "late delivery" },
    });
    expect(partial.id).toMatch(/^trr_/);
    expect(partial.destination_payment_refund).toMatch(/^pyr_/);
    expect(await t.stripe.transfers.retrieve(transfer.id)).toMatchObject({
      amount_reversed: 1000,
      reversed: false,
    });
    const reversedEvents = await eventsFor(t, "transfer.reversed", transfer.id);
    expect(reversedEvents).toHaveLength(1);
    expect(reversedEvents[0]?.data.previous_attributes).toEqual({ amount_reversed: 0, reversed: false });

    const over = await rejects(t.stripe.transfers.createReversal(transfer.id, { amount: 2001 }));
    expect(over).toMatchObject({ statusCode: 400, param: "amount" });
    expect(over.message).toContain("$20.00");

    const rest = await t.stripe.transfers.createReversal(transfer.id);
    expect(rest.amount).toBe(2000);
    const done = await t.stripe.transfers.retrieve(transfer.id);
    expect(done).toMatchObject({ amount_reversed: 3000, reversed: true });
    expect(done.reversals.data.map((r) => r.id)).toEqual([rest.id, partial.id]);
    expect((await eventsFor(t, "transfer.reversed", transfer.id)).length).toBe(2);
    const again = await rejects(t.stripe.transfers.createReversal(transfer.id, { amount: 1 }));
    expect(again.message).toBe(`The transfer ${transfer.id} is already fully reversed.`);

    // The money went back: the seller has nothing left of it, the platform has it again (still pending,
    // like the charge that funded the transfer).
    expect(await usd(t, seller.id)).toMatchObject({ available: 0, pending: 0 });
    const platform = await usd(t);
    expect(platform.total - platformBefore.total).toBe(3000);
    // The seller's payment shows the refunds the reversals made.
    const payment = await t.stripe.charges.retrieve(
      transfer.destination_payment as string,
      {},
      { stripeAccount: seller.id },
    );
    expect(payment).toMatchObject({ amount_refunded: 3000, refunded: true });
    const refunds = await t.stripe.refunds.list({ charge: payment.id }, { stripeAccount: seller.id });
    expect(refunds.data.map((r) => r.id).sort()).toEqual(
      [partial.destination_payment_refund, rest.destination_payment_refund].sort(),
    );
    // Reversed money is no longer counted against the charge: it may be transferred again.
    const again2 = await t.stripe.transfers.create({
      amount: 5000,
      currency: "usd",
      destination: seller.id,
      source_transaction: charge.id,
    });
    expect(again2.amount).toBe(5000);
  });

  it("lists, retrieves and updates reversals", async () => {
    const seller = await expressAccount(t);
    const { charge } = await platformCharge(t, 5000);
    const transfer = await t.stripe.transfers.create({
      amount: 2000,
      currency: "usd",
      destination: seller.id,
      source_transaction: charge.id,
    });
    const first = await t.stripe.transfers.createReversal(transfer.id, { amount: 500 });
    const second = await t.stripe.transfers.createReversal(transfer.id, {
      amount: 700,
      description: "damaged",
    });
    const list = await t.stripe.transfers.listReversals(transfer.id);
    expect(list.data.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(list.url).toBe(`/v1/transfers/${transfer.id}/reversals`);
    expect((await t.stripe.transfers.listReversals(transfer.id, { limit: 1 })).has_more).toBe(true);
    expect(await t.stripe.transfers.retrieveReversal(transfer.id, first.id)).toMatchObject({ amount: 500 });
    const updated = await t.stripe.transfers.updateReversal(transfer.id, first.id, {
      metadata: { note: "ok" },
    });
    expect(updated.metadata).toEqual({ note: "ok" });
    expect((await t.stripe.transfers.retrieve(transfer.id)).reversals.data[1]?.metadata).toEqual({
      note: "ok",
    });
    const missing = await rejects(t.stripe.transfers.retrieveReversal(transfer.id, "trr_nope"));
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing" });
    const bad = await rejects(t.stripe.transfers.createReversal(transfer.id, { amount: 0 }));
    expect(bad.code).toBe("parameter_invalid_integer");
  });

  it("a seller who paid the money out cannot have it reversed (balance_insufficient)", async () => {
    const seller = await expressAccount(t);
    await platformCharge(t, 4000, { payment_method: "pm_card_bypassPending" });
    const transfer = await t.stripe.transfers.create({
      amount: 1000,
      currency: "usd",
      destination: seller.id,
    });
    await t.stripe.payouts.create({ amount: 1000, currency: "usd" }, { stripeAccount: seller.id });
    const err = await rejects(t.stripe.transfers.createReversal(transfer.id, { amount: 500 }));
    expect(err).toMatchObject({ statusCode: 400, code: "balance_insufficient" });
    expect((await t.stripe.transfers.retrieve(transfer.id)).amount_reversed).toBe(0);
    // Once the seller has money again, it can.
    await t.stripe.transfers.create({ amount: 600, currency: "usd", destination: seller.id });
    await t.control("/_emulator/clock/advance", { seconds: DAYS });
    const reversal = await t.stripe.transfers.createReversal(transfer.id, { amount: 500 });
    expect(reversal.amount).toBe(500);
    expect(await usd(t, seller.id)).toMatchObject({ available: 100 });
  });
});
