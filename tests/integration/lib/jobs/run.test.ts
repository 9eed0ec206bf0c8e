import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, schema, type Executor } from "@/db/client";
import { listJobRuns, listScheduledJobs } from "@/db/queries/jobs";
import { jobRuns, scheduledJobs } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { JOB_RUNS_KEPT_DAYS } from "@/lib/jobs/registry";
import { runDueJobs, runJobNow } from "@/lib/jobs/run";
import type { JobDefinition } from "@/lib/jobs/types";

/*
 * The scheduled-work mechanism with jobs of the test's own (unique names: on PostgreSQL other files
 * share the tables). Every instance may tick at once; a slot runs once, a failure is recorded and does
 * not stop the next job, a run holding the lease is not run again until the lease has passed.
 */

const unique = (label: string) => `test-${label}-${randomUUID().slice(0, 8)}`;

function countingJob(name: string, options: { fail?: boolean; ms?: number } = {}) {
  const job = {
    runs: 0,
    definition: {
      name,
      description: "a test job",
      everySeconds: 3600,
      leaseSeconds: 60,
      run: async () => {
        job.runs++;
        await new Promise((r) => setTimeout(r, options.ms ?? 30));
        if (options.fail) throw new Error(`${name} broke on purpose`);
        return `${name} did its work`;
      },
    } satisfies JobDefinition,
  };
  return job;
}

let second: { ex: Executor; close: () => Promise<void> } | null = null;
beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  // On a PostgreSQL server, a second pool stands for a second app instance.
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    second = { ex: drizzle(pool, { schema }), close: () => pool.end() };
  }
});
afterAll(() => second?.close());

describe("runDueJobs", () => {
  it("runs a due job once, however many ticks race for it", async () => {
    const job = countingJob(unique("race"));
    const jobs = [job.definition];
    const ticks = Array.from({ length: 6 }, (_, i) =>
      runDueJobs({ trigger: "cron", jobs, ex: second && i % 2 ? second.ex : db }),
    );
    const outcomes = (await Promise.all(ticks)).flat();
    expect(job.runs).toBe(1);
    expect(outcomes).toEqual([
      { name: job.definition.name, status: "ok", summary: `${job.definition.name} did its work` },
    ]);
    const runs = await listJobRuns({ jobs: [job.definition.name], limit: 10 });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: "ok",
      trigger: "cron",
      summary: `${job.definition.name} did its work`,
    });
    expect(runs[0]?.instance).toMatch(/^.+:\d+$/);
    expect(runs[0]?.finishedAt).toBeInstanceOf(Date);

    // Not due again for an hour: the next ticks do nothing.
    expect(await runDueJobs({ trigger: "cron", jobs })).toEqual([]);
    expect(job.runs).toBe(1);
    const [row] = await listScheduledJobs({ names: [job.definition.name] });
    expect(row).toMatchObject({ lastStatus: "ok", lockedUntil: null });
    expect(row!.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it("two jobs ticked ten times at once (two pools — two instances — on PostgreSQL) run each slot once", async () => {
    const jobs = [countingJob(unique("pool-a")), countingJob(unique("pool-b"))];
    const defs = jobs.map((j) => j.definition);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        runDueJobs({ trigger: "cron", jobs: defs, ex: second && i % 2 ? second.ex : db }),
      ),
    );
    expect(jobs.map((j) => j.runs)).toEqual([1, 1]);
  });

  it("a job due every minute is due again at the next minute's tick, even one a few seconds early", async () => {
    const job = countingJob(unique("minute"));
    const jobs = [{ ...job.definition, everySeconds: 60 }];
    await runDueJobs({ trigger: "cron", jobs });
    const [row] = await listScheduledJobs({ names: [job.definition.name] });
    expect((row!.nextRunAt.getTime() - row!.lastStartedAt!.getTime()) / 1000).toBe(54);
  });

  it("records a failing job as an error and still runs the next one", async () => {
    const broken = countingJob(unique("broken"), { fail: true });
    const fine = countingJob(unique("fine"));
    const outcomes = await runDueJobs({ trigger: "dev", jobs: [broken.definition, fine.definition] });
    expect(outcomes).toEqual([
      { name: broken.definition.name, status: "error", error: `${broken.definition.name} broke on purpose` },
      { name: fine.definition.name, status: "ok", summary: `${fine.definition.name} did its work` },
    ]);
    const [failedRun] = await listJobRuns({ jobs: [broken.definition.name], limit: 1 });
    expect(failedRun).toMatchObject({
      status: "error",
      trigger: "dev",
      error: `${broken.definition.name} broke on purpose`,
    });
    const rows = await listScheduledJobs({ names: [broken.definition.name, fine.definition.name] });
    expect(Object.fromEntries(rows.map((r) => [r.name, r.lastStatus]))).toEqual({
      [broken.definition.name]: "error",
      [fine.definition.name]: "ok",
    });
  });
});

