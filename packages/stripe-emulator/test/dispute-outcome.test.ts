/**
 * Stripe's test-mode dispute outcomes (issue 20): submitting evidence whose uncategorized_text contains
 * `winning_evidence` wins the dispute, `losing_evidence` loses it. The bank decides
 * EMULATOR_DEFAULTS.disputeDecisionDelaySeconds later on the emulator clock, with the same events and money
 * as the control API's resolve; the pending decision survives a restart.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { EMULATOR_DEFAULTS } from "../src/defaults";
import { pdf, upload } from "./file-fixtures";
import {
  disputedCharge,
  emulatorForFile,
  expressAccount,
  sellerForFile,
  startTestEmulator,
  type TestEmulator,
} from "./helpers";

const DELAY = EMULATOR_DEFAULTS.disputeDecisionDelaySeconds;
const t = emulatorForFile();
const seller = sellerForFile(t);
const on = seller.on;

async function eventsOf(em: TestEmulator, account: string, id: string): Promise<string[]> {
  const list = await em.control<{ data: Stripe.Event[] }>(`/_emulator/events?account=${account}`);
  return list.data
    .filter((e) => (e.data.object as { id?: string }).id === id)
    .map((e) => e.type)
    .reverse();
}

async function total(): Promise<number> {
  const b = await t.stripe.balance.retrieve({}, on());
  return (b.available[0]?.amount ?? 0) + (b.pending[0]?.amount ?? 0);
}

const advance = (em: TestEmulator, seconds: number) => em.control("/_emulator/clock/advance", { seconds });
const status = async (id: string) => (await t.stripe.disputes.retrieve(id, {}, on())).status;

describe("test-mode evidence decides the dispute after the decision delay", () => {
  it("winning_evidence: won, funds reinstated without the $15 fee, charge.dispute.closed", async () => {
    const start = await total();
    const { dispute } = await disputedCharge(t, seller.id, 6000);
    const receipt = await upload(t, seller.id, pdf());
    const submitted = await t.stripe.disputes.update(
      dispute.id,
      { evidence: { uncategorized_text: "winning_evidence", receipt: receipt.id } },
      on(),
    );
    expect(submitted.status).toBe("under_review");
    await advance(t, DELAY - 5);
    expect(await status(dispute.id)).toBe("under_review");
    await advance(t, 10);
    const won = await t.stripe.disputes.retrieve(dispute.id, {}, on());
    expect(won.status).toBe("won");
    expect(won.balance_transactions.map((b) => b.reporting_category)).toEqual([
      "dispute",
      "dispute_reversal",
    ]);
    expect(await total()).toBe(start + 6000 - 1500);
    expect(await eventsOf(t, seller.id, dispute.id)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.updated",
      "charge.dispute.funds_reinstated",
      "charge.dispute.closed",
    ]);
  });

  it("losing_evidence: lost, nothing comes back, charge.dispute.closed only", async () => {
    const { dispute } = await disputedCharge(t, seller.id, 3000);
    await t.stripe.disputes.update(
      dispute.id,
      { evidence: { uncategorized_text: "We shipped it. losing_evidence" } },
      on(),
    );
    const before = await total();
    await advance(t, DELAY + 1);
    expect(await status(dispute.id)).toBe("lost");
    expect(await total()).toBe(before);
    const types = await eventsOf(t, seller.id, dispute.id);
    expect(types.slice(-2)).toEqual(["charge.dispute.updated", "charge.dispute.closed"]);
    expect(types).not.toContain("charge.dispute.funds_reinstated");
  });

  it("other evidence stays under review for the bank; staged test evidence decides only once submitted", async () => {
    const plain = await disputedCharge(t, seller.id);
    await t.stripe.disputes.update(
      plain.dispute.id,
      { evidence: { uncategorized_text: "signed for" } },
      on(),
    );
    const staged = await disputedCharge(t, seller.id);
    await t.stripe.disputes.update(
      staged.dispute.id,
      { evidence: { uncategorized_text: "winning_evidence" }, submit: false },
      on(),
    );
    await advance(t, DELAY + 1);
    expect(await status(plain.dispute.id)).toBe("under_review");
    expect(await status(staged.dispute.id)).toBe("needs_response");
    await t.stripe.disputes.update(staged.dispute.id, { submit: true }, on());
    await advance(t, DELAY + 1);
    expect(await status(staged.dispute.id)).toBe("won");
  });

  it("a decision the control API made first is not made again", async () => {
    const { dispute } = await disputedCharge(t, seller.id);
    await t.stripe.disputes.update(
      dispute.id,
      { evidence: { uncategorized_text: "winning_evidence" } },
      on(),
    );
    await t.control(`/_emulator/disputes/${dispute.id}/resolve`, { outcome: "lost" });
    await advance(t, DELAY + 1);
    expect(await status(dispute.id)).toBe("lost");
    const types = await eventsOf(t, seller.id, dispute.id);
    expect(types.filter((x) => x === "charge.dispute.closed")).toHaveLength(1);
  });
});

describe("a pending decision and a restart", () => {
  const dir = mkdtempSync(join(tmpdir(), "stripe-emulator-outcome-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is kept in the snapshot and applied by the restarted emulator's clock", async () => {
    const snapshotPath = join(dir, "emulator.json");
    const first = await startTestEmulator({ snapshotPath });
    const account = (await expressAccount(first)).id;
    const { dispute } = await disputedCharge(first, account);
    await first.stripe.disputes.update(
      dispute.id,
      { evidence: { uncategorized_text: "winning_evidence" } },
      { stripeAccount: account },
    );
    await first.close();

    const second = await startTestEmulator({ snapshotPath });
    try {
      const retrieve = () => second.stripe.disputes.retrieve(dispute.id, {}, { stripeAccount: account });
      expect((await retrieve()).status).toBe("under_review");
      await advance(second, DELAY + 1);
      expect((await retrieve()).status).toBe("won");
      expect((await eventsOf(second, account, dispute.id)).slice(-2)).toEqual([
        "charge.dispute.funds_reinstated",
        "charge.dispute.closed",
      ]);
    } finally {
      await second.close();
    }
  });
});
