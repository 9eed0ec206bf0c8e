import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { listDisputeNotes } from "@/db/queries/dispute-views";
import { getDisputeByStripeId } from "@/db/queries/disputes";
import { actAs, formData, revalidated } from "@/tests/helpers/action-request";
import { createDisputedOrder, stripeDisputeOf as stripeDispute } from "@/tests/helpers/disputes";
import { createCallers } from "@/tests/helpers/users";
import {
  acceptDisputeAction,
  addDisputeNoteAction,
  saveEvidenceAction,
} from "@/app/admin/disputes/[id]/actions";

/*
 * The forms of /admin/disputes/[id] through the real server actions, on a real dispute (card 0259) in the
 * emulator. Only the admin may answer: anyone else — the dispute's own seller included — is refused
 * before anything reaches our database or Stripe. Evidence that reaches Stripe is tested with lib/disputes.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
let disputed: Awaited<ReturnType<typeof createDisputedOrder>>;
beforeAll(async () => {
  callers = await createCallers();
  disputed = await createDisputedOrder();
}, 30_000);

type Caller = Parameters<typeof actAs>[0];

/** Our row, its notes and audit entries, and Stripe's dispute: none of them may change on a refusal. */
async function expectUntouched() {
  expect(await getDisputeByStripeId({ stripeDisputeId: disputed.dispute.stripeDisputeId })).toMatchObject({
    status: "needs_response",
    submissionCount: 0,
    hasEvidence: false,
    closedAt: null,
  });
  expect(await listDisputeNotes({ disputeId: disputed.dispute.id })).toEqual([]);
  expect(await listAuditLogsForTarget({ targetType: "dispute", targetId: disputed.dispute.id })).toEqual([]);
  const atStripe = await stripeDispute(disputed);
  expect(atStripe.status).toBe("needs_response");
  expect(atStripe.evidence.uncategorized_text).toBeNull();
  expect(atStripe.evidence_details.submission_count).toBe(0);
}

describe("the admin dispute actions", () => {
  it("refuse signed-out callers, buyers and sellers (the dispute's own seller too) and write nothing", async () => {
    const id = disputed.dispute.id;
    const forms = [
      [saveEvidenceAction, { disputeId: id, intent: "submit", uncategorized_text: "winning_evidence" }],
      [saveEvidenceAction, { disputeId: id, intent: "draft", product_description: "A mug" }],
      [acceptDisputeAction, { disputeId: id, confirm: "on" }],
      [addDisputeNoteAction, { disputeId: id, body: "The buyer signed for it." }],
    ] as const;
    const refused: [Caller, string][] = [
      [null, "Please sign in first."],
      [callers.buyer, "Your account is not allowed to do this."],
      [callers.sellerA, "Your account is not allowed to do this."],
      [disputed.seller, "Your account is not allowed to do this."],
    ];
    for (const [action, fields] of forms)
      for (const [caller, message] of refused)
        expect(await actAs(caller, () => action(undefined, formData(fields)))).toMatchObject({
          ok: false,
          message,
        });
    await expectUntouched();
  });

  it("refuses to accept a dispute without the confirmation box, and names the box", async () => {
    const state = await actAs(callers.admin, () =>
      acceptDisputeAction(undefined, formData({ disputeId: disputed.dispute.id })),
    );
    expect(state).toMatchObject({
      ok: false,
      fieldErrors: { confirm: ["Tick the box to confirm that the dispute is lost."] },
    });
    await expectUntouched();
  });

  it("refuses a file that is not a PDF, JPEG or PNG (by its bytes) and writes nothing", async () => {
    const form = formData({ disputeId: disputed.dispute.id, body: "" });
    // A text file that claims to be a PDF: the type comes from the content, never the browser's claim.
    form.set("file", new File(["just text, not a PDF"], "receipt.pdf", { type: "application/pdf" }));
    expect(await actAs(callers.admin, () => addDisputeNoteAction(undefined, form))).toMatchObject({
      ok: false,
      message: "Evidence files must be PDF, JPEG or PNG.",
    });
    await expectUntouched();
  });

  it("lets the admin add a note, which the seller's order page will show", async () => {
    const state = await actAs(callers.admin, () =>
      addDisputeNoteAction(
        undefined,
        formData({ disputeId: disputed.dispute.id, body: "  Called the buyer.  " }),
      ),
    );
    expect(state).toEqual({ ok: true, message: "Note added." });
    expect(revalidated).toContain(`/admin/disputes/${disputed.dispute.id}`);
    expect(await listDisputeNotes({ disputeId: disputed.dispute.id })).toMatchObject([
      { authorId: callers.admin.id, authorRole: "admin", body: "Called the buyer.", stripeFileId: null },
    ]);
  });
});

describe("accepting a dispute", () => {
  it("closes it as lost at Stripe and here; afterwards no evidence or note is taken", async () => {
    const other = await createDisputedOrder(2_500);
    const id = other.dispute.id;
    expect(
      await actAs(callers.admin, () =>
        acceptDisputeAction(undefined, formData({ disputeId: id, confirm: "on" })),
      ),
    ).toEqual({ ok: true, message: "Dispute accepted: Stripe closed it as lost." });
    expect((await stripeDispute(other)).status).toBe("lost");
    const row = await getDisputeByStripeId({ stripeDisputeId: other.dispute.stripeDisputeId });
    expect(row?.status).toBe("lost");
    expect(row?.closedAt).toBeInstanceOf(Date);

    expect(
      await actAs(callers.admin, () =>
        saveEvidenceAction(
          undefined,
          formData({ disputeId: id, intent: "submit", uncategorized_text: "late" }),
        ),
      ),
    ).toMatchObject({ ok: false, message: "This dispute is lost: its evidence can no longer be changed." });
    expect(
      await actAs(callers.admin, () =>
        addDisputeNoteAction(undefined, formData({ disputeId: id, body: "late" })),
      ),
    ).toMatchObject({ ok: false, message: "This dispute is closed: nothing more can be added to it." });
    expect(await listDisputeNotes({ disputeId: id })).toEqual([]);
    expect((await stripeDispute(other)).evidence.uncategorized_text).toBeNull();
  });
});
