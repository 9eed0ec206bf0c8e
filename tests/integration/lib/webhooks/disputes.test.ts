import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { getDisputeByStripeId } from "@/db/queries/disputes";
import { getOrderById } from "@/db/queries/orders";
import { createPaidOrder } from "@/tests/helpers/orders";
import { applyWith, emulatorEvent, postEvent, variantOf } from "@/tests/helpers/webhooks";
import { handleDisputeEvent } from "@/lib/webhooks/disputes";

/* charge.dispute.* → dispute rows and the order's flag, from a real dispute (card 0259) in the emulator. */

describe("charge.dispute events", () => {
  it("records the dispute, flags the order, and follows it to its outcome without going back", async () => {
    const paid = await createPaidOrder({ amount: 7_500, paymentMethod: "pm_card_createDispute" });
    const created = await emulatorEvent(
      paid.account.stripeAccountId,
      "charge.dispute.created",
      () => true,
      10_000,
    );
    const dispute = created.data.object as Stripe.Dispute;

    expect((await postEvent(created)).status).toBe(200);
    expect(await getDisputeByStripeId({ stripeDisputeId: dispute.id })).toMatchObject({
      orderId: paid.order.id,
      stripeAccountId: paid.account.stripeAccountId,
      chargeId: paid.charge.id,
      amount: 7_500,
      currency: "usd",
      reason: "fraudulent",
      status: "needs_response",
    });
    expect((await getOrderById({ id: paid.order.id }))?.disputed).toBe(true);

    const review = variantOf(created, {
      type: "charge.dispute.updated",
      created: created.created + 10,
      object: { status: "under_review" },
    });
    const closed = variantOf(created, {
      type: "charge.dispute.closed",
      created: created.created + 20,
      object: { status: "won" },
    });
    // Closed arrives before the update it follows.
    await applyWith(handleDisputeEvent, closed);
    expect(await applyWith(handleDisputeEvent, review)).toMatchObject({
      status: "applied",
      orderId: paid.order.id,
    });

    expect((await getDisputeByStripeId({ stripeDisputeId: dispute.id }))?.status).toBe("won");
    // The order stays flagged: it was disputed, whatever the outcome.
    expect((await getOrderById({ id: paid.order.id }))?.disputed).toBe(true);
  });

  it("keeps a dispute whose charge is not one of our orders, without an order", async () => {
    const paid = await createPaidOrder({ amount: 1_500, paymentMethod: "pm_card_createDispute" });
    const created = await emulatorEvent(
      paid.account.stripeAccountId,
      "charge.dispute.created",
      () => true,
      10_000,
    );
    const foreign = variantOf(created, {
      object: { id: "du_foreign", charge: "ch_not_ours", payment_intent: "pi_not_ours" },
    });

    expect(await applyWith(handleDisputeEvent, foreign)).toMatchObject({ status: "applied", orderId: null });
    expect(await getDisputeByStripeId({ stripeDisputeId: "du_foreign" })).toMatchObject({
      orderId: null,
      chargeId: "ch_not_ours",
    });
    expect((await getOrderById({ id: paid.order.id }))?.disputed).toBe(false);
  });
});
