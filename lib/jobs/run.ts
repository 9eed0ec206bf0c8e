import "server-only";
import { hostname } from "node:os";
import type { Executor } from "@/db/client";
import { claimJob, ensureScheduledJobs, finishJobRun, insertJobRun, releaseJob } from "@/db/queries/jobs";
import { AppError } from "@/lib/errors";
import { describeError } from "@/lib/webhooks/inbox";
import { JOBS } from "./registry";
import type { JobDefinition, JobOutcome, JobTrigger } from "./types";

/*
 * Runs scheduled jobs. Any number of app instances may tick at once: each job's next slot is claimed
 * by one conditional UPDATE (db/queries/jobs.ts claimJob explains why that is enough), so a slot runs on
 * exactly one instance, and a run that died is taken over once its lease has passed.
 */

/** Which app instance this is, in job_runs. */
export const INSTANCE = `${hostname()}:${process.pid}`;

interface RunOptions {
  trigger: JobTrigger;
  /** The jobs to consider (tests pass their own); the registry by default. */
  jobs?: readonly JobDefinition[];
  /** Where the bookkeeping goes (tests pass a second pool to act as a second instance). */
  ex?: Executor;
}

async function runClaimed(job: JobDefinition, trigger: JobTrigger, ex?: Executor): Promise<JobOutcome> {
  const run = await insertJobRun({ job: job.name, instance: INSTANCE, trigger }, ex);
  let outcome: JobOutcome;
  try {
    const summary = await job.run({
      trigger,
      instance: INSTANCE,
      deadline: Date.now() + job.leaseSeconds * 1000,
    });
    outcome = { name: job.name, status: "ok", summary };
  } catch (error) {
    console.error(`[job ${job.name}] failed`, error);
    outcome = { name: job.name, status: "error", error: describeError(error) };
  }
  await finishJobRun(
    { id: run.id, status: outcome.status, summary: outcome.summary, error: outcome.error },
    ex,
  );
  await releaseJob({ name: job.name, status: outcome.status }, ex);
  return outcome;
}

/**
 * One tick: every job whose slot has come and that this instance claims, one after another (a failing
 * job is recorded and the next still runs). Returns what ran here; jobs not due, or claimed by another
 * instance, are not in it.
 */
export async function runDueJobs({ trigger, jobs = JOBS, ex }: RunOptions): Promise<JobOutcome[]> {
  await ensureScheduledJobs({ names: jobs.map((j) => j.name) }, ex);
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    const claimed = await claimJob(
      { name: job.name, everySeconds: job.everySeconds, leaseSeconds: job.leaseSeconds },
      ex,
    );
    if (claimed) outcomes.push(await runClaimed(job, trigger, ex));
  }
  return outcomes;
}

export function findJob(name: string, jobs: readonly JobDefinition[] = JOBS): JobDefinition {
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new AppError("not_found:job", `There is no job named "${name}".`);
  return job;
}

/**
 * Runs one job now, due or not (an admin's "Run now", `/api/cron?job=`): its next scheduled slot moves
 * on from now. Refused while a run of it holds the lease, here or on another instance.
 */
export async function runJobNow({
  name,
  trigger,
  jobs = JOBS,
  ex,
}: RunOptions & { name: string }): Promise<JobOutcome> {
  const job = findJob(name, jobs);
  await ensureScheduledJobs({ names: [job.name] }, ex);
  const claimed = await claimJob(
    { name: job.name, everySeconds: job.everySeconds, leaseSeconds: job.leaseSeconds, force: true },
    ex,
  );
  if (!claimed)
    throw new AppError("conflict:job_running", `${job.name} is running right now; try again when it ends.`);
  return runClaimed(job, trigger, ex);
}