describe("runJobNow", () => {
  it("runs a job that is not due, and refuses while a run holds the lease", async () => {
    const slow = countingJob(unique("slow"), { ms: 300 });
    const jobs = [slow.definition];
    await runDueJobs({ trigger: "cron", jobs });
    expect(slow.runs).toBe(1);

    const [first, second] = await Promise.allSettled([
      runJobNow({ name: slow.definition.name, trigger: "manual", jobs }),
      new Promise((r) => setTimeout(r, 50)).then(() =>
        runJobNow({ name: slow.definition.name, trigger: "manual", jobs }),
      ),
    ]);
    expect(first).toMatchObject({ status: "fulfilled", value: { status: "ok" } });
    expect(second.status).toBe("rejected");
    const refusal = (second as PromiseRejectedResult).reason as AppError;
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal.status).toBe(409);
    expect(slow.runs).toBe(2);
    const runs = await listJobRuns({ jobs: [slow.definition.name], limit: 10 });
    expect(runs.map((r) => r.trigger)).toEqual(["manual", "cron"]);
  });

  it("takes over a run whose instance died once its lease has passed", async () => {
    const job = countingJob(unique("orphan"));
    const jobs = [job.definition];
    await runDueJobs({ trigger: "cron", jobs });
    // An instance claimed the next slot and died: the slot is due, the lease still held.
    await db
      .update(scheduledJobs)
      .set({ nextRunAt: sql`now() - interval '1 minute'`, lockedUntil: sql`now() + interval '1 minute'` })
      .where(eq(scheduledJobs.name, job.definition.name));
    expect(await runDueJobs({ trigger: "cron", jobs })).toEqual([]);
    await db
      .update(scheduledJobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(scheduledJobs.name, job.definition.name));
    expect(await runDueJobs({ trigger: "cron", jobs })).toMatchObject([{ status: "ok" }]);
    expect(job.runs).toBe(2);
  });

  it("refuses an unknown job with a 404 and creates nothing", async () => {
    const name = unique("unknown");
    const error = await runJobNow({ name, trigger: "manual", jobs: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(404);
    expect(await listScheduledJobs({ names: [name] })).toEqual([]);
  });
});

describe("prune-job-runs", () => {
  it("deletes finished runs older than the kept days, and keeps recent and running ones", async () => {
    const name = unique("pruned");
    const [old, recent, stuck] = await db
      .insert(jobRuns)
      .values([
        {
          job: name,
          instance: "test:1",
          trigger: "cron",
          status: "ok",
          startedAt: daysAgo(JOB_RUNS_KEPT_DAYS + 5),
        },
        { job: name, instance: "test:1", trigger: "cron", status: "error", startedAt: daysAgo(1) },
        { job: name, instance: "test:1", trigger: "cron", status: "running", startedAt: daysAgo(40) },
      ])
      .returning();

    const outcome = await runJobNow({ name: "prune-job-runs", trigger: "manual" });

    expect(outcome).toMatchObject({ status: "ok", summary: expect.stringContaining("deleted") as string });
    const left = (await listJobRuns({ jobs: [name], limit: 10 })).map((r) => r.id).sort();
    expect(left).toEqual([recent!.id, stuck!.id].sort());
    expect(left).not.toContain(old!.id);
  });
});

function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 86_400_000);
}
