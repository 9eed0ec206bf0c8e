import { beforeAll, describe, expect, it, vi } from "vitest";
import { listOpenFindings } from "@/db/queries/reconcile";
import { listSellerTransfers } from "@/db/queries/cart-checkouts";
import { makeCartTransfers } from "@/lib/cart/transfers";
import { reconcileCartPayments } from "@/lib/reconcile/cart-payments";
import { cartCheckoutRow, paidCart } from "@/tests/helpers/cart-checkout";
import { shopWithProduct } from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";
import { setOrderState } from "@/tests/helpers/orders";

/*
 * The payment check for carts paid through Stripe Checkout: each line against its share of the cart's one
 * PaymentIntent (status, refunds naming the line), each seller's transfer against Stripe's, and the cart as
 * a whole (total, refunds made in the Dashboard that name no line). Scoped to the file's carts.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-jar")).browserHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let alice: Awaited<ReturnType<typeof shopWithProduct>>;
let bob: Awaited<ReturnType<typeof shopWithProduct>>;
beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  alice = await shopWithProduct({ price: 2800 });
  bob = await shopWithProduct({ price: 4500 });
});

const fields = async (orderId: string) =>
  (await listOpenFindings({ limit: 50, orderIds: [orderId] })).map((f) => [f.field, f.ours, f.stripe]).sort();

describe("reconcileCartPayments", () => {
  it("finds a line, a seller's transfer and a Dashboard refund that differ from Stripe, and resolves them when fixed", async () => {
    const paid = await paidCart([
      [alice.product.id, 1],
      [bob.product.id, 1],
    ]);
    await makeCartTransfers();
    const check = () => reconcileCartPayments({ checkouts: [paid.id] });
    const [first] = [...paid.lines].sort((a, b) => a.id.localeCompare(b.id));
    const bobLine = paid.lines.find((l) => l.sellerId === bob.seller.id)!;
    const aliceLine = paid.lines.find((l) => l.sellerId === alice.seller.id)!;

    // Just paid, transfers made: every line agrees.
    expect(await check()).toMatchObject({ checked: 2, different: 0, opened: 0 });

    // Our row says alice's line was refunded in part; Stripe has no refund naming it.
    await setOrderState(aliceLine.id, { amountRefunded: 500, refundState: "partially_refunded" });
    // Bob's transfer reversed at Stripe, and its event never reached us.
    const bobTransfer = (await listSellerTransfers({ cartCheckoutId: paid.id })).find(
      (t) => t.sellerId === bob.seller.id,
    )!;
    await testStripe().transfers.createReversal(bobTransfer.stripeTransferId!, { amount: 300 });
    // A refund made in the Stripe Dashboard on the cart's payment: it names no line.
    const { paymentIntentId } = await cartCheckoutRow(paid.id);
    await testStripe().refunds.create({ payment_intent: paymentIntentId!, amount: 700 });

    expect(await check()).toMatchObject({ checked: 2, different: 2, opened: 3 });
    expect(await fields(aliceLine.id)).toEqual(
      [
        ["amount_refunded", "500", "0"],
        ...(aliceLine.id === first!.id ? [["cart_refunds_naming_no_line", "0", "700"]] : []),
      ].sort(),
    );
    expect(await fields(bobLine.id)).toEqual(
      [
        ["transfer_reversed", "0", "300"],
        ...(bobLine.id === first!.id ? [["cart_refunds_naming_no_line", "0", "700"]] : []),
      ].sort(),
    );

    // A second run opens nothing new; fixing our row resolves its finding, the others stay open.
    expect(await check()).toMatchObject({ different: 2, opened: 0 });
    await setOrderState(aliceLine.id, { amountRefunded: 0, refundState: "none" });
    expect(await check()).toMatchObject({ resolved: 1 });
    expect((await fields(aliceLine.id)).map(([field]) => field)).not.toContain("amount_refunded");
  });

  it("a refund the app made for a line counts for that line only", async () => {
    const paid = await paidCart([
      [alice.product.id, 1],
      [bob.product.id, 1],
    ]);
    const { paymentIntentId } = await cartCheckoutRow(paid.id);
    const bobLine = paid.lines.find((l) => l.sellerId === bob.seller.id)!;
    // As lib/refunds/stripe-refund.ts makes it: metadata names the line; our row says the same.
    await testStripe().refunds.create({
      payment_intent: paymentIntentId!,
      amount: 1200,
      metadata: { order_id: bobLine.id },
    });
    await setOrderState(bobLine.id, { amountRefunded: 1200, refundState: "partially_refunded" });
    expect(await reconcileCartPayments({ checkouts: [paid.id] })).toMatchObject({ checked: 2, different: 0 });
  });
});
