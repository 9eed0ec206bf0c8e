import { describe, expect, it } from "vitest";
import { upsertApplicationFee } from "@/db/queries/application-fees";
import { insertDispute } from "@/db/queries/disputes";
import { createPaidOrder, insertOrdersFor, setOrderState } from "@/tests/helpers/orders";
import { emulator, testStripe } from "@/tests/helpers/emulator";
import { explainNegativeBalance } from "@/lib/connect/balance-explanation";
import { feeText, sellerOrderStatus, sellerReceives } from "@/lib/connect/seller-orders";
import { sellerOverview, sellerPayments } from "@/lib/connect/seller-overview";
import { requireRole } from "@/lib/guards";

describe("seller money views", () => {
  it("count only paid orders, net of refunds and disputes, with the fee the platform kept", async () => {
    const shop = await createPaidOrder({ amount: 4_000, fee: 230 });
    const [failed] = await insertOrdersFor(shop, 1, { status: "failed" });
    const [abandoned] = await insertOrdersFor(shop, 1, { status: "pending" });
    const [refunded] = await insertOrdersFor(shop, 1, { applicationFeeAmount: 230 });
    const [disputed] = await insertOrdersFor(shop, 1, { applicationFeeAmount: 230 });
    await setOrderState(refunded!.id, {
      status: "succeeded",
      refundState: "refunded",
      amountRefunded: refunded!.amount,
      chargeId: "ch_test_refunded",
    });
    // The platform returned its fee with the refund: none was kept.
    await upsertApplicationFee({
      stripeFeeId: `fee_${refunded!.id}`,
      stripeAccountId: shop.account.stripeAccountId,
      chargeId: "ch_test_refunded",
      orderId: refunded!.id,
      amount: 230,
      amountRefunded: 230,
      currency: "usd",
    });
    await setOrderState(disputed!.id, { status: "succeeded", disputed: true, chargeId: "ch_test_disputed" });
    await insertDispute({
      stripeDisputeId: `du_${disputed!.id}`,
      orderId: disputed!.id,
      stripeAccountId: shop.account.stripeAccountId,
      chargeId: "ch_test_disputed",
      amount: disputed!.amount,
      currency: "usd",
      reason: "fraudulent",
      status: "lost",
      amountWithdrawn: disputed!.amount,
      feeWithdrawn: 1_500,
    });

    const overview = await sellerOverview(requireRole(shop.seller, "seller"));
    const ids = overview.recentOrders.map((o) => o.id);
    expect(ids).not.toContain(failed!.id);
    expect(ids).not.toContain(abandoned!.id);
    expect(ids.sort()).toEqual([shop.order.id, refunded!.id, disputed!.id].sort());
    expect(overview.sales[0]).toMatchObject({ currency: "usd", total: 4_000, orders: 1 });

    const byId = new Map(overview.recentOrders.map((o) => [o.id, o]));
    const paidRow = byId.get(shop.order.id)!;
    const refundedRow = byId.get(refunded!.id)!;
    const disputedRow = byId.get(disputed!.id)!;
    expect([
      sellerOrderStatus(paidRow),
      sellerOrderStatus(refundedRow),
      sellerOrderStatus(disputedRow),
    ]).toEqual(["Paid", "Refunded", "Dispute lost"]);
    expect(feeText(paidRow)).toBe("$2.30");
    expect(feeText(refundedRow)).toBe("—");
    expect(sellerReceives(paidRow)).toBe(3_770);
    expect(sellerReceives(refundedRow)).toBe(0);
    expect(disputedRow.amountDisputed).toBe(disputed!.amount);
    expect(disputedRow.disputeFees).toBe(1_500);
    // The dispute took the whole sale and Stripe's fee came out of the seller's balance on top.
    expect(sellerReceives(disputedRow)).toBe(-disputedRow.applicationFeeAmount - 1_500);
    expect((await sellerPayments(requireRole(shop.seller, "seller"))).map((o) => o.id).sort()).toEqual(
      ids.sort(),
    );
  });

  it("explains a negative available balance by the lost dispute and its fee, linked to the order", async () => {
    const { seller, account, order, charge } = await createPaidOrder({
      amount: 2_800,
      fee: 200,
      paymentMethod: "pm_card_createDispute",
    });
    const stripe = testStripe();
    const stripeAccount = account.stripeAccountId;
    let disputeId: string | undefined;
    await expect
      .poll(
        async () => {
          const list = await stripe.disputes.list({ limit: 10 }, { stripeAccount });
          disputeId = list.data.find((d) => d.charge === charge.id)?.id;
          return disputeId;
        },
        { timeout: 20_000 },
      )
      .toBeTruthy();
    await emulator().resolveDispute(disputeId!, "lost");
    await setOrderState(order.id, { disputed: true });

    const explained = await explainNegativeBalance(seller.id, stripeAccount);
    expect(explained).toHaveLength(1);
    expect(explained[0]!.currency).toBe("usd");
    expect(explained[0]!.available).toBeLessThan(0);
    expect(explained[0]!.debits).toContainEqual(
      expect.objectContaining({
        kind: "dispute",
        stripeId: disputeId,
        orderId: order.id,
        amount: 2_800 + 1_500,
        fee: 1_500,
      }),
    );
    expect(explained[0]!.debits[0]!.productName).toBeTruthy();
  });
});
