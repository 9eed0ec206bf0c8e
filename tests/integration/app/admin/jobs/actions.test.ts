import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { listJobRuns } from "@/db/queries/jobs";
import { INSTANCE } from "@/lib/jobs/run";
import { actAs } from "@/tests/helpers/action-request";
import { createCallers } from "@/tests/helpers/users";
import { runJobAction } from "@/app/admin/jobs/actions";

/* The "Run now" button of /admin/jobs: admins only (the action's roles), audited, unknown names refused. */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  callers = await createCallers();
});

const ourRuns = async () =>
  (await listJobRuns({ jobs: ["reconcile-payments"], limit: 1000 })).filter((r) => r.instance === INSTANCE);

describe("runJobAction", () => {
  it("refuses everyone but admins and runs nothing for them", async () => {
    const form = new FormData();
    form.set("name", "reconcile-payments");
    for (const [caller, message] of [
      [null, "Please sign in first."],
      [callers.buyer, "Your account is not allowed to do this."],
      [callers.sellerA, "Your account is not allowed to do this."],
    ] as const) {
      expect(await actAs(caller, () => runJobAction(undefined, form))).toMatchObject({ ok: false, message });
    }
    expect(await ourRuns()).toEqual([]);
  });

  it("refuses a job name it does not know", async () => {
    const form = new FormData();
    form.set("name", "drop-tables");
    expect(await actAs(callers.admin, () => runJobAction(undefined, form))).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Unknown job."] },
    });
    expect(await listAuditLogsForTarget({ targetType: "job", targetId: "drop-tables" })).toEqual([]);
  });

  it("runs the job for an admin, says what it did, and audits it", async () => {
    const form = new FormData();
    form.set("name", "reconcile-payments");
    const state = await actAs(callers.admin, () => runJobAction(undefined, form));
    // On a shared PostgreSQL other files' orders are checked too, and may not all be checkable: the
    // outcome is then an error, reported and audited the same way.
    expect(state.message).toMatch(/^reconcile-payments(: \d+ paid orders checked| failed: )/);
    const runs = await ourRuns();
    expect(runs).toEqual([expect.objectContaining({ trigger: "manual", status: state.ok ? "ok" : "error" })]);
    const [entry] = await listAuditLogsForTarget({ targetType: "job", targetId: "reconcile-payments" });
    expect(entry).toMatchObject({
      action: "job.run",
      actorId: callers.admin.id,
      result: state.ok ? "ok" : "error",
    });
  });
});
