import { describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "@/db/schema";
import { canMoveDispute } from "@/lib/disputes/status";
import {
  canMoveOrder,
  canMovePayout,
  canMoveRefund,
  orderStatusForEvent,
  refundStateFor,
  refundStatusFromStripe,
} from "@/lib/webhooks/order-transitions";

describe("canMoveOrder", () => {
  it("lets a pending order move to every payment outcome", () => {
    for (const to of ["requires_action", "processing", "failed", "canceled", "succeeded"] as const) {
      expect(canMoveOrder("pending", to)).toBe(true);
    }
  });

  it("never moves a succeeded or canceled order", () => {
    for (const to of ORDER_STATUSES) {
      expect(canMoveOrder("succeeded", to)).toBe(false);
      expect(canMoveOrder("canceled", to)).toBe(false);
    }
  });

  it("lets a failed order be paid again on the same PaymentIntent", () => {
    expect(canMoveOrder("failed", "requires_action")).toBe(true);
    expect(canMoveOrder("failed", "processing")).toBe(true);
    expect(canMoveOrder("failed", "succeeded")).toBe(true);
    expect(canMoveOrder("failed", "pending")).toBe(false);
  });

  it("does not move a processing order back to requires_action or pending", () => {
    expect(canMoveOrder("processing", "requires_action")).toBe(false);
    expect(canMoveOrder("processing", "pending")).toBe(false);
    expect(canMoveOrder("processing", "succeeded")).toBe(true);
    expect(canMoveOrder("processing", "failed")).toBe(true);
  });

  it("treats the same state as no move", () => {
    for (const s of ORDER_STATUSES) expect(canMoveOrder(s, s)).toBe(false);
  });
});

describe("event and status mapping", () => {
  it("maps the five PaymentIntent events and nothing else", () => {
    expect(orderStatusForEvent("payment_intent.succeeded")).toBe("succeeded");
    expect(orderStatusForEvent("payment_intent.processing")).toBe("processing");
    expect(orderStatusForEvent("payment_intent.payment_failed")).toBe("failed");
    expect(orderStatusForEvent("payment_intent.canceled")).toBe("canceled");
    expect(orderStatusForEvent("payment_intent.requires_action")).toBe("requires_action");
    expect(orderStatusForEvent("payment_intent.created")).toBeUndefined();
  });

  it("derives the refund state from amounts", () => {
    expect(refundStateFor(1000, 0)).toBe("none");
    expect(refundStateFor(1000, 1)).toBe("partially_refunded");
    expect(refundStateFor(1000, 999)).toBe("partially_refunded");
    expect(refundStateFor(1000, 1000)).toBe("refunded");
  });

  it("maps Stripe refund statuses, unknown ones to pending", () => {
    expect(refundStatusFromStripe("succeeded")).toBe("succeeded");
    expect(refundStatusFromStripe("failed")).toBe("failed");
    expect(refundStatusFromStripe(null)).toBe("pending");
    expect(refundStatusFromStripe("something_new")).toBe("pending");
  });
});

describe("refund, payout and dispute ordering", () => {
  it("moves refunds forward only; a succeeded refund can still fail", () => {
    expect(canMoveRefund("pending", "succeeded")).toBe(true);
    expect(canMoveRefund("succeeded", "failed")).toBe(true);
    expect(canMoveRefund("succeeded", "pending")).toBe(false);
    expect(canMoveRefund("failed", "succeeded")).toBe(false);
    expect(canMoveRefund("failed", "canceled")).toBe(false);
  });

  it("moves payouts forward only", () => {
    expect(canMovePayout("pending", "in_transit")).toBe(true);
    expect(canMovePayout("in_transit", "paid")).toBe(true);
    expect(canMovePayout("paid", "failed")).toBe(true);
    expect(canMovePayout("paid", "pending")).toBe(false);
    expect(canMovePayout("failed", "paid")).toBe(false);
  });

  it("moves disputes forward only", () => {
    expect(canMoveDispute("needs_response", "under_review")).toBe(true);
    expect(canMoveDispute("under_review", "won")).toBe(true);
    expect(canMoveDispute("lost", "needs_response")).toBe(false);
    expect(canMoveDispute("under_review", "needs_response")).toBe(false);
  });
});
