import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { getOrderById } from "@/db/queries/orders";
import { getEventById } from "@/db/queries/stripe-events";
import { actAs } from "@/tests/helpers/action-request";
import { createCallers } from "@/tests/helpers/users";
import { failedDelivery } from "@/tests/helpers/webhooks";
import { reapplyEventAction } from "@/app/admin/events/actions";

/*
 * The "Re-apply" button of /admin/events: its roles are the one check (lib/webhooks/admin-events.ts
 * takes an `Admin`). Applying itself is tested in tests/integration/lib/webhooks/ingest.test.ts.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  callers = await createCallers();
});

describe("reapplyEventAction", () => {
  it("anonymous, buyers and sellers are refused and the event stays failed; an admin re-applies it", async () => {
    // A payment_intent.succeeded whose first delivery failed (the database refused its write once).
    const { pending, event } = await failedDelivery();
    const form = new FormData();
    form.set("eventId", event.id);

    for (const [caller, message] of [
      [null, "Please sign in first."],
      [callers.buyer, "Your account is not allowed to do this."],
      [callers.sellerA, "Your account is not allowed to do this."],
    ] as const) {
      expect(await actAs(caller, () => reapplyEventAction(undefined, form))).toMatchObject({
        ok: false,
        message,
      });
    }
    expect(await getEventById({ id: event.id })).toMatchObject({ status: "failed" });
    expect((await getOrderById({ id: pending.order.id }))?.status).toBe("pending");
    expect(await listAuditLogsForTarget({ targetType: "stripe_event", targetId: event.id })).toEqual([]);

    expect(await actAs(callers.admin, () => reapplyEventAction(undefined, form))).toMatchObject({ ok: true });
    expect((await getOrderById({ id: pending.order.id }))?.status).toBe("succeeded");
  });
});
