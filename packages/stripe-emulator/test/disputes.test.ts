import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { disputedCharge, rejects, emulatorForFile, sellerForFile } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const on = seller.on;

/** A direct charge with the 0259 card, and the dispute Stripe opens on it shortly after. */
function disputed(amount = 5000): Promise<{ pi: Stripe.PaymentIntent; dispute: Stripe.Dispute }> {
  return disputedCharge(t, seller.id, amount);
}

async function events(type: string): Promise<Stripe.Event[]> {
  return (await t.control<{ data: Stripe.Event[] }>(`/_emulator/events?account=${seller.id}&type=${type}`))
    .data;
}

async function available(): Promise<number> {
  const balance = await t.stripe.balance.retrieve({}, on());
  return (balance.available[0]?.amount ?? 0) + (balance.pending[0]?.amount ?? 0);
}

describe("disputes API", () => {
  it("retrieve and list are scoped by Stripe-Account, filtered by charge and payment_intent", async () => {
    const { pi, dispute } = await disputed();
    expect(dispute).toMatchObject({
      object: "dispute",
      amount: 5000,
      charge: pi.latest_charge,
      payment_intent: pi.id,
      status: "needs_response",
      reason: "fraudulent",
    });
    expect(dispute.evidence_details).toMatchObject({ has_evidence: false, submission_count: 0 });
    expect((await t.stripe.disputes.retrieve(dispute.id, {}, on())).id).toBe(dispute.id);
    const byCharge = await t.stripe.disputes.list({ charge: pi.latest_charge as string }, on());
    expect(byCharge.data.map((d) => d.id)).toEqual([dispute.id]);
    // The platform does not see the connected account's dispute without the header.
    const missing = await rejects(t.stripe.disputes.retrieve(dispute.id));
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect((await t.stripe.disputes.list()).data).toHaveLength(0);
  });

  it("update stages evidence with submit=false, submits it by default (charge.dispute.updated)", async () => {
    const { dispute } = await disputed();
    const staged = await t.stripe.disputes.update(
      dispute.id,
      {
        evidence: { product_description: "Handmade mug", customer_email_address: "buyer@example.com" },
        metadata: { order_id: "ord_1" },
        submit: false,
      },
      on(),
    );
    expect(staged.status).toBe("needs_response");
    expect(staged.evidence.product_description).toBe("Handmade mug");
    expect(staged.evidence_details).toMatchObject({ has_evidence: true, submission_count: 0 });
    expect(staged.metadata).toEqual({ order_id: "ord_1" });

    const submitted = await t.stripe.disputes.update(
      dispute.id,
      { evidence: { shipping_tracking_number: "1Z999" } },
      on(),
    );
    expect(submitted.status).toBe("under_review");
    expect(submitted.evidence.product_description).toBe("Handmade mug"); // staged evidence is kept
    expect(submitted.evidence_details).toMatchObject({ submission_count: 1, submission_method: "manual" });

    const updates = (await events("charge.dispute.updated")).filter(
      (e) => (e.data.object as Stripe.Dispute).id === dispute.id,
    );
    expect(updates).toHaveLength(2);
    // Newest first: the submission moved the status.
    expect(updates[0]?.data.previous_attributes).toMatchObject({ status: "needs_response" });
    expect(updates[1]?.data.previous_attributes).toMatchObject({ metadata: {} });

    // Evidence can be submitted once; metadata stays editable.
    const again = await rejects(
      t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "more" } }, on()),
    );
    expect(again).toMatchObject({ statusCode: 400, param: "evidence" });
    const relabelled = await t.stripe.disputes.update(dispute.id, { metadata: { note: "x" } }, on());
    expect(relabelled).toMatchObject({ status: "under_review", metadata: { order_id: "ord_1", note: "x" } });
    const unknown = await rejects(
      t.stripe.disputes.update(
        dispute.id,
        { evidence: { colour: "red" } } as Stripe.DisputeUpdateParams,
        on(),
      ),
    );
    expect(unknown.param).toBe("evidence[colour]");
  });

  it("close accepts the dispute: lost, charge.dispute.closed, no money back, cannot be closed twice", async () => {
    const { dispute } = await disputed(4000);
    const before = await available();
    const closed = await t.stripe.disputes.close(dispute.id, {}, on());
    expect(closed.status).toBe("lost");
    const closedEvents = (await events("charge.dispute.closed")).filter(
      (e) => (e.data.object as Stripe.Dispute).id === dispute.id,
    );
    expect(closedEvents).toHaveLength(1);
    expect(closedEvents[0]?.data.previous_attributes).toEqual({ status: "needs_response" });
    expect(await available()).toBe(before);
    expect(closed.balance_transactions).toHaveLength(1);

    const twice = await rejects(t.stripe.disputes.close(dispute.id, {}, on()));
    expect(twice.statusCode).toBe(400);
    const late = await rejects(
      t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "too late" } }, on()),
    );
    expect(late.message).toContain("already closed");
  });

  it("a dispute with evidence submitted cannot be accepted any more", async () => {
    const { dispute } = await disputed();
    await t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "proof" } }, on());
    expect((await rejects(t.stripe.disputes.close(dispute.id, {}, on()))).statusCode).toBe(400);
  });
});

