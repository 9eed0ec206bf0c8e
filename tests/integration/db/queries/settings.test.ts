import { describe, expect, it } from "vitest";
import { db, type Transaction } from "@/db/client";
import { env } from "@/lib/env";
import { feeSettingsOf, getFeeSettings, saveFeeSettings } from "@/db/queries/settings";

/*
 * The platform fee settings row. Every write happens in a transaction that is rolled back: the row is
 * platform-wide and other test files share it on a PostgreSQL server (checkout.test.ts covers the fee a
 * saved row gives at checkout).
 */

class RolledBack extends Error {}

async function rolledBack(work: (tx: Transaction) => Promise<void>): Promise<void> {
  await expect(
    db.transaction(async (tx) => {
      await work(tx);
      throw new RolledBack();
    }),
  ).rejects.toBeInstanceOf(RolledBack);
}

/** The database's own words when it refused a write (drizzle wraps the driver's error). */
async function refusal(write: Promise<unknown>): Promise<string> {
  let current: unknown = await write.then(
    () => new Error("the write was accepted"),
    (error: unknown) => error,
  );
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

describe("fee settings", () => {
  it("fall back to the environment defaults until a full row is saved", () => {
    const defaults = { feeBps: env.PLATFORM_FEE_BPS, feeFixed: env.PLATFORM_FEE_FIXED };
    expect(feeSettingsOf(undefined)).toEqual(defaults);
    expect(feeSettingsOf({ feeBps: null, feeFixed: 10 })).toEqual(defaults);
    expect(feeSettingsOf({ feeBps: 0, feeFixed: 0 })).toEqual({ feeBps: 0, feeFixed: 0 });
  });

  it("saveFeeSettings writes the one row, then updates it in place", async () => {
    await rolledBack(async (tx) => {
      await saveFeeSettings({ feeBps: 250, feeFixed: 10 }, tx);
      expect(await getFeeSettings(tx)).toEqual({ feeBps: 250, feeFixed: 10 });
      await saveFeeSettings({ feeBps: 10_000, feeFixed: 0 }, tx);
      expect(await getFeeSettings(tx)).toEqual({ feeBps: 10_000, feeFixed: 0 });
      const rows = await tx.query.platformSettings.findMany();
      expect(rows).toEqual([expect.objectContaining({ id: 1, feeBps: 10_000, feeFixed: 0 })]);
    });
  });

  it("the database refuses fees outside 0-10,000 basis points or a negative fixed part", async () => {
    const bad = [
      [{ feeBps: -1, feeFixed: 0 }, "platform_settings_fee_bps_range"],
      [{ feeBps: 10_001, feeFixed: 0 }, "platform_settings_fee_bps_range"],
      [{ feeBps: 300, feeFixed: -1 }, "platform_settings_fee_fixed_nonnegative"],
    ] as const;
    for (const [settings, constraint] of bad) {
      // One transaction per refused write (no savepoints: the app never nests transactions, and the
      // @vercel/postgres driver reports a refused write inside a savepoint as the savepoint's rollback).
      await rolledBack(async (tx) => {
        await saveFeeSettings({ feeBps: 300, feeFixed: 20 }, tx);
        const message = await refusal(saveFeeSettings(settings, tx));
        expect(message).toContain(`violates check constraint "${constraint}"`);
      });
    }
  });
});
