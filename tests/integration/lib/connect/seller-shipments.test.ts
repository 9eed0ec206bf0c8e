import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { requireRole } from "@/lib/auth";
import { expireAuthorizations } from "@/lib/capture/expiry";
import { RELEASE_REASON_TEXT, timeLeft } from "@/lib/connect/seller-orders";
import { sellerOrder, sellerShipments, sellerToShipCounts } from "@/lib/connect/seller-overview";
import { createAuthorizedOrder } from "@/tests/helpers/capture";

/*
 * The seller's "To ship" page, nav count and overview banner: what waits (and what is due within a day),
 * and what the platform released for them, each seller seeing only their own.
 */

const HOUR = 3_600_000;

describe("sellerShipments and sellerToShipCounts", () => {
  it("flags an order due within a day, then shows it released by the platform, to its seller only", async () => {
    const a = await createAuthorizedOrder({ quantity: 2, price: 1_500 });
    const other = await createAuthorizedOrder({ quantity: 1 });
    const seller = requireRole(a.seller, "seller");
    const deadline = a.auth.captureBefore!.getTime();

    expect(await sellerToShipCounts(seller, new Date(deadline - 48 * HOUR))).toEqual({
      toShip: 1,
      dueSoon: 0,
      releasedByPlatform: 0,
    });
    expect(await sellerToShipCounts(seller, new Date(deadline - 12 * HOUR))).toMatchObject({ dueSoon: 1 });
    const { toShip } = await sellerShipments(seller);
    expect(toShip).toMatchObject([
      { id: a.order.id, quantity: 2, amount: 3_000, buyerEmail: a.order.buyerEmail },
    ]);
    // Another seller's order is neither listed nor readable.
    expect(toShip.map((o) => o.id)).not.toContain(other.order.id);
    expect(await sellerOrder(seller, other.order.id)).toBeUndefined();

    const margin = env.AUTHORIZATION_MARGIN_HOURS * HOUR;
    const run = await expireAuthorizations({
      now: new Date(deadline - margin + HOUR),
      accounts: [a.account.stripeAccountId],
    });
    expect(run).toMatchObject({ released: 1 });
    expect(await sellerToShipCounts(seller)).toEqual({ toShip: 0, dueSoon: 0, releasedByPlatform: 1 });
    const after = await sellerShipments(seller);
    expect(after.toShip).toEqual([]);
    expect(after.released).toMatchObject([{ id: a.order.id, reason: "not_shipped_in_time", amount: 3_000 }]);
    expect(RELEASE_REASON_TEXT.not_shipped_in_time).toBe("Not shipped in time: released by the platform");
  });
});

describe("timeLeft", () => {
  it("says days and hours, hours and minutes, or overdue", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(timeLeft(at(2 * 24 * HOUR + 5 * HOUR + 59_000), now)).toBe("2 days 5 h");
    expect(timeLeft(at(24 * HOUR), now)).toBe("1 day");
    expect(timeLeft(at(3 * HOUR + 10 * 60_000), now)).toBe("3 h 10 min");
    expect(timeLeft(at(45 * 60_000), now)).toBe("45 min");
    expect(timeLeft(at(-1), now)).toBe("overdue");
  });
});
