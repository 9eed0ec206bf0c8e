/** Who asked for a run: the scheduler (Vercel Cron, or the ticker of `npm start`), `npm run dev`'s ticker, or an admin. */
export const JOB_TRIGGERS = ["cron", "dev", "manual"] as const;
export type JobTrigger = (typeof JOB_TRIGGERS)[number];

export interface JobContext {
  trigger: JobTrigger;
  /** host:pid of the app instance running it. */
  instance: string;
  /** Epoch ms by which the run should wrap up: its lease ends soon after, and another instance may take over. */
  deadline: number;
}

/**
 * One scheduled job. `run` must be idempotent: a run that died half-way is run again after its lease,
 * and "Run now" may follow a scheduled run at once. It returns a one-line summary for /admin/jobs and
 * throws when the run failed (the message is recorded).
 */
export interface JobDefinition {
  name: string;
  /** Human words for /admin/jobs. */
  description: string;
  /** The run is due this long after the previous one started. */
  everySeconds: number;
  /** How long a run may hold the job before another instance may assume it died and take it over. */
  leaseSeconds: number;
  run: (ctx: JobContext) => Promise<string>;
}

export interface JobOutcome {
  name: string;
  status: "ok" | "error";
  summary?: string;
  error?: string;
}
