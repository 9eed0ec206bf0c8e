import "server-only";
import {
  dailyDisputes,
  dailyGrossVolume,
  dailyPlatformFees,
  dailyRefunds,
  sellerTotals,
  type SellerTotalRow,
} from "@/db/queries/admin-stats";
import type { Admin } from "@/lib/guards";
import {
  currenciesByVolume,
  fillDays,
  lastDays,
  windowEnd,
  windowStart,
  type DayPoint,
} from "@/lib/charts/series";

export const OVERVIEW_DAYS = 30;

export interface CurrencyOverview {
  currency: string;
  gross: DayPoint[];
  fees: DayPoint[];
  refunds: DayPoint[];
  refundCount: DayPoint[];
  disputes: DayPoint[];
  disputeCount: DayPoint[];
}

export interface Overview {
  days: string[];
  since: Date;
  /** One block of series per currency, the biggest first (most marketplaces have exactly one). */
  currencies: CurrencyOverview[];
  sellers: SellerTotalRow[];
}

/** The admin overview: money per day over the last 30 UTC days, and totals per seller over the same window. */
export async function getOverview(_admin: Admin, today = new Date()): Promise<Overview> {
  const days = lastDays(OVERVIEW_DAYS, today);
  const range = { since: windowStart(OVERVIEW_DAYS, today), until: windowEnd(today) };
  const [gross, fees, refunds, disputes, sellers] = await Promise.all([
    dailyGrossVolume(range),
    dailyPlatformFees(range),
    dailyRefunds(range),
    dailyDisputes(range),
    sellerTotals(range),
  ]);
  const currencies = currenciesByVolume(gross, fees, refunds, disputes).map((currency) => ({
    currency,
    gross: fillDays(gross, days, currency, (r) => r.amount),
    fees: fillDays(fees, days, currency, (r) => r.amount),
    refunds: fillDays(refunds, days, currency, (r) => r.amount),
    refundCount: fillDays(refunds, days, currency, (r) => r.count),
    disputes: fillDays(disputes, days, currency, (r) => r.amount),
    disputeCount: fillDays(disputes, days, currency, (r) => r.count),
  }));
  return { days, since: range.since, currencies, sellers };
}
