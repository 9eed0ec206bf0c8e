/**
 * A dispute nobody answers (issue 17, rule 10). Stripe's disputes docs: evidence must be submitted by
 * `evidence_details.due_by`; a dispute with no response by then is lost. The emulator closes it as `lost`
 * with `charge.dispute.closed` when its clock passes `due_by` (POST /_emulator/clock/advance).
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { disputedCharge, rejects, emulatorForFile, sellerForFile } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const on = seller.on;

async function disputed(): Promise<Stripe.Dispute> {
  return (await disputedCharge(t, seller.id, 4000)).dispute;
}

async function closedEvents(id: string): Promise<Stripe.Event[]> {
  const list = await t.control<{ data: Stripe.Event[] }>(
    `/_emulator/events?account=${seller.id}&type=charge.dispute.closed`,
  );
  return list.data.filter((e) => (e.data.object as Stripe.Dispute).id === id);
}

const secondsUntil = async (dueBy: number): Promise<number> => {
  const state = await t.control<{ now: number }>("/_emulator/state");
  return dueBy - state.now;
};

describe("the evidence deadline passes (Stripe: respond to disputes by evidence_details.due_by)", () => {
  it("with no evidence submitted, the dispute closes as lost with charge.dispute.closed; nothing more moves", async () => {
    const dispute = await disputed();
    expect(dispute.status).toBe("needs_response");
    const dueBy = dispute.evidence_details.due_by as number;
    const balanceBefore = await t.stripe.balance.retrieve({}, on());
    // One hour before the deadline nothing happens.
    await t.control("/_emulator/clock/advance", { seconds: (await secondsUntil(dueBy)) - 3600 });
    expect((await t.stripe.disputes.retrieve(dispute.id, {}, on())).status).toBe("needs_response");
    expect(await closedEvents(dispute.id)).toHaveLength(0);
    await t.control("/_emulator/clock/advance", { seconds: 7200 });
    const closed = await t.stripe.disputes.retrieve(dispute.id, {}, on());
    expect(closed.status).toBe("lost");
    const events = await closedEvents(dispute.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data.previous_attributes).toEqual({ status: "needs_response" });
    // The money left when the dispute opened; losing it takes nothing more.
    const balanceAfter = await t.stripe.balance.retrieve({}, on());
    const total = (b: Stripe.Balance) => (b.available[0]?.amount ?? 0) + (b.pending[0]?.amount ?? 0);
    expect(total(balanceAfter)).toBe(total(balanceBefore));
    // Closed is final: evidence is refused now.
    const late = await rejects(
      t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "too late" } }, on()),
    );
    expect(late.statusCode).toBe(400);
  });

  it("staged (unsubmitted) evidence does not count: the dispute is still lost at the deadline", async () => {
    const dispute = await disputed();
    await t.stripe.disputes.update(
      dispute.id,
      { evidence: { uncategorized_text: "draft" }, submit: false },
      on(),
    );
    await t.control("/_emulator/clock/advance", {
      seconds: (await secondsUntil(dispute.evidence_details.due_by as number)) + 60,
    });
    expect((await t.stripe.disputes.retrieve(dispute.id, {}, on())).status).toBe("lost");
  });

  it("submitted evidence keeps it under review past the deadline, for the bank to decide", async () => {
    const dispute = await disputed();
    await t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "shipped, signed" } }, on());
    await t.control("/_emulator/clock/advance", {
      seconds: (await secondsUntil(dispute.evidence_details.due_by as number)) + 86400,
    });
    const after = await t.stripe.disputes.retrieve(dispute.id, {}, on());
    expect(after.status).toBe("under_review");
    expect(await closedEvents(dispute.id)).toHaveLength(0);
  });
});
