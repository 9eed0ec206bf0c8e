import { eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { platformSettings } from "@/db/schema";
import { env } from "@/lib/env";

export interface FeeSettings {
  feeBps: number;
  feeFixed: number;
}

/** The settings row's fees if an admin saved one (both columns present), else the environment defaults. */
export function feeSettingsOf(
  row: { feeBps: number | null; feeFixed: number | null } | undefined,
): FeeSettings {
  return row && row.feeBps !== null && row.feeFixed !== null
    ? { feeBps: row.feeBps, feeFixed: row.feeFixed }
    : { feeBps: env.PLATFORM_FEE_BPS, feeFixed: env.PLATFORM_FEE_FIXED };
}

/** Platform fee settings: the settings row if an admin saved one, else the environment defaults. */
export async function getFeeSettings(ex: Executor = db): Promise<FeeSettings> {
  const [row] = await ex.select().from(platformSettings).where(eq(platformSettings.id, 1)).limit(1);
  return feeSettingsOf(row);
}

export async function saveFeeSettings(settings: FeeSettings, ex: Executor = db): Promise<void> {
  await ex
    .insert(platformSettings)
    .values({ id: 1, ...settings })
    .onConflictDoUpdate({ target: platformSettings.id, set: { ...settings, updatedAt: new Date() } });
}
