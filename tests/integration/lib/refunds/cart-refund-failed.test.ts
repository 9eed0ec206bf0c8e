import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { getRefundStep } from "@/db/queries/cart-refund-steps";
import { listSellerTransfers } from "@/db/queries/cart-checkouts";
import { cartRefundSteps, orders, refunds } from "@/db/schema";
import { makeCartTransfers } from "@/lib/cart/transfers";
import { createRefund } from "@/lib/refunds/create-refund";
import { runDueRefundSteps } from "@/lib/refunds/refund-steps";
import { fundPlatform, paidCart } from "@/tests/helpers/cart-checkout";
import { shopWithProduct } from "@/tests/helpers/checkout";
import { emulator, testStripe } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import { postEvent, waitFor } from "@/tests/helpers/webhooks";

/*
 * A cart line's buyer refund that fails after the seller's transfer was reversed for it (the buyer's card
 * was closed: test card 5126). The platform then holds the seller's money: the cart-refund-steps job pays
 * it back with one transfer, never two, and the line can be refunded again without taking it twice.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-jar")).browserHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let alice: Awaited<ReturnType<typeof shopWithProduct>>;
let bob: Awaited<ReturnType<typeof shopWithProduct>>;
beforeAll(async () => {
  alice = await shopWithProduct({ price: 2800 });
  bob = await shopWithProduct({ price: 4500 });
});

/** Transfers from the platform to this account, newest first. */
async function transfersTo(account: string): Promise<Stripe.Transfer[]> {
  return (await testStripe().transfers.list({ destination: account, limit: 100 })).data;
}

/** Stripe's refund.failed for this refund, posted to the webhook route. */
async function deliverRefundFailed(stripeRefundId: string): Promise<void> {
  const event = await waitFor(
    async () =>
      (await emulator().events({ type: "refund.failed" })).find(
        (e) => (e.data.object as { id: string }).id === stripeRefundId,
      ),
    20_000,
    `refund.failed for ${stripeRefundId}`,
  );
  expect((await postEvent(event)).status).toBe(200);
}

describe("a cart line's buyer refund that fails after the seller's reversal", () => {
  it("pays the seller back once, and a new refund of the line takes it once", async () => {
    const paid = await paidCart(
      [
        [alice.product.id, 1],
        [bob.product.id, 1],
      ],
      "4000000000005126",
    );
    await makeCartTransfers();
    const bobLine = paid.lines.find((o) => o.sellerId === bob.seller.id)!;
    const bobAccount = bobLine.stripeAccountId;
    const [cartTransfer] = (await listSellerTransfers({ cartCheckoutId: paid.id })).filter(
      (t) => t.sellerId === bob.seller.id,
    );
    await fundPlatform();
    const admin = await createTestUser("admin");
    const { refund } = await createRefund(admin, {
      orderId: bobLine.id,
      amount: bobLine.amount,
      reason: "requested_by_customer",
      refundApplicationFee: false,
    });
    const step = (await getRefundStep({ refundId: refund.id }))!;
    // The fee is kept: the seller gives back what their transfer paid them for the line.
    expect(step).toMatchObject({
      kind: "transfer_reversal",
      amount: bobLine.amount - bobLine.applicationFeeAmount,
    });
    expect(step.stripeId).toMatch(/^trr_/);
    const before = await transfersTo(bobAccount);

    // Nothing to pay back while the buyer's refund may still succeed.
    await runDueRefundSteps();
    expect(await transfersTo(bobAccount)).toHaveLength(before.length);

    await deliverRefundFailed(refund.stripeRefundId!);
    const [failed] = await db.select().from(refunds).where(eq(refunds.id, refund.id));
    expect(failed).toMatchObject({ status: "failed" });
    const [line] = await db.select().from(orders).where(eq(orders.id, bobLine.id));
    expect(line).toMatchObject({ amountRefunded: 0, refundState: "none" });

    await runDueRefundSteps();
    const after = await transfersTo(bobAccount);
    expect(after).toHaveLength(before.length + 1);
    const payback = after.find((t) => t.metadata?.refund_id === refund.id)!;
    expect(payback).toMatchObject({
      amount: step.amount,
      currency: "usd",
      destination: bobAccount,
      metadata: { refund_id: refund.id, pays_back: step.stripeId },
    });
    expect(await getRefundStep({ refundId: refund.id })).toMatchObject({
      paidBackStripeId: payback.id,
      lastError: null,
    });
    // What bob holds for the line again: the transfer less its reversal, plus the payback.
    const original = await testStripe().transfers.retrieve(cartTransfer!.stripeTransferId!);
    expect(original.amount - original.amount_reversed + payback.amount).toBe(original.amount);

    // The job again (a second worker, the next minute): no second payback.
    await runDueRefundSteps();
    expect(await transfersTo(bobAccount)).toHaveLength(before.length + 1);

    // As if our write of Stripe's answer had been lost: the job finds the transfer it made.
    await db
      .update(cartRefundSteps)
      .set({ paidBackStripeId: null })
      .where(eq(cartRefundSteps.refundId, refund.id));
    await runDueRefundSteps();
    expect(await getRefundStep({ refundId: refund.id })).toMatchObject({ paidBackStripeId: payback.id });
    expect(await transfersTo(bobAccount)).toHaveLength(before.length + 1);

    // The line can be refunded again: the seller's transfer for the cart is reversed in full, so the new
    // reversal is on the payback, and the seller gives back the 10.00 once.
    const again = await createRefund(admin, {
      orderId: bobLine.id,
      amount: 1000,
      reason: "requested_by_customer",
      refundApplicationFee: false,
    });
    const secondStep = (await getRefundStep({ refundId: again.refund.id }))!;
    expect(secondStep).toMatchObject({ amount: 1000, lastError: null });
    const onPayback = (await testStripe().transfers.listReversals(payback.id)).data;
    expect(onPayback.map((r) => [r.id, r.amount])).toEqual([[secondStep.stripeId, 1000]]);
    expect((await testStripe().transfers.retrieve(original.id)).amount_reversed).toBe(original.amount);
  });
});
