import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { FindingsTable } from "@/components/admin/jobs/jobs-tables";
import type { Admin } from "@/lib/guards";
import { getJobsDashboard } from "@/lib/jobs/admin";
import { reconcilePayments } from "@/lib/reconcile/payments";
import { createPaidOrder, setOrderState } from "@/tests/helpers/orders";
import { createTestUser } from "@/tests/helpers/users";

/* What /admin/jobs reads: every registered job with its schedule, and the open findings linked to their orders. */

let admin: Admin;
beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  admin = await createTestUser("admin");
});

describe("getJobsDashboard", () => {
  it("lists every job and links each open finding to its order", async () => {
    const paid = await createPaidOrder({ amount: 4000, fee: 250 });
    await setOrderState(paid.order.id, { amountRefunded: 1000, refundState: "partially_refunded" });
    await reconcilePayments({ accounts: [paid.account.stripeAccountId] });

    const dashboard = await getJobsDashboard(admin);
    expect(dashboard.jobs.map((j) => j.name)).toEqual([
      "webhook-inbox",
      "reconcile-events",
      "reconcile-payments",
      "sync-disputes",
      "expire-authorizations",
      "cart-transfers",
      "cart-refund-steps",
      "prune-job-runs",
    ]);
    const finding = dashboard.findings.find((f) => f.orderId === paid.order.id);
    expect(finding).toMatchObject({ field: "amount_refunded", ours: "1000", stripe: "0" });
    expect(dashboard.openFindings).toBeGreaterThanOrEqual(1);

    const html = renderToStaticMarkup(<FindingsTable findings={[finding!]} />);
    expect(html).toContain(`href="/admin/orders/${paid.order.id}"`);
    expect(html).toContain("Amount refunded");
  });
});
