import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { CartRefundStep } from "@/db/schema";
import { RefundStepNote } from "./refund-step-note";

const step: CartRefundStep = {
  refundId: "5b0f6d7e-0000-4000-8000-000000000001",
  kind: "transfer_reversal",
  stripeObjectId: "tr_cart",
  amount: 4245,
  currency: "usd",
  feeReturned: 0,
  stripeId: "trr_1",
  paidBackStripeId: null,
  attempts: 0,
  lastError: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};
const text = (html: string) => html.replace(/<[^>]+>/g, "").replaceAll("&#x27;", "'");

describe("RefundStepNote (the seller's side of a cart line's refund, on the admin order page)", () => {
  it("names the reversal once made, and says it is still to make with Stripe's reason", () => {
    expect(text(renderToStaticMarkup(<RefundStepNote step={step} buyerRefundFailed={false} />))).toBe(
      "$42.45 taken back from the seller's transfer (trr_1)",
    );
    const refused = { ...step, stripeId: null, lastError: "The transfer is already fully reversed." };
    expect(text(renderToStaticMarkup(<RefundStepNote step={refused} buyerRefundFailed={false} />))).toBe(
      "$42.45 taken back from the seller's transfer: not made yet — The transfer is already fully reversed. (retried every minute)",
    );
  });

  it("after the buyer's refund failed: the payback to the seller, made or still to make", () => {
    const owed = renderToStaticMarkup(<RefundStepNote step={step} buyerRefundFailed />);
    expect(text(owed)).toBe(
      "$42.45 taken back from the seller's transfer (trr_1); the buyer's refund failed: paying it back to the seller is not made yet (retried every minute)",
    );
    expect(owed).toContain("text-amber-800");
    const paid = renderToStaticMarkup(
      <RefundStepNote step={{ ...step, paidBackStripeId: "tr_back" }} buyerRefundFailed />,
    );
    expect(text(paid)).toBe(
      "$42.45 taken back from the seller's transfer (trr_1); paid back to the seller after the buyer's refund failed (tr_back)",
    );
    expect(paid).toContain("text-slate-600");
  });
});
