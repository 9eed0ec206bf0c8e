import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDisputeByStripeId } from "@/db/queries/disputes";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { EVIDENCE_KEYS, type Evidence } from "@/lib/disputes/evidence";
import { acceptDispute, readEvidence, saveEvidence } from "@/lib/disputes/respond";
import { createDisputedOrder, stripeDisputeOf, type DisputedOrder } from "@/tests/helpers/disputes";
import { control } from "@/tests/helpers/emulator";
import { refusal } from "@/tests/helpers/errors";
import { createCallers } from "@/tests/helpers/users";

/* The admin answers a dispute on the seller's account: draft, submit once, accept; and the refusals. */

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});
afterEach(async () => {
  await control("/faults", undefined, "DELETE");
});

const evidence = (values: Partial<Evidence>): Evidence =>
  ({ ...Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, ""])), ...values }) as Evidence;

const auditOf = (d: DisputedOrder) =>
  listAuditLogsForTarget({ targetType: "dispute", targetId: d.dispute.id });
const rowOf = (d: DisputedOrder) => getDisputeByStripeId({ stripeDisputeId: d.stripeDispute.id });

describe("answering a dispute", () => {
  it("saves a draft on the seller's account, then submits it once", async () => {
    const d = await createDisputedOrder();
    const draft = evidence({ product_description: "A blue mug", shipping_carrier: "UPS" });
    const saved = await saveEvidence(callers.admin, {
      disputeId: d.dispute.id,
      evidence: draft,
      submit: false,
    });
    expect(saved).toMatchObject({ status: "needs_response", hasEvidence: true, submissionCount: 0 });
    const atStripe = await stripeDisputeOf(d);
    expect(atStripe.evidence).toMatchObject({ product_description: "A blue mug", shipping_carrier: "UPS" });
    expect(atStripe.evidence_details.submission_count).toBe(0);
    expect(await readEvidence(d.dispute)).toMatchObject({ product_description: "A blue mug", receipt: "" });

    const submitted = await saveEvidence(callers.admin, {
      disputeId: d.dispute.id,
      evidence: { ...draft, uncategorized_text: "Delivered and signed for." },
      submit: true,
    });
    expect(submitted).toMatchObject({ status: "under_review", submissionCount: 1 });
    expect((await stripeDisputeOf(d)).status).toBe("under_review");
    expect((await auditOf(d)).map((a) => [a.action, a.result])).toEqual([
      ["dispute.evidence_submit", "ok"],
      ["dispute.evidence_save", "ok"],
    ]);

    // Submitted once: a second answer is refused here, before Stripe, and writes nothing.
    const again = await refusal(
      saveEvidence(callers.admin, { disputeId: d.dispute.id, evidence: draft, submit: true }),
    );
    expect(again.code).toBe("conflict:dispute");
    expect(again.message).toMatch(/under review/i);
    expect(await auditOf(d)).toHaveLength(2);
    expect(await refusal(acceptDispute(callers.admin, { disputeId: d.dispute.id }))).toMatchObject({
      code: "conflict:dispute",
    });
  });

  it("refuses a file that is not this dispute's and nothing reaches Stripe", async () => {
    const d = await createDisputedOrder();
    const error = await refusal(
      saveEvidence(callers.admin, {
        disputeId: d.dispute.id,
        evidence: evidence({ receipt: "file_someone_elses", product_description: "x" }),
        submit: false,
      }),
    );
    expect(error.code).toBe("bad_request:dispute");
    expect(error.fieldErrors?.receipt).toEqual(["Not a file of this dispute."]);
    expect((await stripeDisputeOf(d)).evidence.product_description).toBeNull();
    expect(await auditOf(d)).toEqual([]);
  });

  it("refuses to submit nothing, and an unknown dispute", async () => {
    const d = await createDisputedOrder();
    expect(
      await refusal(
        saveEvidence(callers.admin, { disputeId: d.dispute.id, evidence: evidence({}), submit: true }),
      ),
    ).toMatchObject({ code: "bad_request:dispute", message: "Give some evidence before submitting it." });
    expect(
      await refusal(
        saveEvidence(callers.admin, {
          disputeId: "00000000-0000-4000-8000-000000000000",
          evidence: evidence({ product_description: "x" }),
          submit: false,
        }),
      ),
    ).toMatchObject({ code: "not_found:dispute" });
    expect((await stripeDisputeOf(d)).status).toBe("needs_response");
  });

  it("records Stripe's refusal in the audit log and leaves the row as it was", async () => {
    const d = await createDisputedOrder();
    await control("/faults", { path: "^/v1/disputes/", method: "POST", count: 5, kind: "500" });
    const error = await refusal(
      saveEvidence(callers.admin, {
        disputeId: d.dispute.id,
        evidence: evidence({ product_description: "x" }),
        submit: true,
      }),
    );
    expect(error.code).toBe("stripe:dispute");
    expect(await rowOf(d)).toMatchObject({ status: "needs_response", submissionCount: 0 });
    expect((await auditOf(d)).map((a) => [a.action, a.result])).toEqual([
      ["dispute.evidence_submit", "error"],
    ]);
  });

  it("accepts a dispute: lost at once, the money and fee stay withdrawn, and it can no longer be answered", async () => {
    const d = await createDisputedOrder(2_500);
    const lost = await acceptDispute(callers.admin, { disputeId: d.dispute.id });
    expect(lost).toMatchObject({
      status: "lost",
      amountWithdrawn: 2_500,
      feeWithdrawn: 1_500,
      amountReinstated: 0,
    });
    expect(lost.closedAt).toBeInstanceOf(Date);
    expect((await stripeDisputeOf(d)).status).toBe("lost");
    const late = await refusal(
      saveEvidence(callers.admin, {
        disputeId: d.dispute.id,
        evidence: evidence({ product_description: "too late" }),
        submit: false,
      }),
    );
    expect(late).toMatchObject({ code: "conflict:dispute" });
    expect(late.message).toMatch(/lost/i);
    expect((await auditOf(d)).map((a) => a.action)).toEqual(["dispute.accept"]);
  });
});
