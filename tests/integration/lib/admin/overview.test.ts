import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { createRefund } from "@/lib/refunds/create-refund";
import { handleApplicationFeeEvent } from "@/lib/webhooks/application-fees";
import { createPaidOrder, setOrderState, type PaidOrder } from "@/tests/helpers/orders";
import { createCallers } from "@/tests/helpers/users";
import { applyWith, emulatorEvent } from "@/tests/helpers/webhooks";
import { getOverview, type Overview } from "@/lib/admin/overview";
import { sum } from "@/lib/charts/series";

/*
 * The overview's "platform fees earned": per day, net of the fees given back to sellers, and the
 * per-seller totals by the same rule and over the same window. The orders are dated in a window of
 * 2001 that no other test writes to, so the figures are exact even when test files share one
 * PostgreSQL database (whose orders from today are after the window and must count nowhere).
 */

const TODAY = new Date("2001-03-15T12:00:00.000Z");

let callers: Awaited<ReturnType<typeof createCallers>>;
let refunded: PaidOrder;
let kept: PaidOrder;
let declined: PaidOrder;
let overview: Overview;

function feeEvent(paid: PaidOrder, type: string) {
  return emulatorEvent(
    "acct_emulator_platform",
    type,
    (e) => (e.data.object as Stripe.ApplicationFee).charge === paid.charge.id,
  );
}

beforeAll(async () => {
  callers = await createCallers();
  refunded = await createPaidOrder({ amount: 10_000, fee: 830 });
  kept = await createPaidOrder({ amount: 4_000, fee: 300 });
  declined = await createPaidOrder({ amount: 2_000, fee: 100 });
  // The platform's fee ledger, as the application_fee.* webhooks fill it: half of one fee given back.
  await applyWith(handleApplicationFeeEvent, await feeEvent(refunded, "application_fee.created"));
  await applyWith(handleApplicationFeeEvent, await feeEvent(kept, "application_fee.created"));
  await createRefund(callers.admin, {
    orderId: refunded.order.id,
    amount: 5_000,
    reason: "requested_by_customer",
    refundApplicationFee: true,
  });
  await applyWith(handleApplicationFeeEvent, await feeEvent(refunded, "application_fee.refunded"));

  await setOrderState(refunded.order.id, { createdAt: new Date("2001-03-10T08:00:00.000Z") });
  // Late in the UTC day: still that day's fees.
  await setOrderState(kept.order.id, { createdAt: new Date("2001-03-14T23:30:00.000Z") });
  await setOrderState(declined.order.id, {
    status: "failed",
    createdAt: new Date("2001-03-14T10:00:00.000Z"),
  });
  overview = await getOverview(callers.admin, TODAY);
});

function usd() {
  const block = overview.currencies.find((c) => c.currency === "usd");
  if (!block) throw new Error("no usd series");
  return block;
}

/** Days of a series that are not zero. */
function nonZero(points: { day: string; value: number }[]): Record<string, number> {
  return Object.fromEntries(points.filter((p) => p.value !== 0).map((p) => [p.day, p.value]));
}

describe("overview: platform fees earned", () => {
  it("covers the 30 UTC days ending today", () => {
    expect(overview.days).toHaveLength(30);
    expect(overview.days[0]).toBe("2001-02-14");
    expect(overview.days.at(-1)).toBe("2001-03-15");
    expect(overview.currencies.map((c) => c.currency)).toEqual(["usd"]);
  });

  it("is each day's application fees less the fees refunded to sellers", () => {
    expect(nonZero(usd().fees)).toEqual({ "2001-03-10": 830 - 415, "2001-03-14": 300 });
    expect(usd().fees.map((p) => p.day)).toEqual(overview.days);
    // Gross volume counts the whole order; the declined order counts nowhere.
    expect(nonZero(usd().gross)).toEqual({ "2001-03-10": 10_000, "2001-03-14": 4_000 });
  });

  it("gives per-seller totals by the same rule, which add up to the chart", () => {
    const bySeller = Object.fromEntries(overview.sellers.map((s) => [s.sellerId, s]));
    expect(bySeller[refunded.seller.id]).toMatchObject({
      currency: "usd",
      orders: 1,
      gross: 10_000,
      fees: 415,
    });
    expect(bySeller[kept.seller.id]).toMatchObject({ currency: "usd", orders: 1, gross: 4_000, fees: 300 });
    expect(bySeller[declined.seller.id]).toBeUndefined();
    expect(overview.sellers.map((s) => s.sellerId)).toEqual([refunded.seller.id, kept.seller.id]);

    const sellers = overview.sellers.filter((s) => s.currency === "usd");
    expect(sellers.reduce((n, s) => n + s.fees, 0)).toBe(sum(usd().fees));
    expect(sellers.reduce((n, s) => n + s.gross, 0)).toBe(sum(usd().gross));
  });
});
