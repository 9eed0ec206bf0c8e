import { beforeAll, describe, expect, it } from "vitest";
import { listDisputeNotes } from "@/db/queries/dispute-views";
import { EVIDENCE_KEYS, type Evidence } from "@/lib/disputes/evidence";
import { addDisputeNote, EVIDENCE_FILE_MAX_BYTES } from "@/lib/disputes/notes";
import { acceptDispute, saveEvidence } from "@/lib/disputes/respond";
import {
  createDisputedOrder,
  EVIDENCE_BYTES,
  stripeDisputeOf,
  type DisputedOrder,
} from "@/tests/helpers/disputes";
import { testStripe } from "@/tests/helpers/emulator";
import { refusal } from "@/tests/helpers/errors";
import { createCallers } from "@/tests/helpers/users";
import { requireRole } from "@/lib/guards";

/* Notes and evidence files on a dispute: who may add them, Stripe's file rules, and the evidence naming them. */

let callers: Awaited<ReturnType<typeof createCallers>>;
let d: DisputedOrder;
beforeAll(async () => {
  callers = await createCallers();
  d = await createDisputedOrder();
});

const file = (bytes: Uint8Array, name: string, type = "application/pdf") =>
  new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
const stripeFiles = async () =>
  (
    await testStripe().files.list(
      { purpose: "dispute_evidence", limit: 100 },
      { stripeAccount: d.account.stripeAccountId },
    )
  ).data;

describe("dispute notes and files", () => {
  it("lets the dispute's seller add a note and a file, uploaded to Stripe on the seller's account", async () => {
    const seller = requireRole(d.seller, "seller");
    const note = await addDisputeNote(seller, {
      disputeId: d.dispute.id,
      body: "Tracking: 1Z999",
      file: null,
    });
    expect(note).toMatchObject({ authorRole: "seller", body: "Tracking: 1Z999", stripeFileId: null });

    const withFile = await addDisputeNote(seller, {
      disputeId: d.dispute.id,
      body: "",
      file: file(EVIDENCE_BYTES.pdf, "receipt.pdf"),
    });
    expect(withFile).toMatchObject({
      authorRole: "seller",
      fileName: "receipt.pdf",
      fileType: "application/pdf",
    });
    const uploaded = await testStripe().files.retrieve(
      withFile.stripeFileId!,
      {},
      {
        stripeAccount: d.account.stripeAccountId,
      },
    );
    expect(uploaded).toMatchObject({ purpose: "dispute_evidence", size: EVIDENCE_BYTES.pdf.length });

    // The same file again (a double click): one note, one file.
    const twice = await addDisputeNote(seller, {
      disputeId: d.dispute.id,
      body: "",
      file: file(EVIDENCE_BYTES.pdf, "receipt.pdf"),
    });
    expect(twice.id).toBe(withFile.id);
    expect(await listDisputeNotes({ disputeId: d.dispute.id })).toHaveLength(2);

    // The admin names the seller's file in the evidence; Stripe holds it.
    const evidence = {
      ...Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, ""])),
      receipt: withFile.stripeFileId!,
    } as Evidence;
    await saveEvidence(callers.admin, { disputeId: d.dispute.id, evidence, submit: false });
    expect((await stripeDisputeOf(d)).evidence.receipt).toBe(withFile.stripeFileId);
  });

  it("refuses other sellers and buyers as if the dispute did not exist, writing nothing", async () => {
    const before = await listDisputeNotes({ disputeId: d.dispute.id });
    for (const user of [callers.sellerB, callers.buyer]) {
      const error = await refusal(
        addDisputeNote(user, { disputeId: d.dispute.id, body: "mine now", file: null }),
      );
      expect(error.code).toBe("not_found:dispute");
    }
    expect(await listDisputeNotes({ disputeId: d.dispute.id })).toEqual(before);
  });

  it("refuses files Stripe would refuse before uploading anything", async () => {
    const filesBefore = (await stripeFiles()).length;
    const notesBefore = (await listDisputeNotes({ disputeId: d.dispute.id })).length;
    const big = new Uint8Array(EVIDENCE_FILE_MAX_BYTES + 1);
    big.set(EVIDENCE_BYTES.pdf);
    const cases = [
      [file(big, "big.pdf"), "payload_too_large:dispute_file", /larger than 5 MB/],
      [file(EVIDENCE_BYTES.gif, "photo.pdf"), "unsupported_media_type:dispute_file", /PDF, JPEG or PNG/],
    ] as const;
    for (const [f, code, message] of cases) {
      const error = await refusal(
        addDisputeNote(callers.admin, { disputeId: d.dispute.id, body: "see file", file: f }),
      );
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect(
      await refusal(addDisputeNote(callers.admin, { disputeId: d.dispute.id, body: "   ", file: null })),
    ).toMatchObject({ code: "bad_request:dispute_note" });
    expect((await stripeFiles()).length).toBe(filesBefore);
    expect(await listDisputeNotes({ disputeId: d.dispute.id })).toHaveLength(notesBefore);
  });

  it("takes nothing more once the dispute is closed", async () => {
    const closed = await createDisputedOrder(1_000);
    await acceptDispute(callers.admin, { disputeId: closed.dispute.id });
    const error = await refusal(
      addDisputeNote(callers.admin, {
        disputeId: closed.dispute.id,
        body: "late",
        file: file(EVIDENCE_BYTES.png, "x.png"),
      }),
    );
    expect(error.code).toBe("conflict:dispute");
    expect(await listDisputeNotes({ disputeId: closed.dispute.id })).toEqual([]);
  });
});
