import { and, desc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { jobRuns, scheduledJobs } from "@/db/schema";

/*
 * The scheduled jobs' bookkeeping (lib/jobs/). Every time comparison uses the database's clock
 * (`now()`), so app instances whose clocks disagree still agree on what is due.
 */

export type ScheduledJobRow = typeof scheduledJobs.$inferSelect;
export type JobRunRow = typeof jobRuns.$inferSelect;
export type JobRunStatus = JobRunRow["status"];

/** Creates the rows of jobs that have none yet, due at once. Existing rows keep their schedule. */
export async function ensureScheduledJobs({ names }: { names: string[] }, ex: Executor = db): Promise<void> {
  if (names.length === 0) return;
  await ex
    .insert(scheduledJobs)
    .values(names.map((name) => ({ name })))
    .onConflictDoNothing({ target: scheduledJobs.name });
}

const seconds = (n: number) => sql`now() + make_interval(secs => ${n})`;

/**
 * The next slot comes a little early: ticks arrive every minute give or take a few seconds, and a job
 * due every 60 s claimed at 12:00:00.5 must be due again at the tick of 12:00:59.8, not the one after.
 */
const nextSlotSeconds = (every: number) => Math.max(every * 0.9, every - 10);

/**
 * Claims one run of a job: in the same statement that finds it due and not leased, moves `next_run_at`
 * to the next slot and leases it. Why one conditional UPDATE rather than SELECT … FOR UPDATE SKIP LOCKED:
 * - the claim must outlive the statement (a job runs for seconds to minutes, and must not hold a row
 *   lock or an open transaction that long), so a SKIP LOCKED select would still need this update;
 * - on PostgreSQL under READ COMMITTED a second instance's UPDATE of the same row waits for the first to
 *   commit, then re-checks the WHERE against the new row (next_run_at is now in the future): 0 rows.
 *   So exactly one instance gets the row back, and nobody waits longer than that one statement;
 * - a run whose process died keeps `locked_until`; once the lease passes, the next tick takes it over.
 * `force` (a manual "run now") skips the due check but never the lease: one run at a time.
 */
export async function claimJob(
  {
    name,
    everySeconds,
    leaseSeconds,
    force = false,
  }: { name: string; everySeconds: number; leaseSeconds: number; force?: boolean },
  ex: Executor = db,
): Promise<ScheduledJobRow | undefined> {
  const [row] = await ex
    .update(scheduledJobs)
    .set({
      nextRunAt: seconds(nextSlotSeconds(everySeconds)),
      lockedUntil: seconds(leaseSeconds),
      lastStartedAt: sql`now()`,
      lastStatus: "running",
    })
    .where(
      and(
        eq(scheduledJobs.name, name),
        force ? undefined : lte(scheduledJobs.nextRunAt, sql`now()`),
        or(isNull(scheduledJobs.lockedUntil), lt(scheduledJobs.lockedUntil, sql`now()`)),
      ),
    )
    .returning();
  return row;
}

/** Ends a claimed run: the lease is released and the job shows its last status. */
export async function releaseJob(
  { name, status }: { name: string; status: JobRunStatus },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(scheduledJobs)
    .set({ lockedUntil: null, lastFinishedAt: sql`now()`, lastStatus: status })
    .where(eq(scheduledJobs.name, name));
}

export async function insertJobRun(
  { job, instance, trigger }: { job: string; instance: string; trigger: string },
  ex: Executor = db,
): Promise<JobRunRow> {
  const [row] = await ex.insert(jobRuns).values({ job, instance, trigger, status: "running" }).returning();
  if (!row) throw new Error("job run not inserted");
  return row;
}

export async function finishJobRun(
  {
    id,
    status,
    summary = null,
    error = null,
  }: { id: number; status: JobRunStatus; summary?: string | null; error?: string | null },
  ex: Executor = db,
): Promise<void> {
  await ex
    .update(jobRuns)
    .set({ status, summary, error, finishedAt: sql`now()` })
    .where(eq(jobRuns.id, id));
}

export async function listScheduledJobs(
  { names }: { names: string[] },
  ex: Executor = db,
): Promise<ScheduledJobRow[]> {
  if (names.length === 0) return [];
  return ex.select().from(scheduledJobs).where(inArray(scheduledJobs.name, names));
}

/** The newest runs, of some jobs or of all. */
export async function listJobRuns(
  { jobs, limit }: { jobs?: string[]; limit: number },
  ex: Executor = db,
): Promise<JobRunRow[]> {
  return ex
    .select()
    .from(jobRuns)
    .where(jobs ? inArray(jobRuns.job, jobs) : undefined)
    .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
    .limit(limit);
}

/** Deletes finished runs that started more than `days` days ago; how many went. */
export async function deleteJobRunsOlderThan({ days }: { days: number }, ex: Executor = db): Promise<number> {
  const rows = await ex
    .delete(jobRuns)
    .where(
      and(
        lt(jobRuns.startedAt, sql`now() - make_interval(days => ${days})`),
        inArray(jobRuns.status, ["ok", "error"]),
      ),
    )
    .returning({ id: jobRuns.id });
  return rows.length;
}
