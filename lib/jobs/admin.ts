import "server-only";
import { listJobRuns, listScheduledJobs, type JobRunRow } from "@/db/queries/jobs";
import { recordAudit } from "@/lib/admin/audit";
import type { ActionState } from "@/lib/actions";
import type { Admin } from "@/lib/guards";
import { countOpenFindingsForAdmin, listOpenFindingsForAdmin } from "@/lib/reconcile/findings";
import { countWaitingEvents } from "@/lib/webhooks/inbox";
import { JOBS } from "./registry";
import { runJobNow } from "./run";

/** /admin/jobs: each job's schedule and last outcome, the recent runs, the open reconciliation findings. */

export const RECENT_RUNS = 30;

/** The job names "Run now" accepts (the action's schema reads them). */
export const JOB_NAMES = JOBS.map((j) => j.name) as [string, ...string[]];

export interface JobStatus {
  name: string;
  description: string;
  everySeconds: number;
  nextRunAt: Date | null;
  /** Runs at the next tick (no row yet, or its slot has come). */
  due: boolean;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastStatus: JobRunRow["status"] | null;
  /** A run holds the lease right now. */
  running: boolean;
}

export async function getJobsDashboard(admin: Admin) {
  const [rows, runs, findings, openFindings, waitingEvents] = await Promise.all([
    listScheduledJobs({ names: JOB_NAMES }),
    listJobRuns({ limit: RECENT_RUNS }),
    listOpenFindingsForAdmin(admin),
    countOpenFindingsForAdmin(admin),
    countWaitingEvents(),
  ]);
  const now = Date.now();
  const jobs: JobStatus[] = JOBS.map((job) => {
    const row = rows.find((r) => r.name === job.name);
    return {
      name: job.name,
      description: job.description,
      everySeconds: job.everySeconds,
      nextRunAt: row?.nextRunAt ?? null,
      due: !row || row.nextRunAt.getTime() <= now,
      lastStartedAt: row?.lastStartedAt ?? null,
      lastFinishedAt: row?.lastFinishedAt ?? null,
      lastStatus: row?.lastStatus ?? null,
      running: Boolean(row?.lockedUntil && row.lockedUntil.getTime() > now),
    };
  });
  return { jobs, runs, findings, openFindings, waitingEvents };
}

/** "Run now" on /admin/jobs: the job runs in this request, and the admin's click is audited either way. */
export async function runJobForAdmin(admin: Admin, { name }: { name: string }): Promise<ActionState> {
  try {
    const outcome = await runJobNow({ name, trigger: "manual" });
    await recordAudit(admin, {
      action: "job.run",
      targetType: "job",
      targetId: name,
      details: { outcome: outcome.status, summary: outcome.summary ?? outcome.error ?? null },
      result: outcome.status === "ok" ? "ok" : "error",
    });
    return outcome.status === "ok"
      ? { ok: true, message: `${name}: ${outcome.summary}` }
      : { ok: false, message: `${name} failed: ${outcome.error}` };
  } catch (error) {
    await recordAudit(admin, {
      action: "job.run",
      targetType: "job",
      targetId: name,
      details: { outcome: "refused" },
      result: "error",
    });
    throw error;
  }
}
