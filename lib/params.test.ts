import { describe, expect, it } from "vitest";
import { firstParam, isUuid, pageWindow, parsePage } from "@/lib/params";

describe("parsePage", () => {
  it("accepts positive integers and treats anything else as page 1", () => {
    expect(parsePage("3")).toBe(3);
    expect(parsePage(["2", "5"])).toBe(2);
    for (const bad of [undefined, "", "0", "-1", "1.5", "abc", "9999999", " 2"])
      expect(parsePage(bad)).toBe(1);
  });

  it("turns a page into an offset", () => {
    expect(pageWindow(1, 12)).toEqual({ offset: 0, limit: 12 });
    expect(pageWindow(3, 12)).toEqual({ offset: 24, limit: 12 });
  });
});

describe("firstParam and isUuid", () => {
  it("reads the first of repeated values and nothing from an absent one", () => {
    expect(firstParam("a")).toBe("a");
    expect(firstParam(["b", "c"])).toBe("b");
    expect(firstParam([])).toBeUndefined();
    expect(firstParam(undefined)).toBeUndefined();
  });

  it("accepts uuids in either case and nothing else", () => {
    expect(isUuid("0b5c7f0e-3a5e-4c1e-9d3a-2f6b8e1c4a7d")).toBe(true);
    expect(isUuid("0B5C7F0E-3A5E-4C1E-9D3A-2F6B8E1C4A7D")).toBe(true);
    for (const bad of [
      "",
      "not-a-uuid",
      "0b5c7f0e-3a5e-4c1e-9d3a-2f6b8e1c4a7",
      " 0b5c7f0e-3a5e-4c1e-9d3a-2f6b8e1c4a7d",
      42,
      null,
      undefined,
    ])
      expect(isUuid(bad)).toBe(false);
  });
});
