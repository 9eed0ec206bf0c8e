/**
 * Separate charges and transfers (docs.stripe.com/connect/separate-charges-and-transfers): a platform charge
 * paying two sellers with `source_transaction`, Stripe's refusals, idempotent retries, balances, lists.
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { emulatorForFile, expressAccount, rejects } from "./helpers";
import { DAYS, eventsFor, platformCharge, usd } from "./transfer-helpers";

const t = emulatorForFile();

describe("transfers with source_transaction", () => {
  it("splits one platform charge between two sellers, never more than the charge", async () => {
    const [a, b] = [await expressAccount(t), await expressAccount(t)];
    const platformBefore = await usd(t);
    const { charge } = await platformCharge(t, 10000, { transfer_group: "ORDER_1" });
    const toA = await t.stripe.transfers.create({
      amount: 7000,
      currency: "usd",
      destination: a.id,
      source_transaction: charge.id,
      metadata: { order: "1" },
      description: "Seller A's share",
    });
    expect(toA).toMatchObject({
      object: "transfer",
      amount: 7000,
      amount_reversed: 0,
      reversed: false,
      currency: "usd",
      destination: a.id,
      source_transaction: charge.id,
      source_type: "card",
      transfer_group: "ORDER_1",
      metadata: { order: "1" },
      description: "Seller A's share",
      livemode: false,
      reversals: { object: "list", data: [], url: `/v1/transfers/${toA.id}/reversals` },
    });
    expect(toA.id).toMatch(/^tr_/);
    expect(toA.balance_transaction).toMatch(/^txn_/);
    const toB = await t.stripe.transfers.create({
      amount: 2000,
      currency: "usd",
      destination: b.id,
      source_transaction: charge.id,
    });
    expect(toB.transfer_group).toBe("ORDER_1"); // the charge's group, as Stripe assigns it

    // The seller's side: a py_ payment made by the transfer, crediting its (pending) balance.
    const payment = await t.stripe.charges.retrieve(
      toA.destination_payment as string,
      {},
      { stripeAccount: a.id },
    );
    expect(payment).toMatchObject({ amount: 7000, source_transfer: toA.id, paid: true, status: "succeeded" });
    expect(payment.id).toMatch(/^py_/);
    expect(payment.payment_method_details?.type).toBe("stripe_account");

    const over = await rejects(
      t.stripe.transfers.create({
        amount: 1001,
        currency: "usd",
        destination: b.id,
        source_transaction: charge.id,
      }),
    );
    expect(over.statusCode).toBe(400);
    expect(over.param).toBe("amount");
    expect(over.message).toContain("$10.01");
    const wrongCurrency = await rejects(
      t.stripe.transfers.create({
        amount: 100,
        currency: "eur",
        destination: b.id,
        source_transaction: charge.id,
      }),
    );
    expect(wrongCurrency.param).toBe("currency");
    // Exactly what is left goes through.
    await t.stripe.transfers.create({
      amount: 1000,
      currency: "usd",
      destination: b.id,
      source_transaction: charge.id,
    });

    // Balances: the transfers take on the charge's pending period, on both sides.
    const fee = Math.round(10000 * 0.029) + 30;
    const platform = await usd(t);
    expect(platform.pending - platformBefore.pending).toBe(10000 - fee - 10000);
    expect(await usd(t, a.id)).toMatchObject({ available: 0, pending: 7000 });
    expect(await usd(t, b.id)).toMatchObject({ available: 0, pending: 3000 });
    await t.control("/_emulator/clock/advance", { seconds: 2 * DAYS + 1 });
    expect(await usd(t, a.id)).toMatchObject({ available: 7000, pending: 0 });
    expect(await usd(t, b.id)).toMatchObject({ available: 3000, pending: 0 });

    const created = await eventsFor(t, "transfer.created", toA.id);
    expect(created).toHaveLength(1);
    expect(created[0]?.account).toBeUndefined(); // a platform event
  });

  it("refuses a destination without an active transfers capability, and unknown ones", async () => {
    const fresh = await expressAccount(t, false);
    const { charge } = await platformCharge(t, 2000);
    const err = await rejects(
      t.stripe.transfers.create({
        amount: 500,
        currency: "usd",
        destination: fresh.id,
        source_transaction: charge.id,
      }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe("insufficient_capabilities_for_transfer");
    expect(err.message).toBe(
      "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
    );
    const unknown = await rejects(
      t.stripe.transfers.create({ amount: 500, currency: "usd", destination: "acct_nope" }),
    );
    expect(unknown).toMatchObject({ code: "resource_missing", param: "destination" });
    const ready = await expressAccount(t);
    const missingCharge = await rejects(
      t.stripe.transfers.create({
        amount: 500,
        currency: "usd",
        destination: ready.id,
        source_transaction: "ch_nope",
      }),
    );
    expect(missingCharge).toMatchObject({ code: "resource_missing", param: "source_transaction" });
    expect((await t.stripe.transfers.list({ destination: fresh.id })).data).toHaveLength(0);
  });

  it("without source_transaction the platform's available balance must cover it", async () => {
    const seller = await expressAccount(t);
    const err = await rejects(
      t.stripe.transfers.create({ amount: 90_000_000, currency: "usd", destination: seller.id }),
    );
    expect(err.code).toBe("balance_insufficient");
    expect(err.message).toContain("insufficient funds in your Stripe account for this transfer");
    // Money available at once (test card 0077) can be sent, and arrives available.
    await platformCharge(t, 5000, { payment_method: "pm_card_bypassPending" });
    const transfer = await t.stripe.transfers.create({
      amount: 1500,
      currency: "usd",
      destination: seller.id,
    });
    expect(transfer.source_transaction).toBeNull();
    expect(transfer.transfer_group).toBeNull();
    expect(await usd(t, seller.id)).toMatchObject({ available: 1500, pending: 0 });
  });

  it("an idempotent retry returns the same transfer and moves the money once", async () => {
    const seller = await expressAccount(t);
    const { charge } = await platformCharge(t, 3000);
    const params = { amount: 1200, currency: "usd", destination: seller.id, source_transaction: charge.id };
    const first = await t.stripe.transfers.create(params, { idempotencyKey: "transfer-once" });
    const again = await t.stripe.transfers.create(params, { idempotencyKey: "transfer-once" });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await t.stripe.transfers.list({ destination: seller.id })).data).toHaveLength(1);
    expect((await usd(t, seller.id)).total).toBe(1200);
  });

  it("is refused under Stripe-Account; the platform's transfers are invisible there", async () => {
    const seller = await expressAccount(t);
    const other = await expressAccount(t);
    const { charge } = await platformCharge(t, 2000);
    const transfer = await t.stripe.transfers.create({
      amount: 500,
      currency: "usd",
      destination: other.id,
      source_transaction: charge.id,
    });
    const err = await rejects(
      t.stripe.transfers.create(
        { amount: 100, currency: "usd", destination: other.id },
        { stripeAccount: seller.id },
      ),
    );
    expect(err.statusCode).toBe(400);
    expect((await t.stripe.transfers.list({}, { stripeAccount: other.id })).data).toHaveLength(0);
    const hidden = await rejects(t.stripe.transfers.retrieve(transfer.id, {}, { stripeAccount: other.id }));
    expect(hidden).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("refunding the source charge reverses nothing; a fully refunded charge funds no more transfers", async () => {
    const seller = await expressAccount(t);
    const { charge } = await platformCharge(t, 4000);
    const transfer = await t.stripe.transfers.create({
      amount: 1000,
      currency: "usd",
      destination: seller.id,
      source_transaction: charge.id,
    });
    // The charge has no transfer of its own (it is not a destination charge): Stripe's error.
    const reverse = await rejects(
      t.stripe.refunds.create({ charge: charge.id, amount: 100, reverse_transfer: true }),
    );
    expect(reverse).toMatchObject({ statusCode: 400, param: "reverse_transfer" });
    await t.stripe.refunds.create({ charge: charge.id });
    expect(await t.stripe.transfers.retrieve(transfer.id)).toMatchObject({
      amount_reversed: 0,
      reversed: false,
    });
    expect((await usd(t, seller.id)).total).toBe(1000);
    const err = await rejects(
      t.stripe.transfers.create({
        amount: 100,
        currency: "usd",
        destination: seller.id,
        source_transaction: charge.id,
      }),
    );
    expect(err.param).toBe("source_transaction");
  });
});

describe("transfer lists and updates", () => {
  it("filters by destination, transfer_group and created, paginates, and updates metadata", async () => {
    const [a, b] = [await expressAccount(t), await expressAccount(t)];
    const { charge } = await platformCharge(t, 6000, { transfer_group: "LIST_GROUP" });
    const make = (destination: string, amount: number): Promise<Stripe.Transfer> =>
      t.stripe.transfers.create({ amount, currency: "usd", destination, source_transaction: charge.id });
    const first = await make(a.id, 1000);
    const second = await make(a.id, 1000);
    const third = await make(b.id, 1000);
    expect((await t.stripe.transfers.list({ destination: a.id })).data.map((x) => x.id)).toEqual([
      second.id,
      first.id,
    ]);
    const group = await t.stripe.transfers.list({ transfer_group: "LIST_GROUP" });
    expect(group.data.map((x) => x.id)).toEqual([third.id, second.id, first.id]);
    const page = await t.stripe.transfers.list({ transfer_group: "LIST_GROUP", limit: 2 });
    expect(page.has_more).toBe(true);
    const next = await t.stripe.transfers.list({
      transfer_group: "LIST_GROUP",
      limit: 2,
      starting_after: page.data[1]?.id as string,
    });
    expect(next.data.map((x) => x.id)).toEqual([first.id]);
    expect(
      (await t.stripe.transfers.list({ transfer_group: "LIST_GROUP", created: { gt: third.created } })).data,
    ).toHaveLength(0);
    expect(
      (await t.stripe.transfers.list({ transfer_group: "LIST_GROUP", created: { gte: first.created } })).data,
    ).toHaveLength(3);

    const updated = await t.stripe.transfers.update(first.id, {
      metadata: { payout_batch: "7" },
      description: "Batch 7",
    });
    expect(updated).toMatchObject({ metadata: { payout_batch: "7" }, description: "Batch 7" });
    const events = await eventsFor(t, "transfer.updated", first.id);
    expect(events[0]?.data.previous_attributes).toMatchObject({ metadata: {}, description: null });
    expect(
      (await t.control<{ counts: { transfers: number } }>("/_emulator/state")).counts.transfers,
    ).toBeGreaterThan(0);
    const bad = await rejects(
      t.stripe.transfers.update(first.id, { amount: 5 } as Stripe.TransferUpdateParams),
    );
    expect(bad.code).toBe("parameter_unknown");
  });
});
