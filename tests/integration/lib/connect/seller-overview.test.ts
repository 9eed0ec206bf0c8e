import { describe, expect, it } from "vitest";
import { requireRole } from "@/lib/guards";
import { createPaidOrder } from "@/tests/helpers/orders";
import { createTestUser } from "@/tests/helpers/users";
import { sellerOverview } from "@/lib/connect/seller-overview";

describe("sellerOverview", () => {
  it("shows a seller only their own orders and sales", async () => {
    const a = await createPaidOrder({ amount: 4_000, fee: 230 });
    const b = await createPaidOrder({ amount: 9_900, fee: 525 });
    const overview = await sellerOverview(requireRole(a.seller, "seller"));
    expect(overview.readiness).toBe("ready");
    expect(overview.recentOrders.map((o) => o.id)).toEqual([a.order.id]);
    expect(overview.recentOrders[0]).toMatchObject({
      productName: a.product.name,
      amount: 4_000,
      status: "succeeded",
    });
    expect(overview.sales).toHaveLength(1);
    expect(overview.sales[0]).toMatchObject({ currency: "usd", total: 4_000, orders: 1 });
    expect(overview.sales[0]?.points).toHaveLength(30);
    expect((await sellerOverview(requireRole(b.seller, "seller"))).recentOrders.map((o) => o.id)).toEqual([
      b.order.id,
    ]);
  });

  // Other roles never get here: the dashboard's pageUser("seller") refuses them (app/dashboard/pages.test.ts).
  it("a new seller has no account, no orders and can start", async () => {
    const fresh = await sellerOverview(await createTestUser("seller"));
    expect(fresh).toMatchObject({
      account: null,
      readiness: "no_account",
      recentOrders: [],
      sales: [],
      canConnectExisting: true,
    });
  });
});
