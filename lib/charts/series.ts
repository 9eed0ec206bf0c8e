/** Pure helpers that turn per-day database rows into chart series (admin overview, seller dashboard). */

export interface DayPoint {
  /** UTC calendar day, "YYYY-MM-DD". */
  day: string;
  value: number;
}

/** The last `days` UTC days ending with `today`, oldest first. */
export function lastDays(days: number, today: Date): string[] {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Array.from({ length: days }, (_, i) =>
    new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** First instant of the window that `lastDays(days, today)` covers. */
export function windowStart(days: number, today: Date): Date {
  return new Date(`${lastDays(days, today)[0]}T00:00:00.000Z`);
}

/** First instant after the window that `lastDays(days, today)` covers (midnight UTC after `today`). */
export function windowEnd(today: Date): Date {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
}

/** One point per day (zero where no row), for one currency and one measure of the rows. */
export function fillDays<R extends { day: string; currency: string }>(
  rows: R[],
  days: string[],
  currency: string,
  value: (row: R) => number,
): DayPoint[] {
  const byDay = new Map<string, number>();
  for (const row of rows) {
    if (row.currency !== currency) continue;
    byDay.set(row.day, (byDay.get(row.day) ?? 0) + value(row));
  }
  return days.map((day) => ({ day, value: byDay.get(day) ?? 0 }));
}

/** Currencies that appear in any of the row sets, the one with the most gross volume first. */
export function currenciesByVolume(
  volume: { currency: string; amount: number }[],
  ...others: { currency: string }[][]
): string[] {
  const totals = new Map<string, number>();
  for (const row of volume) totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.amount);
  for (const rows of others)
    for (const row of rows) if (!totals.has(row.currency)) totals.set(row.currency, 0);
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

export function sum(points: DayPoint[]): number {
  return points.reduce((total, p) => total + p.value, 0);
}
