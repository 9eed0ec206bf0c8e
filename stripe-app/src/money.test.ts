import { describe, expect, it } from "vitest";
import { currencyDigits, minorToDecimal } from "./money";

describe("minorToDecimal", () => {
  it("writes two-decimal currencies with their cents and zero-decimal ones whole", () => {
    expect(minorToDecimal(2500, "usd")).toBe("25.00");
    expect(minorToDecimal(5, "eur")).toBe("0.05");
    expect(minorToDecimal(123456, "gbp")).toBe("1234.56");
    expect(minorToDecimal(5000, "jpy")).toBe("5000");
    expect(minorToDecimal(12000, "krw")).toBe("12000");
  });

  it("knows the zero-decimal currencies", () => {
    expect(currencyDigits("jpy")).toBe(0);
    expect(currencyDigits("KRW")).toBe(0);
    expect(currencyDigits("usd")).toBe(2);
  });
});
