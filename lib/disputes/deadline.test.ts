import { describe, expect, it } from "vitest";
import { byTimeLeft, timeLeft, urgentBefore } from "@/lib/disputes/deadline";

const now = new Date("2026-03-10T12:00:00Z");
const after = (ms: number) => new Date(now.getTime() + ms);
const HOUR = 3_600_000;

describe("timeLeft", () => {
  it("says days and hours left, rounding down, and flags less than 72 hours", () => {
    expect(timeLeft(after(8 * 24 * HOUR + 5 * HOUR + 59 * 60_000), now)).toEqual({
      text: "8 days 5 h left",
      overdue: false,
      urgent: false,
    });
    expect(timeLeft(after(72 * HOUR), now)).toMatchObject({ text: "3 days 0 h left", urgent: false });
    expect(timeLeft(after(72 * HOUR - 1), now)).toMatchObject({ text: "2 days 23 h left", urgent: true });
    expect(timeLeft(after(25 * HOUR), now)).toMatchObject({ text: "1 day 1 h left", urgent: true });
    expect(timeLeft(after(5 * HOUR + 30 * 60_000), now)).toMatchObject({ text: "5 h left", urgent: true });
  });

  it("counts minutes in the last hour, and never says 0 min before the deadline", () => {
    expect(timeLeft(after(42 * 60_000 + 10_000), now).text).toBe("42 min left");
    expect(timeLeft(after(15_000), now)).toEqual({ text: "1 min left", overdue: false, urgent: true });
  });

  it("is overdue at and after the deadline", () => {
    expect(timeLeft(now, now)).toEqual({ text: "overdue", overdue: true, urgent: true });
    expect(timeLeft(after(-3 * 24 * HOUR), now)).toEqual({ text: "overdue", overdue: true, urgent: true });
  });

  it("names the instant 72 hours ahead as the urgency limit", () => {
    expect(urgentBefore(now).toISOString()).toBe("2026-03-13T12:00:00.000Z");
  });
});

describe("byTimeLeft", () => {
  it("puts disputes waiting for an answer first, nearest deadline first, answered ones last", () => {
    const rows = [
      { id: "review", status: "under_review", evidenceDueBy: after(-HOUR) },
      { id: "none", status: "needs_response", evidenceDueBy: null },
      { id: "later", status: "needs_response", evidenceDueBy: after(9 * 24 * HOUR) },
      { id: "inquiry", status: "warning_needs_response", evidenceDueBy: after(2 * HOUR) },
      { id: "overdue", status: "needs_response", evidenceDueBy: after(-2 * HOUR) },
    ];
    expect(byTimeLeft(rows, (r) => r).map((r) => r.id)).toEqual([
      "overdue",
      "inquiry",
      "later",
      "none",
      "review",
    ]);
    // The input is left as it was.
    expect(rows[0]?.id).toBe("review");
  });
});
