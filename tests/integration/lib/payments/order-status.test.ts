import { describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "@/db/schema";
import { describeOrder } from "@/lib/payments/order-status";

const base = {
  refundState: "none" as const,
  amountRefunded: 0,
  amount: 5600,
  currency: "usd",
  failureMessage: null,
};

describe("describeOrder", () => {
  it("keeps refreshing only while a webhook can still change the order", () => {
    const final = Object.fromEntries(
      ORDER_STATUSES.map((status) => [status, describeOrder({ ...base, status }).final]),
    );
    expect(final).toEqual({
      pending: false,
      requires_action: false,
      processing: false,
      // Authorised: nothing changes until the seller ships, which can be days (the buyer reloads then).
      authorized: true,
      succeeded: true,
      failed: true,
      canceled: true,
    });
  });

  it("shows the decline reason and offers another card on failure", () => {
    const view = describeOrder({
      ...base,
      status: "failed",
      failureMessage: "Your card has insufficient funds.",
    });
    expect(view).toMatchObject({
      title: "Payment failed",
      description: "Your card has insufficient funds.",
      tone: "error",
      canRetry: true,
    });
    expect(describeOrder({ ...base, status: "failed" }).description).toBe(
      "Your payment could not be completed.",
    );
    expect(describeOrder({ ...base, status: "succeeded" }).canRetry).toBe(false);
  });

  it("describes refunds of a paid order", () => {
    expect(describeOrder({ ...base, status: "succeeded" }).title).toBe("Payment succeeded");
    expect(
      describeOrder({ ...base, status: "succeeded", refundState: "refunded", amountRefunded: 5600 }),
    ).toMatchObject({
      title: "Refunded",
      description: "$56.00 was refunded to your card.",
    });
    expect(
      describeOrder({ ...base, status: "succeeded", refundState: "partially_refunded", amountRefunded: 1000 })
        .description,
    ).toBe("$10.00 of $56.00 was refunded to your card.");
  });

  it("does not call a lagging failed order final when Stripe already took the retry", () => {
    const failed = { ...base, status: "failed" as const, failureMessage: "Your card was declined." };
    for (const live of ["succeeded", "processing", "requires_capture"]) {
      expect(describeOrder(failed, live)).toMatchObject({
        title: "Confirming your payment",
        final: false,
        canRetry: false,
      });
    }
    // Stripe says the attempt failed too: the decline stands.
    expect(describeOrder(failed, "requires_payment_method")).toMatchObject({
      title: "Payment failed",
      final: true,
      canRetry: true,
    });
    // Our row is settled: the live status cannot override it.
    expect(
      describeOrder(
        { ...base, status: "succeeded", refundState: "refunded", amountRefunded: 5600 },
        "succeeded",
      ).title,
    ).toBe("Refunded");
    expect(describeOrder({ ...base, status: "canceled" }, "succeeded").title).toBe("Order canceled");
  });
});
