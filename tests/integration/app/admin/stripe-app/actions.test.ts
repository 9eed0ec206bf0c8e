import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { findUserByDashboardUser } from "@/db/queries/stripe-app-users";
import { actAs } from "@/tests/helpers/action-request";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { linkDashboardUserAction, unlinkDashboardUserAction } from "@/app/admin/stripe-app/actions";

/* /admin/stripe-app: an admin links their Stripe Dashboard user to themselves; any admin can unlink one. */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});

const form = (dashboardUserId: string) => {
  const data = new FormData();
  data.set("dashboardUserId", dashboardUserId);
  return data;
};
const freshId = () => `usr_${Math.random().toString(36).slice(2, 12)}`;

describe("link and unlink a Dashboard user", () => {
  it("links to the signed-in admin, audited; a second link of the same user is refused, keeping what was typed", async () => {
    const id = freshId();
    const state = await actAs(callers.admin, () => linkDashboardUserAction(undefined, form(` ${id} `)));
    expect(state).toMatchObject({
      ok: true,
      message: expect.stringContaining(callers.admin.email) as string,
    });
    expect((await findUserByDashboardUser({ dashboardUserId: id }))?.id).toBe(callers.admin.id);
    expect(await listAuditLogsForTarget({ targetType: "stripe_app_user", targetId: id })).toEqual([
      expect.objectContaining({ action: "stripe_app.link", actorId: callers.admin.id }),
    ]);

    const other = await createTestUser("admin");
    const again = await actAs(other, () => linkDashboardUserAction(undefined, form(id)));
    expect(again).toMatchObject({
      ok: false,
      message: expect.stringContaining(`already linked to ${callers.admin.email}`) as string,
      values: { dashboardUserId: id },
    });
    expect((await findUserByDashboardUser({ dashboardUserId: id }))?.id).toBe(callers.admin.id);
  });

  it("refuses what is not a Dashboard user id, and everyone but admins", async () => {
    const bad = await actAs(callers.admin, () => linkDashboardUserAction(undefined, form("acct_123")));
    expect(bad).toMatchObject({ ok: false, values: { dashboardUserId: "acct_123" } });
    expect(bad.fieldErrors?.dashboardUserId?.[0]).toMatch(/usr_/);
    const id = freshId();
    for (const caller of [null, callers.buyer, callers.sellerA]) {
      expect(await actAs(caller, () => linkDashboardUserAction(undefined, form(id)))).toMatchObject({
        ok: false,
      });
      expect(await actAs(caller, () => unlinkDashboardUserAction(undefined, form(id)))).toMatchObject({
        ok: false,
      });
    }
    expect(await findUserByDashboardUser({ dashboardUserId: id })).toBeUndefined();
  });

  it("unlinks (any admin), audited; unlinking twice says it was not linked", async () => {
    const id = freshId();
    await actAs(callers.admin, () => linkDashboardUserAction(undefined, form(id)));
    const other = await createTestUser("admin");
    expect(await actAs(other, () => unlinkDashboardUserAction(undefined, form(id)))).toMatchObject({
      ok: true,
    });
    expect(await findUserByDashboardUser({ dashboardUserId: id })).toBeUndefined();
    expect(await actAs(other, () => unlinkDashboardUserAction(undefined, form(id)))).toMatchObject({
      ok: false,
      message: `${id} was not linked.`,
    });
    const audit = await listAuditLogsForTarget({ targetType: "stripe_app_user", targetId: id });
    // Newest first, as the audit page lists them.
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["stripe_app.unlink", other.id],
      ["stripe_app.link", callers.admin.id],
    ]);
  });
});
