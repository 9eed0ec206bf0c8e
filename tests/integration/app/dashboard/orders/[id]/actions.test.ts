import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { listDisputeNotes } from "@/db/queries/dispute-views";
import { actAs, formData } from "@/tests/helpers/action-request";
import { createDisputedOrder } from "@/tests/helpers/disputes";
import { createCallers } from "@/tests/helpers/users";
import { addSellerDisputeNoteAction } from "@/app/dashboard/orders/[id]/actions";

/*
 * The seller's "add a note or a file" form on a disputed order (/dashboard/orders/[id]). Sellers only,
 * and only on a dispute of their own order: any other dispute is "not found", and nothing is written.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
let disputed: Awaited<ReturnType<typeof createDisputedOrder>>;
beforeAll(async () => {
  callers = await createCallers();
  disputed = await createDisputedOrder();
}, 30_000);

const note = (body: string) => formData({ disputeId: disputed.dispute.id, body });
const written = async () => ({
  notes: await listDisputeNotes({ disputeId: disputed.dispute.id }),
  audit: await listAuditLogsForTarget({ targetType: "dispute", targetId: disputed.dispute.id }),
});

describe("addSellerDisputeNoteAction", () => {
  it("tells another seller the dispute does not exist, refuses other roles, and writes nothing", async () => {
    expect(
      await actAs(callers.sellerA, () => addSellerDisputeNoteAction(undefined, note("Mine?"))),
    ).toMatchObject({
      ok: false,
      message: "This dispute does not exist.",
    });
    for (const [caller, message] of [
      [null, "Please sign in first."],
      [callers.buyer, "Your account is not allowed to do this."],
      [callers.admin, "Your account is not allowed to do this."],
    ] as const)
      expect(await actAs(caller, () => addSellerDisputeNoteAction(undefined, note("Hello")))).toMatchObject({
        ok: false,
        message,
      });
    expect(await written()).toEqual({ notes: [], audit: [] });
  });

  it("refuses an empty note without a file, and an unknown dispute id, with clear messages", async () => {
    expect(
      await actAs(disputed.seller, () => addSellerDisputeNoteAction(undefined, note("   "))),
    ).toMatchObject({
      ok: false,
      message: "Write a note or choose a file.",
    });
    expect(
      await actAs(disputed.seller, () =>
        addSellerDisputeNoteAction(undefined, formData({ disputeId: "not-a-dispute", body: "Hi" })),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { disputeId: ["Unknown dispute."] } });
    expect(await written()).toEqual({ notes: [], audit: [] });
  });

  it("adds the owner's note for the platform's support team, audited", async () => {
    const body = "Delivered on 3 March, signed by the buyer.";
    expect(await actAs(disputed.seller, () => addSellerDisputeNoteAction(undefined, note(body)))).toEqual({
      ok: true,
      message: "Note added.",
    });
    const { notes, audit } = await written();
    expect(notes).toMatchObject([{ authorId: disputed.seller.id, authorRole: "seller", body }]);
    expect(audit).toMatchObject([{ action: "dispute.note_add", result: "ok" }]);
  });
});
