/**
 * What dispute evidence may name and when (issue 20): file fields take a File of the disputed account
 * uploaded with purpose dispute_evidence; unknown fields are refused; nothing is given after due_by.
 * A refused update changes nothing (no evidence, no status, no charge.dispute.updated).
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { updateDispute } from "../src/resources/disputes";
import { pdf, upload } from "./file-fixtures";
import { disputedCharge, emulatorForFile, expressAccount, rejects, sellerForFile } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const on = seller.on;

async function updates(id: string): Promise<Stripe.Event[]> {
  const list = await t.control<{ data: Stripe.Event[] }>(
    `/_emulator/events?account=${seller.id}&type=charge.dispute.updated`,
  );
  return list.data.filter((e) => (e.data.object as Stripe.Dispute).id === id);
}

async function expectUnchanged(dispute: Stripe.Dispute): Promise<void> {
  const now = await t.stripe.disputes.retrieve(dispute.id, {}, on());
  expect(now.status).toBe(dispute.status);
  expect(now.evidence).toEqual(dispute.evidence);
  expect(now.evidence_details).toEqual(dispute.evidence_details);
  expect(await updates(dispute.id)).toHaveLength(0);
}

describe("evidence files", () => {
  it("a dispute_evidence file of the same account is accepted and expandable", async () => {
    const { dispute } = await disputedCharge(t, seller.id);
    const file = await upload(t, seller.id, pdf(), "receipt.pdf");
    const staged = await t.stripe.disputes.update(
      dispute.id,
      { evidence: { receipt: file.id, uncategorized_file: file.id }, submit: false },
      on(),
    );
    expect(staged.evidence).toMatchObject({ receipt: file.id, uncategorized_file: file.id });
    const expanded = await t.stripe.disputes.retrieve(dispute.id, { expand: ["evidence.receipt"] }, on());
    expect(expanded.evidence.receipt).toMatchObject({ id: file.id, object: "file", filename: "receipt.pdf" });
  });

  it("a missing file, another account's file or a file of another purpose is refused; nothing changes", async () => {
    const { dispute } = await disputedCharge(t, seller.id);
    const other = await expressAccount(t);
    const foreign = await upload(t, other.id, pdf());
    const platformFile = await upload(t, undefined, pdf());
    const identity = await upload(t, seller.id, pdf(), "id.pdf", "identity_document");
    for (const id of ["file_doesnotexist", foreign.id, platformFile.id]) {
      const err = await rejects(
        t.stripe.disputes.update(dispute.id, { evidence: { shipping_documentation: id } }, on()),
      );
      expect(err).toMatchObject({
        statusCode: 400,
        type: "StripeInvalidRequestError",
        code: "resource_missing",
        param: "evidence[shipping_documentation]",
      });
      expect(err.message).toContain(id);
    }
    const wrongPurpose = await rejects(
      t.stripe.disputes.update(
        dispute.id,
        { evidence: { customer_signature: identity.id, uncategorized_text: "see file" } },
        on(),
      ),
    );
    expect(wrongPurpose).toMatchObject({ statusCode: 400, param: "evidence[customer_signature]" });
    expect(wrongPurpose.message).toContain(identity.id);
    expect(wrongPurpose.message).toContain("identity_document");
    await expectUnchanged(dispute);
  });

  it("an unknown evidence field is refused with its bracketed name; nothing changes", async () => {
    const { dispute } = await disputedCharge(t, seller.id);
    const err = await rejects(
      t.stripe.disputes.update(
        dispute.id,
        { evidence: { invoice_file: "file_x", uncategorized_text: "x" } } as Stripe.DisputeUpdateParams,
        on(),
      ),
    );
    expect(err).toMatchObject({
      statusCode: 400,
      code: "parameter_unknown",
      param: "evidence[invoice_file]",
    });
    await expectUnchanged(dispute);
  });

  it("evidence over Stripe's 150,000 combined characters is refused", async () => {
    const { dispute } = await disputedCharge(t, seller.id);
    const long = "x".repeat(19_000);
    const evidence = Object.fromEntries(
      [
        "product_description",
        "refund_policy_disclosure",
        "refund_refusal_explanation",
        "cancellation_rebuttal",
        "access_activity_log",
        "billing_address",
        "duplicate_charge_explanation",
        "shipping_address",
      ].map((k) => [k, long]),
    );
    const err = await rejects(t.stripe.disputes.update(dispute.id, { evidence }, on()));
    expect(err).toMatchObject({ statusCode: 400, param: "evidence" });
    expect(err.message).toContain("150000");
    await expectUnchanged(dispute);
  });
});

describe("the evidence deadline", () => {
  const secondsPast = async (dueBy: number): Promise<number> =>
    dueBy - (await t.control<{ now: number }>("/_emulator/state")).now + 60;

  it("evidence given or submitted after due_by is refused, naming the deadline", async () => {
    const { dispute } = await disputedCharge(t, seller.id);
    await t.control("/_emulator/clock/advance", {
      seconds: await secondsPast(dispute.evidence_details.due_by as number),
    });
    const late = await rejects(
      t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" } }, on()),
    );
    expect(late).toMatchObject({ statusCode: 400, param: "evidence" });
    expect(late.message).toContain("evidence_details.due_by");
    const submit = await rejects(t.stripe.disputes.update(dispute.id, { submit: true }, on()));
    expect(submit).toMatchObject({ statusCode: 400, param: "submit" });
    // Metadata stays editable.
    expect(
      (await t.stripe.disputes.update(dispute.id, { metadata: { late: "yes" } }, on())).metadata,
    ).toEqual({
      late: "yes",
    });
  });

  it("is enforced on the request itself, before the tick has closed the unanswered dispute", async () => {
    const { dispute } = await disputedCharge(t, seller.id);
    const em = t.emu.emulator;
    const record = em.store.disputes[dispute.id];
    if (!record) throw new Error("dispute not in the store");
    // Move the clock without a tick: the dispute is still needs_response, but past due.
    em.store.clockOffset += (dispute.evidence_details.due_by as number) - em.now() + 60;
    expect(record.obj.status).toBe("needs_response");
    expect(() =>
      updateDispute(em, record.owner, record.obj, { evidence: { uncategorized_text: "late" } }),
    ).toThrow(/deadline/);
    expect(record.obj.evidence.uncategorized_text).toBeNull();
    em.tick();
    expect(record.obj.status).toBe("lost");
  });

  it("evidence submitted once cannot be submitted again", async () => {
    const { dispute } = await disputedCharge(t, seller.id);
    await t.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "proof" } }, on());
    const again = await rejects(t.stripe.disputes.update(dispute.id, { submit: true }, on()));
    expect(again).toMatchObject({ statusCode: 400, param: "submit" });
    expect(again.message).toContain("already been submitted");
  });
});
