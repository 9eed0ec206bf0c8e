import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { insertPendingRefund } from "@/db/queries/refunds";
import { createRefund } from "@/lib/refunds/create-refund";
import type { Admin } from "@/lib/guards";
import { testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder } from "@/tests/helpers/orders";
import { createTestUser } from "@/tests/helpers/users";
import { applyWith, emulatorEvent, variantOf } from "@/tests/helpers/webhooks";
import { handleChargeRefunded, handleRefundEvent } from "@/lib/webhooks/refunds";
import { applyAll, eventsFor, orderOf, rowsOf } from "@/tests/helpers/refund-events";

/* refund.* and charge.refunded → refund rows and the order's refunded amount, with real emulator refunds. */

let admin: Admin;
beforeAll(async () => {
  admin = await createTestUser("admin");
});

describe("refunds made in the admin console", () => {
  it("settles our row (matched by Stripe's id) and follows the charge's refunded amount", async () => {
    const paid = await createPaidOrder({ amount: 10_000 });
    const { refund } = await createRefund(admin, {
      orderId: paid.order.id,
      amount: 2_500,
      reason: "requested_by_customer",
      refundApplicationFee: false,
    });

    await applyAll(await eventsFor(paid, refund.stripeRefundId ?? ""));

    expect(await rowsOf(paid)).toEqual([
      expect.objectContaining({ id: refund.id, status: "succeeded", amount: 2_500, createdBy: admin.id }),
    ]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 2_500, refundState: "partially_refunded" });
  });

  it("matches a row whose Stripe id was never stored through metadata.refund_id", async () => {
    const paid = await createPaidOrder({ amount: 4_000 });
    // As if the app crashed between Stripe creating the refund and us storing its answer.
    const row = await insertPendingRefund({
      orderId: paid.order.id,
      amount: 4_000,
      currency: "usd",
      reason: "duplicate",
      refundApplicationFee: false,
      createdBy: admin.id,
    });
    const atStripe = await testStripe().refunds.create(
      {
        payment_intent: paid.intent.id,
        amount: 4_000,
        reason: "duplicate",
        metadata: { refund_id: row.id, order_id: paid.order.id },
      },
      { stripeAccount: paid.account.stripeAccountId },
    );

    await applyAll(await eventsFor(paid, atStripe.id));

    expect(await rowsOf(paid)).toEqual([
      expect.objectContaining({ id: row.id, stripeRefundId: atStripe.id, status: "succeeded" }),
    ]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 4_000, refundState: "refunded" });
  });
});

describe("refunds made outside the app", () => {
  it("creates a refund row (no admin) for a refund made in the Stripe Dashboard", async () => {
    const paid = await createPaidOrder({ amount: 6_000 });
    const dashboard = await testStripe().refunds.create(
      { charge: paid.charge.id, amount: 1_000 },
      { stripeAccount: paid.account.stripeAccountId },
    );
    const created = await emulatorEvent(
      paid.account.stripeAccountId,
      "refund.created",
      (e) => (e.data.object as { id: string }).id === dashboard.id,
    );

    expect(await applyWith(handleRefundEvent, created)).toMatchObject({
      status: "applied",
      orderId: paid.order.id,
    });
    // The same refund reported again (charge.refunded lists it) must not make a second row.
    await applyAll(await eventsFor(paid, dashboard.id));

    expect(await rowsOf(paid)).toEqual([
      expect.objectContaining({
        stripeRefundId: dashboard.id,
        amount: 1_000,
        status: "succeeded",
        createdBy: null,
        reason: null,
      }),
    ]);
    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 1_000, refundState: "partially_refunded" });
  });
});

describe("ordering", () => {
  it("keeps the newest refunded amount when an older charge.refunded arrives last", async () => {
    const paid = await createPaidOrder({ amount: 8_000 });
    const stripe = testStripe();
    const first = await stripe.refunds.create(
      { charge: paid.charge.id, amount: 3_000 },
      { stripeAccount: paid.account.stripeAccountId },
    );
    const second = await stripe.refunds.create(
      { charge: paid.charge.id, amount: 5_000 },
      { stripeAccount: paid.account.stripeAccountId },
    );
    const older = await emulatorEvent(
      paid.account.stripeAccountId,
      "charge.refunded",
      (e) => (e.data.object as Stripe.Charge).amount_refunded === 3_000,
    );
    const newer = await emulatorEvent(
      paid.account.stripeAccountId,
      "charge.refunded",
      (e) => (e.data.object as Stripe.Charge).amount_refunded === 8_000,
    );

    await applyWith(handleChargeRefunded, newer);
    await applyWith(handleChargeRefunded, older);

    expect(await orderOf(paid)).toMatchObject({ amountRefunded: 8_000, refundState: "refunded" });
    const rows = await rowsOf(paid);
    expect(rows.map((r) => [r.stripeRefundId, r.status]).sort()).toEqual(
      [
        [first.id, "succeeded"],
        [second.id, "succeeded"],
      ].sort(),
    );
  });

  it("does not move a refund back to pending when a late refund.created follows refund.updated", async () => {
    const paid = await createPaidOrder({ amount: 2_000 });
    const refund = await testStripe().refunds.create(
      { charge: paid.charge.id },
      { stripeAccount: paid.account.stripeAccountId },
    );
    const created = await emulatorEvent(
      paid.account.stripeAccountId,
      "refund.created",
      (e) => (e.data.object as { id: string }).id === refund.id,
    );
    const pendingCopy = variantOf(created, { object: { status: "pending" }, created: created.created - 5 });

    await applyWith(handleRefundEvent, created);
    await applyWith(handleRefundEvent, pendingCopy);

    expect(await rowsOf(paid)).toEqual([
      expect.objectContaining({ stripeRefundId: refund.id, status: "succeeded" }),
    ]);
  });
});
