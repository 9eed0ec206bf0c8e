import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { getDisputeByStripeId } from "@/db/queries/disputes";
import { getOrderById } from "@/db/queries/orders";
import { emulator } from "@/tests/helpers/emulator";
import { createPaidOrder } from "@/tests/helpers/orders";
import { applyWith, emulatorEvent, emulatorEvents, postEvent, variantOf } from "@/tests/helpers/webhooks";
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

  it("ends in the same row whatever order the five events arrive in, and replays change nothing", async () => {
    const paid = await createPaidOrder({ amount: 4_200, paymentMethod: "pm_card_createDispute" });
    const account = paid.account.stripeAccountId;
    const created = await emulatorEvent(account, "charge.dispute.created", () => true, 10_000);
    const dispute = created.data.object as Stripe.Dispute;
    await emulator().resolveDispute(dispute.id, "won");
    const ofDispute = (e: Stripe.Event) => (e.data.object as Stripe.Dispute).id === dispute.id;
    await emulatorEvent(account, "charge.dispute.closed", ofDispute);
    const types = [
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.funds_reinstated",
      "charge.dispute.closed",
    ];
    const events = (await emulatorEvents({ account }))
      .filter((e) => types.includes(e.type) && ofDispute(e))
      .reverse(); // oldest first
    expect(events.map((e) => e.type)).toEqual(types);
    // The fifth kind, an update (evidence staged), between withdrawal and the decision.
    events.splice(
      2,
      0,
      variantOf(events[1]!, { type: "charge.dispute.updated", object: { status: "under_review" } }),
    );

    const orders = [
      [0, 1, 2, 3, 4],
      [4, 3, 2, 1, 0],
      [3, 0, 4, 2, 1],
    ];
    for (const [n, order] of orders.entries()) {
      const id = `${dispute.id}_order${n}`;
      for (const i of order) await applyWith(handleDisputeEvent, variantOf(events[i]!, { object: { id } }));
      const row = await getDisputeByStripeId({ stripeDisputeId: id });
      expect(row, `arrival order ${order.join(",")}`).toMatchObject({
        orderId: paid.order.id,
        status: "won",
        amount: 4_200,
        amountWithdrawn: 4_200,
        feeWithdrawn: 1_500,
        amountReinstated: 4_200,
        evidenceDueBy: new Date(dispute.evidence_details.due_by! * 1000),
      });
      expect(row?.closedAt).toBeInstanceOf(Date);
      // Every event again (Stripe retries): the row does not move.
      for (const e of events) await applyWith(handleDisputeEvent, variantOf(e, { object: { id } }));
      const again = await getDisputeByStripeId({ stripeDisputeId: id });
      expect({ ...again, updatedAt: null }).toEqual({ ...row, updatedAt: null });
    }
  });
});
