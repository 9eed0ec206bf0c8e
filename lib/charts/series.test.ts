import { describe, expect, it } from "vitest";
import { currenciesByVolume, fillDays, lastDays, sum, windowEnd, windowStart } from "./series";

describe("lastDays", () => {
  it("lists UTC days oldest first, across a month end", () => {
    // 23:30 in New York is already the next day in UTC.
    expect(lastDays(3, new Date("2026-03-01T23:30:00-05:00"))).toEqual([
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
    expect(lastDays(3, new Date("2026-03-01T10:00:00Z"))).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
    expect(lastDays(30, new Date("2026-11-23T00:00:00Z"))).toHaveLength(30);
  });

  it("starts the window at midnight UTC of the first day", () => {
    expect(windowStart(30, new Date("2026-11-23T15:00:00Z")).toISOString()).toBe("2026-10-25T00:00:00.000Z");
  });

  it("ends the window at midnight UTC after the last day, across a year end", () => {
    expect(windowEnd(new Date("2026-11-23T15:00:00Z")).toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(windowEnd(new Date("2026-12-31T23:59:59Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("fillDays", () => {
  const days = ["2026-11-21", "2026-11-22", "2026-11-23"];
  const rows = [
    { day: "2026-11-21", currency: "usd", amount: 1000, count: 2 },
    { day: "2026-11-23", currency: "usd", amount: 500, count: 1 },
    { day: "2026-11-23", currency: "eur", amount: 9999, count: 1 },
    { day: "2026-10-01", currency: "usd", amount: 7777, count: 1 },
  ];

  it("puts zero on empty days, keeps one currency, drops days outside the window", () => {
    const points = fillDays(rows, days, "usd", (r) => r.amount);
    expect(points).toEqual([
      { day: "2026-11-21", value: 1000 },
      { day: "2026-11-22", value: 0 },
      { day: "2026-11-23", value: 500 },
    ]);
    expect(sum(points)).toBe(1500);
    expect(sum(fillDays(rows, days, "usd", (r) => r.count))).toBe(3);
  });

  it("orders currencies by volume and keeps ones that only appear elsewhere", () => {
    expect(currenciesByVolume(rows, [{ currency: "gbp" }])).toEqual(["eur", "usd", "gbp"]);
    expect(currenciesByVolume([])).toEqual([]);
  });
});
