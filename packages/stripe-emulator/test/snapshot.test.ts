import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expressAccount, startTestEmulator } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "stripe-emulator-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("snapshot", () => {
  it("keeps accounts, payments and the clock across a restart", async () => {
    const snapshotPath = join(dir, "nested", "emulator.json");
    const first = await startTestEmulator({ snapshotPath });
    const seller = await expressAccount(first);
    const pi = await first.stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      { stripeAccount: seller.id },
    );
    await first.control("/_emulator/clock/advance", { seconds: 3600 });
    await first.close();
    expect((JSON.parse(readFileSync(snapshotPath, "utf8")) as { version: number }).version).toBe(1);

    const second = await startTestEmulator({ snapshotPath });
    try {
      expect((await second.stripe.accounts.retrieve(seller.id)).charges_enabled).toBe(true);
      expect(
        (await second.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: seller.id })).status,
      ).toBe("succeeded");
      expect((await second.control<{ clock_offset: number }>("/_emulator/state")).clock_offset).toBe(3600);
    } finally {
      await second.close();
    }
  });

  it("starts empty when the snapshot is unreadable instead of crashing", async () => {
    const snapshotPath = join(dir, "broken.json");
    writeFileSync(snapshotPath, "{not json");
    const t = await startTestEmulator({ snapshotPath });
    try {
      expect((await t.stripe.accounts.list()).data).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
