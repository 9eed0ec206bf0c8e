import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { applicationFeeFor, computeApplicationFee, resolveFeeRule, type FeeRule } from "./fees";

/** Stripe's largest charge in USD minor units ($999,999.99). */
const MAX_AMOUNT = 99_999_999;
const amountArb = fc.integer({ min: 0, max: MAX_AMOUNT });
const ruleArb: fc.Arbitrary<FeeRule> = fc.record({
  feeBps: fc.integer({ min: 0, max: 10_000 }),
  feeFixed: fc.integer({ min: 0, max: 100_000 }),
});

describe("computeApplicationFee", () => {
  it("is an integer between 0 and the amount", () => {
    fc.assert(
      fc.property(amountArb, ruleArb, (amount, rule) => {
        const fee = computeApplicationFee(amount, rule);
        expect(Number.isInteger(fee)).toBe(true);
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(fee).toBeLessThanOrEqual(amount);
      }),
    );
  });

  it("is monotonic in the amount", () => {
    fc.assert(
      fc.property(amountArb, amountArb, ruleArb, (a, b, rule) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(computeApplicationFee(lo, rule)).toBeLessThanOrEqual(computeApplicationFee(hi, rule));
      }),
    );
  });

  it("is monotonic in the rate and in the fixed part", () => {
    fc.assert(
      fc.property(
        amountArb,
        ruleArb,
        fc.nat({ max: 10_000 }),
        fc.nat({ max: 10_000 }),
        (amount, rule, dBps, dFixed) => {
          const higher = { feeBps: Math.min(10_000, rule.feeBps + dBps), feeFixed: rule.feeFixed + dFixed };
          expect(computeApplicationFee(amount, rule)).toBeLessThanOrEqual(
            computeApplicationFee(amount, higher),
          );
        },
      ),
    );
  });

  it("equals the rounded percentage plus the fixed part whenever that fits in the amount", () => {
    fc.assert(
      fc.property(amountArb, ruleArb, (amount, rule) => {
        const exact = (amount * rule.feeBps) / 10_000;
        const expected = Math.min(amount, Math.round(exact) + rule.feeFixed);
        expect(computeApplicationFee(amount, rule)).toBe(expected);
      }),
    );
  });

  it("computes known values", () => {
    expect(computeApplicationFee(2800, { feeBps: 500, feeFixed: 30 })).toBe(170); // 140 + 30
    expect(computeApplicationFee(1000, { feeBps: 250, feeFixed: 0 })).toBe(25);
    expect(computeApplicationFee(10, { feeBps: 250, feeFixed: 0 })).toBe(0); // 0.25 rounds down
    expect(computeApplicationFee(20, { feeBps: 250, feeFixed: 0 })).toBe(1); // 0.5 rounds up
    expect(computeApplicationFee(50, { feeBps: 500, feeFixed: 100 })).toBe(50); // fixed part capped at the amount
    expect(computeApplicationFee(0, { feeBps: 500, feeFixed: 30 })).toBe(0);
    expect(computeApplicationFee(12345, { feeBps: 10_000, feeFixed: 0 })).toBe(12345);
  });

  it("refuses inputs that are not integer minor units or a valid rate", () => {
    expect(() => computeApplicationFee(10.5, { feeBps: 500, feeFixed: 30 })).toThrow(RangeError);
    expect(() => computeApplicationFee(-1, { feeBps: 500, feeFixed: 30 })).toThrow(RangeError);
    expect(() => computeApplicationFee(100, { feeBps: -1, feeFixed: 30 })).toThrow(RangeError);
    expect(() => computeApplicationFee(100, { feeBps: 10_001, feeFixed: 30 })).toThrow(RangeError);
    expect(() => computeApplicationFee(100, { feeBps: 500, feeFixed: 0.5 })).toThrow(RangeError);
    expect(() => computeApplicationFee(Number.NaN, { feeBps: 500, feeFixed: 30 })).toThrow(RangeError);
  });
});

describe("resolveFeeRule", () => {
  const platform = { feeBps: 500, feeFixed: 30 };

  it("uses the platform rule without an override", () => {
    expect(resolveFeeRule(platform, null)).toEqual(platform);
    expect(resolveFeeRule(platform, { feeBpsOverride: null, feeFixedOverride: null })).toEqual(platform);
  });

  it("overrides each part separately, including with zero", () => {
    expect(resolveFeeRule(platform, { feeBpsOverride: 200, feeFixedOverride: null })).toEqual({
      feeBps: 200,
      feeFixed: 30,
    });
    expect(resolveFeeRule(platform, { feeBpsOverride: null, feeFixedOverride: 0 })).toEqual({
      feeBps: 500,
      feeFixed: 0,
    });
    expect(resolveFeeRule(platform, { feeBpsOverride: 0, feeFixedOverride: 0 })).toEqual({
      feeBps: 0,
      feeFixed: 0,
    });
  });
});

describe("applicationFeeFor (checkout's fee step)", () => {
  it("applies the seller's override over the platform rule", () => {
    expect(
      applicationFeeFor(
        10_000,
        { feeBps: 500, feeFixed: 30 },
        { feeBpsOverride: 100, feeFixedOverride: null },
      ),
    ).toBe(130);
  });

  it("refuses a rule outside the fee function's domain with a clear AppError, never a RangeError", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const impossible: [FeeRule, { feeBpsOverride: number | null; feeFixedOverride: number | null } | null][] =
      [
        [{ feeBps: 20_000, feeFixed: 0 }, null],
        [
          { feeBps: 500, feeFixed: 30 },
          { feeBpsOverride: -1, feeFixedOverride: null },
        ],
        [
          { feeBps: 500, feeFixed: 30 },
          { feeBpsOverride: null, feeFixedOverride: 0.5 },
        ],
      ];
    for (const [platform, override] of impossible) {
      let caught: unknown;
      try {
        applicationFeeFor(1_000, platform, override);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect(caught).toMatchObject({ code: "unprocessable:checkout_fee", status: 422 });
    }
    expect(logged).toHaveBeenCalledTimes(impossible.length);
    logged.mockRestore();
  });
});