describe("the bank's decision (control API)", () => {
  it("won: the disputed amount comes back, the $15 dispute fee does not", async () => {
    const start = await available();
    const { dispute } = await disputed(6000);
    const afterDispute = await available();
    const withdrawn = dispute.balance_transactions[0];
    expect(withdrawn).toMatchObject({ amount: -6000, fee: 1500, net: -7500, reporting_category: "dispute" });
    await t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "delivered" } }, on());
    const won = await t.control<Stripe.Dispute>(`/_emulator/disputes/${dispute.id}/resolve`, {
      outcome: "won",
    });
    expect(won.status).toBe("won");
    expect(won.balance_transactions).toHaveLength(2);
    expect(won.balance_transactions[1]).toMatchObject({
      amount: 6000,
      fee: 0,
      reporting_category: "dispute_reversal",
    });
    // The charge credited 6000 and the dispute withdrew 6000 + 1500; winning returns only the 6000.
    expect(afterDispute).toBe(start - 1500);
    expect(await available()).toBe(start + 6000 - 1500);
    const types = (await t.control<{ data: Stripe.Event[] }>(`/_emulator/events?account=${seller.id}`)).data
      .filter((e) => (e.data.object as { id?: string }).id === dispute.id)
      .map((e) => e.type)
      .reverse();
    expect(types).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.updated",
      "charge.dispute.funds_reinstated",
      "charge.dispute.closed",
    ]);
    const retrieved = await t.stripe.disputes.retrieve(dispute.id, {}, on());
    expect(retrieved.status).toBe("won");
  });

  it("lost keeps the money withdrawn; a closed dispute cannot be decided again; bad input is refused", async () => {
    const { dispute } = await disputed();
    const before = await available();
    const lost = await t.control<Stripe.Dispute>(`/_emulator/disputes/${dispute.id}/resolve`, {
      outcome: "lost",
    });
    expect(lost.status).toBe("lost");
    expect(await available()).toBe(before);
    const again = await t.control<{ error?: { message: string } }>(
      `/_emulator/disputes/${dispute.id}/resolve`,
      {
        outcome: "won",
      },
    );
    expect(again.error?.message).toContain("already closed");
    const bad = await t.control<{ error?: { param: string } }>(`/_emulator/disputes/${dispute.id}/resolve`, {
      outcome: "maybe",
    });
    expect(bad.error?.param).toBe("outcome");
    const none = await t.control<{ error?: { code: string } }>("/_emulator/disputes/du_nope/resolve", {
      outcome: "won",
    });
    expect(none.error?.code).toBe("resource_missing");
  });
});
