import { describe, expect, it } from "vitest";
import { RELEASE_REASONS } from "@/db/schema";
import { describeOrder } from "./order-status";

/*
 * What the buyer's order page says about a "charge when I ship" order: authorised (nothing charged yet),
 * then charged in full or in part with the rest released, or canceled with why. The order's amount is
 * what was charged once captured; the authorisation keeps what was authorised.
 */

const order = {
  refundState: "none" as const,
  amountRefunded: 0,
  amount: 3_000,
  currency: "usd",
  failureMessage: null,
};
const authorization = { quantity: 3, amount: 3_000, releaseReason: null };

describe("describeOrder for a charge-when-it-ships order", () => {
  it("says the card is authorised and nothing is charged until it ships, and stops refreshing", () => {
    expect(describeOrder({ ...order, status: "authorized", authorization })).toEqual({
      title: "Authorised — you will be charged when it ships",
      description:
        "Your card is authorised for $30.00. The seller charges it when they ship; anything they do not ship is released.",
      tone: "info",
      final: true,
      canRetry: false,
    });
    // Back from Stripe with the intent requires_capture: already recorded, nothing left to confirm.
    expect(describeOrder({ ...order, status: "authorized", authorization }, "requires_capture").title).toBe(
      "Authorised — you will be charged when it ships",
    );
    expect(describeOrder({ ...order, status: "pending", authorization }, "requires_capture").title).toBe(
      "Confirming your payment",
    );
  });

  it("says what was charged when everything shipped", () => {
    const view = describeOrder({ ...order, status: "succeeded", authorization });
    expect(view).toMatchObject({ title: "Shipped and charged", tone: "success", final: true });
    expect(view.description).toBe("You were charged $30.00 when the seller shipped.");
  });

  it("says what was charged and what was released when part of it shipped", () => {
    const view = describeOrder({ ...order, status: "succeeded", amount: 2_000, authorization });
    expect(view).toMatchObject({ title: "Shipped in part", final: true });
    expect(view.description).toBe(
      "You were charged $20.00 for what shipped; the remaining $10.00 of the authorisation was released.",
    );
  });

  it("names the reason of a released authorisation and says nothing was charged", () => {
    const said = Object.fromEntries(
      RELEASE_REASONS.map((releaseReason) => {
        const view = describeOrder({
          ...order,
          status: "canceled",
          authorization: { ...authorization, releaseReason },
        });
        expect(view).toMatchObject({
          title: "Order canceled",
          tone: "warning",
          final: true,
          canRetry: false,
        });
        expect(view.description).toMatch(
          /The authorisation on your card was released; you were not charged\.$/,
        );
        return [releaseReason, view.description.split(". ")[0]];
      }),
    );
    expect(said).toEqual({
      out_of_stock: "The seller could not ship this order",
      buyer_request: "The order was canceled at your request",
      fraud: "The order was canceled",
      not_shipped_in_time: "The seller did not ship this order in time",
      expired: "The authorisation on your card expired before the seller shipped",
      canceled_at_stripe: "The order was canceled",
    });
  });

  it("words an order charged at checkout as before", () => {
    expect(describeOrder({ ...order, status: "succeeded" }).title).toBe("Payment succeeded");
    expect(describeOrder({ ...order, status: "canceled", authorization: null }).description).toBe(
      "This order was canceled; you were not charged.",
    );
  });
});
