import { describe, expect, it } from "vitest";
import { listPayoutsForAccount } from "@/db/queries/payouts";
import { testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder } from "@/tests/helpers/orders";
import { applyWith, emulatorEvent, postEvent, variantOf } from "@/tests/helpers/webhooks";
import { handlePayoutEvent } from "@/lib/webhooks/payouts";

/* payout.* → the payouts table per seller, from real payouts of a seller's available balance. */

async function sellerWithPayout(method: "standard" | "instant") {
  // Card 0077 makes the funds available at once, so the seller can be paid out.
  const paid = await createPaidOrder({ amount: 9_000, paymentMethod: "pm_card_bypassPending" });
  const payout = await testStripe().payouts.create(
    { amount: 5_000, currency: "usd", method },
    { stripeAccount: paid.account.stripeAccountId },
  );
  return { paid, payout, account: paid.account.stripeAccountId };
}

describe("payout events", () => {
  it("stores a seller's payout and its arrival", async () => {
    const { payout, account } = await sellerWithPayout("instant");
    const created = await emulatorEvent(account, "payout.created");
    const paidEvent = await emulatorEvent(account, "payout.paid");

    expect((await postEvent(created)).status).toBe(200);
    expect(await listPayoutsForAccount({ stripeAccountId: account })).toEqual([
      expect.objectContaining({
        stripePayoutId: payout.id,
        amount: 5_000,
        currency: "usd",
        status: "pending",
        arrivalDate: new Date(payout.arrival_date * 1000),
      }),
    ]);
    await postEvent(paidEvent);
    expect(await listPayoutsForAccount({ stripeAccountId: account })).toEqual([
      expect.objectContaining({ stripePayoutId: payout.id, status: "paid" }),
    ]);
  });

  it("records a failure with its message, and a late payout.created does not undo it", async () => {
    const { payout, account } = await sellerWithPayout("standard");
    const created = await emulatorEvent(account, "payout.created");
    const failed = variantOf(created, {
      type: "payout.failed",
      created: created.created + 60,
      object: {
        status: "failed",
        failure_code: "no_account",
        failure_message: "No bank account could be located.",
      },
    });

    await applyWith(handlePayoutEvent, failed);
    expect(await applyWith(handlePayoutEvent, created)).toMatchObject({ status: "ignored" });

    expect(await listPayoutsForAccount({ stripeAccountId: account })).toEqual([
      expect.objectContaining({
        stripePayoutId: payout.id,
        status: "failed",
        failureMessage: "No bank account could be located.",
      }),
    ]);
  });

  it("records a canceled payout", async () => {
    const { payout, account } = await sellerWithPayout("standard");
    const created = await emulatorEvent(account, "payout.created");
    await applyWith(handlePayoutEvent, created);
    await applyWith(
      handlePayoutEvent,
      variantOf(created, { type: "payout.canceled", object: { status: "canceled" } }),
    );
    expect((await listPayoutsForAccount({ stripeAccountId: account }))[0]).toMatchObject({
      stripePayoutId: payout.id,
      status: "canceled",
    });
  });

  it("ignores the platform's own payouts and accounts that are not our sellers", async () => {
    const { account } = await sellerWithPayout("standard");
    const created = await emulatorEvent(account, "payout.created");
    const platform = variantOf(created, { account: null, object: { id: "po_platform" } });
    const stranger = variantOf(created, { account: "acct_stranger", object: { id: "po_stranger" } });

    expect(await applyWith(handlePayoutEvent, platform)).toMatchObject({ status: "ignored" });
    expect(await applyWith(handlePayoutEvent, stranger)).toMatchObject({ status: "ignored" });
    expect(await listPayoutsForAccount({ stripeAccountId: "acct_stranger" })).toEqual([]);
  });
});
