import { describe, expect, it } from "vitest";
import { currencyDigits, formatMoney, minorToDecimalString, parseMoneyInput } from "./money";

describe("parseMoneyInput", () => {
  it.each([
    ["12.50", "usd", 1250],
    ["12.5", "usd", 1250],
    ["12", "usd", 1200],
    ["0.29", "usd", 29],
    ["0.01", "usd", 1],
    [" 1,234.56 ", "usd", 123456],
    ["12.", "usd", 1200],
    ["1.10", "usd", 110],
    ["500", "jpy", 500],
    ["500.0", "jpy", 500],
  ])("%s %s → %i minor units", (input, currency, minor) => {
    expect(parseMoneyInput(input, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ["", /Enter an amount/],
    ["0", /more than zero/],
    ["0.00", /more than zero/],
    ["-5", /more than zero/],
    ["-0.5", /more than zero/],
    ["abc", /as a number/],
    ["1e3", /as a number/],
    ["12.505", /at most 2 decimal places/],
    ["0.001", /at most 2 decimal places/],
    [".5", /as a number/],
    ["1234567890", /as a number/],
  ])("refuses %j", (input, message) => {
    const parsed = parseMoneyInput(input, "usd");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it("refuses decimals for a zero-decimal currency", () => {
    const parsed = parseMoneyInput("500.5", "jpy");
    expect(parsed).toEqual({ ok: false, message: "JPY has no minor unit: enter a whole amount." });
  });
});

describe("minorToDecimalString", () => {
  it("formats without floating point", () => {
    expect(minorToDecimalString(1250, "usd")).toBe("12.50");
    expect(minorToDecimalString(5, "usd")).toBe("0.05");
    expect(minorToDecimalString(0, "usd")).toBe("0.00");
    expect(minorToDecimalString(500, "jpy")).toBe("500");
  });

  it("round-trips through parseMoneyInput", () => {
    for (const minor of [1, 29, 99, 100, 1234, 987654]) {
      expect(parseMoneyInput(minorToDecimalString(minor, "usd"), "usd")).toEqual({ ok: true, minor });
    }
  });

  it("knows the minor unit of common currencies", () => {
    expect(currencyDigits("usd")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("eur")).toBe(2);
  });
});

describe("formatMoney", () => {
  it("shows minor units in the currency's own digits", () => {
    expect(formatMoney(1250, "usd")).toBe("$12.50");
    expect(formatMoney(500, "jpy")).toBe("¥500");
    expect(formatMoney(0, "EUR")).toBe("€0.00");
  });
});
