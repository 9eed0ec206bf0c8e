import { describe, expect, it } from "vitest";
import { pageWindow, parsePage } from "./pagination";

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
