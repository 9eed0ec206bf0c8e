import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { getRefundStep } from "@/db/queries/cart-refund-steps";
import { getSellerOrder } from "@/db/queries/seller-dashboard";
import { listSellerTransfers } from "@/db/queries/cart-checkouts";
import { cartRefundSteps, orders, refunds, sellerTransfers, type Order } from "@/db/schema";
import { makeCartTransfers } from "@/lib/cart/transfers";
import { sellerReceives } from "@/lib/connect/seller-orders";
import { formatMoney } from "@/lib/money";
import { createRefund } from "@/lib/refunds/create-refund";
import { describeSplit } from "@/lib/refunds/preview";
import { WAITING_FOR_PLATFORM_FUNDS_NOTE } from "@/lib/refunds/refund-note";
import { runDueRefundSteps } from "@/lib/refunds/refund-steps";
import { handleRefundEvent } from "@/lib/webhooks/refunds";
import { cartCheckoutRow, deliverPlatformEvent, fundPlatform, paidCart } from "@/tests/helpers/cart-checkout";
import { createTestProduct, shopWithProduct } from "@/tests/helpers/checkout";
import { emulator, testStripe } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import { applyWith, postEvent, variantOf, waitFor } from "@/tests/helpers/webhooks";

/*
 * The admin refunds one line of a cart paid through Stripe Checkout (lib/refunds/stripe-refund.ts): the
 * buyer is refunded on the platform's payment, and the seller of that line — and only that seller — gives
 * back exactly what a direct charge's refund would take from them: the line minus the fee the platform
 * returns. Against the emulator through the real SDK, and the webhook route for what follows.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-jar")).browserHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let alice: Awaited<ReturnType<typeof shopWithProduct>>;
let bob: Awaited<ReturnType<typeof shopWithProduct>>;
let aliceMug: Awaited<ReturnType<typeof createTestProduct>>;
beforeAll(async () => {
  alice = await shopWithProduct({ price: 2800 });
  aliceMug = await createTestProduct(alice.seller.id, { price: 1500 });
  bob = await shopWithProduct({ price: 4500 });
});

const refundLine = async (line: Order, amount: number, refundApplicationFee: boolean) =>
  createRefund(await createTestUser("admin"), {
    orderId: line.id,
    amount,
    reason: "requested_by_customer",
    refundApplicationFee,
  });

async function orderRow(id: string): Promise<Order> {
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row!;
}

/** Every platform event about this refund, up to the one that says it succeeded, posted to the webhook route. */
async function deliverRefundEvents(refundId: string): Promise<void> {
  const events = await waitFor(async () => {
    const all = [
      ...(await emulator().events({ type: "refund.created" })),
      ...(await emulator().events({ type: "refund.updated" })),
    ].filter((e) => (e.data.object as { id: string }).id === refundId && !e.account);
    const done = all.some((e) => (e.data.object as { status: string }).status === "succeeded");
    return done ? all.sort((a, b) => a.created - b.created) : undefined;
  }, 20_000);
  for (const event of events) expect((await postEvent(event)).status).toBe(200);
}

/** "You receive" on the seller's order page. */
async function receives(sellerId: string, orderId: string): Promise<number> {
  return sellerReceives((await getSellerOrder({ sellerId, orderId }))!);
}

async function transferOf(checkoutId: string, sellerId: string) {
  const row = (await listSellerTransfers({ cartCheckoutId: checkoutId })).find(
    (t) => t.sellerId === sellerId,
  );
  return testStripe().transfers.retrieve(row!.stripeTransferId!);
}

/** A paid cart of one of alice's and `bobQuantity` of bob's, with both sellers' transfers made. */
async function paidTwoSellerCart(bobQuantity: number) {
  const paid = await paidCart([
    [alice.product.id, 1],
    [bob.product.id, bobQuantity],
  ]);
  await makeCartTransfers();
  const lineOf = (sellerId: string) => paid.lines.find((o) => o.sellerId === sellerId)!;
  return { ...paid, aliceLine: lineOf(alice.seller.id), bobLine: lineOf(bob.seller.id) };
}

