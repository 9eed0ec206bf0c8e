import { AppError } from "@/lib/errors";
import { CHECKOUT_REFUSALS } from "./checkout-rules";

/**
 * The platform's application fee: a percentage in basis points plus a fixed part, both in the
 * payment's currency minor units. Pure, so unit tests (and anyone reading a receipt) can check it
 * without I/O.
 */

/** A fee rule as stored in platform_settings or as a seller's override. */
export interface FeeRule {
  /** Percentage in basis points: 250 = 2.5 %. */
  feeBps: number;
  /** Fixed part in minor units, added to the percentage part. */
  feeFixed: number;
}

/** The connected_accounts columns that can override the platform rule, field by field. */
export interface FeeOverride {
  feeBpsOverride: number | null;
  feeFixedOverride: number | null;
}

const MAX_BPS = 10_000;

function assertNonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer (minor units / basis points), got ${value}`);
  }
}

/**
 * The seller's rule: each override column that is set replaces the platform's value for that part
 * only, so an admin can e.g. waive the fixed part for one seller and keep the platform percentage.
 */
export function resolveFeeRule(platform: FeeRule, override: FeeOverride | null | undefined): FeeRule {
  return {
    feeBps: override?.feeBpsOverride ?? platform.feeBps,
    feeFixed: override?.feeFixedOverride ?? platform.feeFixed,
  };
}

/**
 * Application fee for `amount` (integer minor units).
 *
 * - The percentage part is rounded half up on integers (no floating point: amount × bps stays far
 *   below 2^53 for any amount Stripe accepts).
 * - The result is clamped to [0, amount]: Stripe refuses an application_fee_amount above the charge,
 *   and a small order with a large fixed part must still be payable (the platform then takes it all).
 * - Monotonic in the amount: a larger order never pays a smaller fee.
 */
export function computeApplicationFee(amount: number, rule: FeeRule): number {
  assertNonNegativeInteger(amount, "amount");
  assertNonNegativeInteger(rule.feeBps, "feeBps");
  assertNonNegativeInteger(rule.feeFixed, "feeFixed");
  if (rule.feeBps > MAX_BPS) throw new RangeError(`feeBps must be at most ${MAX_BPS}, got ${rule.feeBps}`);
  const percentage = Math.floor((amount * rule.feeBps + MAX_BPS / 2) / MAX_BPS);
  return Math.min(amount, percentage + rule.feeFixed);
}

/**
 * The fee checkout charges for a seller: their rule applied to `amount`. The database refuses fee
 * settings outside the fee function's domain, so a RangeError here means configuration got past it
 * (e.g. PLATFORM_FEE_BPS above 10000): it is logged and the buyer gets a clear refusal, not a crash.
 */
export function applicationFeeFor(
  amount: number,
  platform: FeeRule,
  override: FeeOverride | null | undefined,
): number {
  const rule = resolveFeeRule(platform, override);
  try {
    return computeApplicationFee(amount, rule);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    console.error(`[checkout] invalid fee rule ${JSON.stringify(rule)}: ${error.message}`);
    // The buyer's side of it is the same as an account that cannot charge: the rules' words.
    throw new AppError("unprocessable:checkout_fee", CHECKOUT_REFUSALS.seller.message);
  }
}
