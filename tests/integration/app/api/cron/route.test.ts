import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/cron/route";
import { listJobRuns } from "@/db/queries/jobs";
import { env } from "@/lib/env";
import { JOBS } from "@/lib/jobs/registry";
import { INSTANCE } from "@/lib/jobs/run";

/*
 * /api/cron as Vercel Cron calls it (GET with `Authorization: Bearer $CRON_SECRET`) and as the tickers
 * and a manual call do. Only the refusals and a manual run of the payment check are exercised here:
 * a full tick applies and reconciles everything in the database (tests/integration/lib/jobs covers the
 * tick with jobs of its own). The no-secret answer (503) is lib/jobs/cron-auth.test.ts.
 */

const names = JOBS.map((j) => j.name);
const call = (method: typeof GET, path: string, authorization?: string) =>
  method(
    new Request(`http://localhost:3000${path}`, { headers: authorization ? { authorization } : {} }),
    {},
  );
/** Runs of the real jobs started by this process (on PostgreSQL other test files share the table). */
const runsOfRegistry = async () =>
  (await listJobRuns({ jobs: names, limit: 1000 })).filter((r) => r.instance === INSTANCE).length;

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("/api/cron", () => {
  it("refuses a call without the secret or with a wrong one (401), and runs nothing", async () => {
    const before = await runsOfRegistry();
    for (const [method, authorization] of [
      [GET, undefined],
      [POST, undefined],
      [GET, "Bearer wrong-secret-of-some-length"],
      [GET, `Bearer ${env.cronSecret}x`],
      [GET, `Basic ${env.cronSecret}`],
      [POST, env.cronSecret],
    ] as const) {
      for (const path of ["/api/cron", "/api/cron?job=reconcile-payments"]) {
        const res = await call(method, path, authorization);
        expect(res.status, `${authorization} ${path}`).toBe(401);
        expect(await res.json()).toEqual({
          error: { code: "unauthorized:cron", message: "A valid Authorization: Bearer token is required." },
        });
      }
    }
    expect(await runsOfRegistry()).toBe(before);
  });

  it("answers 404 for a job that does not exist", async () => {
    const res = await call(GET, "/api/cron?job=no-such-job", `Bearer ${env.cronSecret}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found:job" } });
  });

  it("runs one job now with ?job=, recorded as a manual run", async () => {
    const res = await call(POST, "/api/cron?job=reconcile-payments", `Bearer ${env.cronSecret}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ran: { name: string; status: string }[] };
    expect(body.ran).toEqual([expect.objectContaining({ name: "reconcile-payments" })]);
    const [run] = await listJobRuns({ jobs: ["reconcile-payments"], limit: 1 });
    expect(run).toMatchObject({ trigger: "manual", status: body.ran[0]!.status });
  });
});
