import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { getDisputeByStripeId } from "@/db/queries/disputes";
import { disputes } from "@/db/schema";
import { syncDisputes } from "@/lib/disputes/sync";
import { createDisputedOrder } from "@/tests/helpers/disputes";
import { emulator } from "@/tests/helpers/emulator";

/* The sync-disputes job: an open dispute whose closing event never arrived is read back from Stripe. */

describe("syncDisputes", () => {
  it("closes a dispute past its deadline whose charge.dispute.closed was lost, and leaves fresh ones alone", async () => {
    const lostEvent = await createDisputedOrder(3_300);
    const fresh = await createDisputedOrder(1_100);
    // Stripe decides both; no event reaches us (never applied here).
    await emulator().resolveDispute(lostEvent.stripeDispute.id, "won");
    await emulator().resolveDispute(fresh.stripeDispute.id, "lost");
    // Only the first one's deadline has passed as far as our row knows.
    await db
      .update(disputes)
      .set({ evidenceDueBy: new Date(Date.now() - 60_000) })
      .where(eq(disputes.id, lostEvent.dispute.id));

    const { summary } = await syncDisputes({ maxMs: 30_000 });
    expect(summary).toMatch(/changed status/);

    expect(await getDisputeByStripeId({ stripeDisputeId: lostEvent.stripeDispute.id })).toMatchObject({
      status: "won",
      amountWithdrawn: 3_300,
      amountReinstated: 3_300,
      feeWithdrawn: 1_500,
    });
    expect((await getDisputeByStripeId({ stripeDisputeId: fresh.stripeDispute.id }))?.status).toBe(
      "needs_response",
    );
  });
});
