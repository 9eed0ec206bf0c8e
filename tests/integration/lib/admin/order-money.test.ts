import { describe, expect, it } from "vitest";
import type { Refund } from "@/db/schema";
import { actionLabel, describeAuditDetails, orderShortRef } from "@/lib/admin/audit-view";
import { netLine, orderMoney } from "@/lib/admin/order-money";

const refund = (amount: number, refundApplicationFee: boolean, status: Refund["status"] = "succeeded") =>
  ({ amount, refundApplicationFee, status }) as Refund;

describe("orderMoney: the admin order page's figures, net of refunds, disputes and the returned fee", () => {
  const order = {
    amount: 10_000,
    applicationFeeAmount: 150,
    status: "succeeded" as const,
    chargeModel: "direct" as const,
  };
  it("after a full refund with the fee returned the seller receives nothing", () => {
    const m = orderMoney(order, [refund(10_000, true)], []);
    expect(m).toMatchObject({
      refunded: 10_000,
      feeReturned: 150,
      sellerRefunded: 9_850,
      sellerNet: 0,
      buyerNet: 0,
    });
    expect(netLine("usd", m.sellerGross, [[m.sellerRefunded, "refunded"]])).toBe(
      "$98.50 − $98.50 refunded = $0.00",
    );
  });
  it("a partial refund keeping the fee, a pending refund and a lost dispute", () => {
    const m = orderMoney(
      order,
      [refund(3_000, false), refund(1_000, true, "pending"), refund(500, true, "failed")],
      [
        { amountWithdrawn: 2_000, amountReinstated: 0, feeWithdrawn: 1_500 },
        { amountWithdrawn: 9, amountReinstated: 9, feeWithdrawn: 1_500 },
      ],
    );
    expect(m).toMatchObject({
      refunded: 3_000,
      refundInProgress: 1_000,
      disputed: 2_000,
      disputeFees: 3_000,
      feeReturned: 0,
      sellerNet: 9_850 - 3_000 - 2_000 - 3_000,
    });
    expect(netLine("usd", 150, [[0, "returned"]])).toBe("$1.50");
  });
  it("a separate-charges cart line: its seller is never debited more than their transfer paid them", () => {
    const line = { ...order, chargeModel: "separate" as const };
    // Keeping the fee on a full refund would take $100.00 from a seller who was paid $98.50: the platform
    // returns its fee instead. A direct charge keeps it (the seller's balance is debited the whole refund).
    expect(orderMoney(line, [refund(10_000, false)], [])).toMatchObject({ feeReturned: 150, sellerNet: 0 });
    expect(orderMoney(order, [refund(10_000, false)], [])).toMatchObject({ feeReturned: 0, sellerNet: -150 });
    // A partial refund keeping the fee is the seller's alone, until what is left reaches their share.
    expect(orderMoney(line, [refund(4_000, false), refund(6_000, false)], [])).toMatchObject({
      feeReturned: 150,
      sellerRefunded: 9_850,
      sellerNet: 0,
    });
    expect(orderMoney(line, [refund(9_900, false)], [])).toMatchObject({ feeReturned: 50, sellerNet: 0 });
  });
  it("an order that took no money (released authorisation, failed, pending) pays nobody anything", () => {
    for (const status of ["canceled", "failed", "pending", "authorized"] as const) {
      expect(orderMoney({ ...order, status }, [], [])).toMatchObject({
        paid: 0,
        fee: 0,
        sellerGross: 0,
        sellerNet: 0,
        buyerNet: 0,
      });
    }
  });
});

describe("audit log view", () => {
  it("reads as money, words and short refs", () => {
    expect(actionLabel("refund.create")).toBe("Refund sent to Stripe");
    expect(orderShortRef("1a2b3c4d-0000-4000-8000-000000000000")).toBe("Order 1a2b3c4d");
    expect(
      describeAuditDetails({
        refundId: "x",
        amount: 7_400,
        currency: "usd",
        reason: "duplicate",
        refundApplicationFee: true,
        feeReturned: 370,
      }),
    ).toEqual(["$74.00", "duplicate payment", "platform fee returned ($3.70)"]);
    expect(
      describeAuditDetails({
        amount: 100,
        currency: "usd",
        refundApplicationFee: false,
        via: { channel: "stripe_app", dashboardUserId: "usr_123" },
      }),
    ).toEqual(["$1.00", "platform fee kept", "from the Stripe App (Dashboard user usr_123)"]);
    expect(actionLabel("stripe_app.link")).toBe("Stripe Dashboard user linked to the Stripe App");
  });
});
