import { describe, expect, it } from "vitest";
import { version } from "react";

describe("the React the views render with", () => {
  it("is this package's React 18 (the SDK's), never the repository root's React 19", () => {
    expect(version).toMatch(/^18\./);
  });
});
