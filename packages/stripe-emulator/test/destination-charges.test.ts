/**
 * Destination charges (a platform PaymentIntent with `transfer_data[destination]`): the Transfer and the
 * application fee they make, partial captures, and refunds with `reverse_transfer` / `refund_application_fee`.
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { emulatorForFile, expressAccount, rejects } from "./helpers";
import { eventsFor, platformCharge, usd } from "./transfer-helpers";

const t = emulatorForFile();

async function destinationCharge(
  destination: string,
  amount: number,
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
): Promise<{ pi: Stripe.PaymentIntent; charge: Stripe.Charge }> {
  return platformCharge(t, amount, { transfer_data: { destination }, ...extra });
}

describe("destination charges", () => {
  it("a succeeded payment makes a Transfer to the destination, which pays the application fee", async () => {
    const seller = await expressAccount(t);
    const platformBefore = await usd(t);
    const { pi, charge } = await destinationCharge(seller.id, 10000, { application_fee_amount: 1000 });
    expect(charge.transfer).toMatch(/^tr_/);
    expect(charge.transfer_group).toBe(`group_${pi.id}`);
    expect(charge.application_fee).toMatch(/^fee_/);
    const transfer = await t.stripe.transfers.retrieve(charge.transfer as string);
    expect(transfer).toMatchObject({
      amount: 10000,
      destination: seller.id,
      source_transaction: charge.id,
      transfer_group: `group_${pi.id}`,
      reversed: false,
    });
    const payment = await t.stripe.charges.retrieve(
      transfer.destination_payment as string,
      { expand: ["balance_transaction"] },
      { stripeAccount: seller.id },
    );
    expect(payment).toMatchObject({
      amount: 10000,
      source_transfer: transfer.id,
      application_fee: charge.application_fee,
    });
    expect(payment.balance_transaction).toMatchObject({
      amount: 10000,
      fee: 1000,
      net: 9000,
      type: "payment",
    });
    const fee = await t.stripe.applicationFees.retrieve(charge.application_fee as string);
    expect(fee).toMatchObject({
      amount: 1000,
      account: seller.id,
      charge: payment.id,
      originating_transaction: charge.id,
    });

    expect(await eventsFor(t, "transfer.created", transfer.id)).toHaveLength(1);
    expect(await eventsFor(t, "application_fee.created", fee.id)).toHaveLength(1);
    expect(await usd(t, seller.id)).toMatchObject({ pending: 9000, available: 0 });
    const stripeFee = Math.round(10000 * 0.029) + 30;
    expect((await usd(t)).total - platformBefore.total).toBe(10000 - stripeFee - 10000 + 1000);
    const expanded = await t.stripe.charges.retrieve(charge.id, { expand: ["transfer"] });
    expect((expanded.transfer as Stripe.Transfer).id).toBe(transfer.id);
  });

  it("honours transfer_data.amount, capped at what a partial capture took", async () => {
    const seller = await expressAccount(t);
    const { charge } = await destinationCharge(seller.id, 5000, {
      transfer_data: { destination: seller.id, amount: 4000 },
    });
    expect((await t.stripe.transfers.retrieve(charge.transfer as string)).amount).toBe(4000);
    expect(charge.application_fee).toBeNull();

    const { pi } = await destinationCharge(seller.id, 6000, {
      capture_method: "manual",
      transfer_data: { destination: seller.id, amount: 5000 },
    });
    const uncaptured = await t.stripe.charges.retrieve(pi.latest_charge as string);
    expect(uncaptured.transfer).toBeUndefined();
    await t.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3000 });
    const captured = await t.stripe.charges.retrieve(pi.latest_charge as string);
    expect((await t.stripe.transfers.retrieve(captured.transfer as string)).amount).toBe(3000);

    const { pi: full } = await destinationCharge(seller.id, 6000, {
      capture_method: "manual",
      application_fee_amount: 600,
    });
    await t.stripe.paymentIntents.capture(full.id, { amount_to_capture: 2500, application_fee_amount: 250 });
    const fullCharge = await t.stripe.charges.retrieve(full.latest_charge as string);
    expect((await t.stripe.transfers.retrieve(fullCharge.transfer as string)).amount).toBe(2500);
    expect((await t.stripe.applicationFees.retrieve(fullCharge.application_fee as string)).amount).toBe(250);
  });
});

describe("refunds of destination charges", () => {
  it("reverse_transfer and refund_application_fee give back in proportion to each refund", async () => {
    const seller = await expressAccount(t);
    const platformBefore = await usd(t);
    const { charge } = await destinationCharge(seller.id, 10000, { application_fee_amount: 1000 });
    const refund = await t.stripe.refunds.create({
      charge: charge.id,
      amount: 4000,
      reverse_transfer: true,
      refund_application_fee: true,
    });
    expect(refund.status).toBe("succeeded");
    expect(refund.transfer_reversal).toMatch(/^trr_/);
    const transfer = await t.stripe.transfers.retrieve(charge.transfer as string);
    expect(transfer).toMatchObject({ amount_reversed: 4000, reversed: false });
    const reversal = await t.stripe.transfers.retrieveReversal(
      transfer.id,
      refund.transfer_reversal as string,
    );
    expect(reversal).toMatchObject({ amount: 4000, source_refund: refund.id });
    let fee = await t.stripe.applicationFees.retrieve(charge.application_fee as string);
    expect(fee.amount_refunded).toBe(400);
    expect(await eventsFor(t, "transfer.reversed", transfer.id)).toHaveLength(1);
    expect(await eventsFor(t, "application_fee.refunded", fee.id)).toHaveLength(1);

    const rest = await t.stripe.refunds.create({
      charge: charge.id,
      reverse_transfer: true,
      refund_application_fee: true,
    });
    expect(rest.amount).toBe(6000);
    expect(await t.stripe.transfers.retrieve(transfer.id)).toMatchObject({
      amount_reversed: 10000,
      reversed: true,
    });
    fee = await t.stripe.applicationFees.retrieve(charge.application_fee as string);
    expect(fee).toMatchObject({ amount_refunded: 1000, refunded: true });

    // Everything went back: the seller keeps nothing, the platform is out of Stripe's fee only.
    expect((await usd(t, seller.id)).total).toBe(0);
    const stripeFee = Math.round(10000 * 0.029) + 30;
    expect((await usd(t)).total - platformBefore.total).toBe(-stripeFee);
  });

  it("without reverse_transfer the platform pays the refund and the seller keeps the transfer", async () => {
    const seller = await expressAccount(t);
    const { charge } = await destinationCharge(seller.id, 5000, {
      transfer_data: { destination: seller.id, amount: 4000 },
    });
    await t.stripe.refunds.create({ charge: charge.id, amount: 2500 });
    expect((await t.stripe.transfers.retrieve(charge.transfer as string)).amount_reversed).toBe(0);
    expect((await usd(t, seller.id)).total).toBe(4000);
    // With reverse_transfer, in proportion to the transfer: 4000 × 2500 / 5000.
    const refund = await t.stripe.refunds.create({ charge: charge.id, amount: 2500, reverse_transfer: true });
    const reversal = await t.stripe.transfers.retrieveReversal(
      charge.transfer as string,
      refund.transfer_reversal as string,
    );
    expect(reversal.amount).toBe(2000);
    expect((await usd(t, seller.id)).total).toBe(2000);
  });

  it("a transfer reversed by hand first leaves nothing for reverse_transfer to take", async () => {
    const seller = await expressAccount(t);
    const { charge } = await destinationCharge(seller.id, 3000);
    await t.stripe.transfers.createReversal(charge.transfer as string);
    const refund = await t.stripe.refunds.create({ charge: charge.id, reverse_transfer: true });
    expect(refund.transfer_reversal).toBeNull();
    const err = await rejects(t.stripe.transfers.createReversal(charge.transfer as string));
    expect(err.message).toContain("is already fully reversed");
  });
});