describe("separate charges (two sellers)", () => {
  it("refunds the buyer on the platform and reverses only that seller's transfer, by the line minus the fee returned", async () => {
    const { id, bobLine, aliceLine } = await paidTwoSellerCart(2);
    const { refund, preview } = await refundLine(bobLine, bobLine.amount, true);
    expect(preview.feeReturned).toBe(bobLine.applicationFeeAmount);
    // What the admin confirmed says where the seller's part comes from.
    expect(describeSplit(preview)).toBe(
      `${formatMoney(bobLine.amount - bobLine.applicationFeeAmount, "usd")} of the seller's transfer for the cart is reversed; the platform returns ${formatMoney(bobLine.applicationFeeAmount, "usd")} of its fee`,
    );
    // When the platform's balance cannot cover it yet (its sellers were paid out of the charge; other tests'
    // payments may have filled it), the refund waits for the reversal's money, and says it is the platform's.
    if (refund.status === "pending") expect(refund.failureReason).toBe(WAITING_FOR_PLATFORM_FUNDS_NOTE);
    else expect(refund).toMatchObject({ status: "succeeded", failureReason: null });

    const paymentIntent = (await cartCheckoutRow(id)).paymentIntentId;
    const atStripe = await testStripe().refunds.retrieve(refund.stripeRefundId!);
    expect(atStripe).toMatchObject({
      amount: bobLine.amount,
      payment_intent: paymentIntent,
      metadata: { refund_id: refund.id, order_id: bobLine.id },
    });
    const bobTransfer = await transferOf(id, bob.seller.id);
    expect(bobTransfer.amount_reversed).toBe(bobLine.amount - bobLine.applicationFeeAmount);
    expect((await transferOf(id, alice.seller.id)).amount_reversed).toBe(0);
    const step = await getRefundStep({ refundId: refund.id });
    expect(step).toMatchObject({ kind: "transfer_reversal", stripeObjectId: bobTransfer.id });
    expect(step!.stripeId).toBe(bobTransfer.reversals.data[0]!.id);

    // What follows at Stripe reaches our tables: the reversal, and the refund settled once the platform's
    // balance covers it (the reversal's money came back).
    await deliverPlatformEvent("transfer.reversed", bobTransfer.id);
    expect(
      (await listSellerTransfers({ cartCheckoutId: id })).find((t) => t.sellerId === bob.seller.id),
    ).toMatchObject({ amountReversed: bobLine.amount - bobLine.applicationFeeAmount });
    await fundPlatform();
    await deliverRefundEvents(atStripe.id);
    expect(await orderRow(bobLine.id)).toMatchObject({
      amountRefunded: bobLine.amount,
      refundState: "refunded",
    });
    expect((await db.select().from(refunds).where(eq(refunds.id, refund.id)))[0]).toMatchObject({
      status: "succeeded",
      failureReason: null,
    });
    expect(await orderRow(aliceLine.id)).toMatchObject({ amountRefunded: 0, refundState: "none" });
    // What each seller's order page says they receive: bob nothing (the fee came back too), alice all of it.
    expect(await receives(bob.seller.id, bobLine.id)).toBe(0);
    expect(await receives(alice.seller.id, aliceLine.id)).toBe(
      aliceLine.amount - aliceLine.applicationFeeAmount,
    );

    // Never more than was paid; the second attempt writes nothing.
    await expect(refundLine(bobLine, 1, false)).rejects.toThrow(/already been refunded in full/);
    expect((await transferOf(id, bob.seller.id)).reversals.data).toHaveLength(1);
  });

  it("two admins refunding the same line at once: one refund, one reversal", async () => {
    const { id, aliceLine } = await paidTwoSellerCart(1);
    const results = await Promise.allSettled([
      refundLine(aliceLine, aliceLine.amount, false),
      refundLine(aliceLine, aliceLine.amount, false),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const paymentIntent = (await cartCheckoutRow(id)).paymentIntentId!;
    expect((await testStripe().refunds.list({ payment_intent: paymentIntent })).data).toHaveLength(1);
    const aliceTransfer = await transferOf(id, alice.seller.id);
    // The fee is kept: the seller gives back what they were paid for the line.
    expect(aliceTransfer.amount_reversed).toBe(aliceLine.amount - aliceLine.applicationFeeAmount);
    expect((await transferOf(id, bob.seller.id)).amount_reversed).toBe(0);
  });

  it("a reversal Stripe refuses is kept, shown with its reason and made by the job later", async () => {
    const { id, bobLine } = await paidTwoSellerCart(1);
    const bobTransferId = (await transferOf(id, bob.seller.id)).id;
    // The transfer is already reversed in full (say, from the Dashboard): Stripe refuses a further reversal.
    await testStripe().transfers.createReversal(bobTransferId);
    const { refund } = await refundLine(bobLine, 1000, false);
    expect(refund.stripeRefundId).toMatch(/^re_/); // the buyer's refund stands
    const step = await getRefundStep({ refundId: refund.id });
    expect(step).toMatchObject({ stripeId: null, attempts: 1, amount: 1000 });
    expect(step!.lastError).toBeTruthy();
    // The job retries it (still refused: it stays due, with one more attempt counted).
    const run = await runDueRefundSteps();
    expect(run.failed).toBeGreaterThanOrEqual(1);
    expect(await getRefundStep({ refundId: refund.id })).toMatchObject({ stripeId: null, attempts: 2 });
  });

  it("a lost answer: the job finds the reversal Stripe made and does not make another", async () => {
    const { id, aliceLine } = await paidTwoSellerCart(1);
    const { refund } = await refundLine(aliceLine, 1000, false);
    const made = (await getRefundStep({ refundId: refund.id }))!.stripeId!;
    // As if our write of Stripe's answer had been lost.
    await db.update(cartRefundSteps).set({ stripeId: null }).where(eq(cartRefundSteps.refundId, refund.id));
    await runDueRefundSteps();
    expect(await getRefundStep({ refundId: refund.id })).toMatchObject({ stripeId: made });
    expect((await transferOf(id, alice.seller.id)).reversals.data).toHaveLength(1);
  });
});

describe("a destination charge (one seller, two lines)", () => {
  it("refunds with reverse_transfer and gives back exactly the line's own fee, not a share of the cart's", async () => {
    const { id, lines } = await paidCart([
      [alice.product.id, 1],
      [aliceMug.id, 2],
    ]);
    const mugLine = lines.find((o) => o.productId === aliceMug.id)!;
    const { refund, preview } = await refundLine(mugLine, mugLine.amount, true);
    expect(preview.feeReturned).toBe(mugLine.applicationFeeAmount);

    const atStripe = await testStripe().refunds.retrieve(refund.stripeRefundId!, {
      expand: ["transfer_reversal"],
    });
    // The seller's transfer was the whole charge: the refunded amount comes back from it.
    expect(atStripe.transfer_reversal).toMatchObject({ amount: mugLine.amount });
    const checkout = await cartCheckoutRow(id);
    const intent = await testStripe().paymentIntents.retrieve(checkout.paymentIntentId!, {
      expand: ["latest_charge.application_fee"],
    });
    const fee = (intent.latest_charge as { application_fee: { amount: number; amount_refunded: number } })
      .application_fee;
    expect(fee.amount).toBe(checkout.applicationFeeTotal);
    expect(fee.amount_refunded).toBe(mugLine.applicationFeeAmount);
    const step = await getRefundStep({ refundId: refund.id });
    expect(step).toMatchObject({ kind: "fee_refund", amount: mugLine.applicationFeeAmount });
    expect(step!.stripeId).toMatch(/^fr_/);

    await fundPlatform();
    await deliverRefundEvents(atStripe.id);
    expect(await orderRow(mugLine.id)).toMatchObject({
      amountRefunded: mugLine.amount,
      refundState: "refunded",
    });
    expect(await receives(alice.seller.id, mugLine.id)).toBe(0);
  });

  it("a partial refund keeping the fee: reversal of the refunded amount, no fee refund", async () => {
    const { lines } = await paidCart([[alice.product.id, 2]]);
    const [line] = lines;
    const { refund } = await refundLine(line!, 2800, false);
    const atStripe = await testStripe().refunds.retrieve(refund.stripeRefundId!, {
      expand: ["transfer_reversal"],
    });
    expect(atStripe.transfer_reversal).toMatchObject({ amount: 2800 });
    expect(await getRefundStep({ refundId: refund.id })).toMatchObject({ amount: 0, feeReturned: 0 });
  });
});

describe("refusals write nothing", () => {
  it("a line whose seller's transfer is not made yet, and a platform refund event naming another payment", async () => {
    const { id, lines } = await paidCart([
      [alice.product.id, 1],
      [bob.product.id, 1],
    ]);
    const bobLine = lines.find((o) => o.sellerId === bob.seller.id)!;
    const aliceLine = lines.find((o) => o.sellerId === alice.seller.id)!;
    // Before its seller's transfer exists, a separate-charges line cannot be refunded yet. (The webhook's
    // delivery already started the transfers in the background: wait for them, then forget bob's.)
    await waitFor(async () =>
      (await listSellerTransfers({ cartCheckoutId: id })).every((t) => t.stripeTransferId),
    );
    await db
      .update(sellerTransfers)
      .set({ stripeTransferId: null })
      .where(and(eq(sellerTransfers.cartCheckoutId, id), eq(sellerTransfers.sellerId, bob.seller.id)));
    await expect(refundLine(bobLine, 100, false)).rejects.toThrow(/transfer for the cart is not made yet/);
    const paymentIntent = (await cartCheckoutRow(id)).paymentIntentId!;
    expect((await testStripe().refunds.list({ payment_intent: paymentIntent })).data).toHaveLength(0);

    // A real refund of alice's line, then forged variants of its event: bob's order id on another payment,
    // and on a connected account. Neither touches bob's line.
    await makeCartTransfers();
    const { refund } = await refundLine(aliceLine, 500, false);
    const event = await deliverPlatformEvent("refund.created", refund.stripeRefundId!);
    const forged = {
      id: "re_forged_1",
      payment_intent: "pi_someone_else",
      metadata: { order_id: bobLine.id },
    };
    expect(await applyWith(handleRefundEvent, variantOf(event, { object: forged }))).toMatchObject({
      status: "ignored",
    });
    const onAccount = variantOf(event, {
      account: bob.account.stripeAccountId,
      object: { ...forged, id: "re_forged_2", payment_intent: paymentIntent },
    });
    expect(await applyWith(handleRefundEvent, onAccount)).toMatchObject({ status: "ignored" });
    expect(await orderRow(bobLine.id)).toMatchObject({ amountRefunded: 0, refundState: "none" });
    expect(await db.select().from(refunds).where(eq(refunds.orderId, bobLine.id))).toEqual([]);
  });
});
