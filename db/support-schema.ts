import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/*
 * The tables that stand alone (no foreign keys in or out): platform settings and the sign-in
 * bookkeeping. Part of the one schema: db/schema.ts re-exports everything here.
 */

/** Sign-in attempts that reached the password check (an audit trail; throttling is auth_throttles). */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    succeeded: boolean("succeeded").notNull(),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_created_idx").on(t.email, t.createdAt)],
);

/**
 * Fixed-window counters for sign-in and sign-up throttling, one row per key (e.g. `sign-in:ip:<ip>`).
 * Checked and incremented in one `insert … on conflict do update … returning` (db/queries/auth-throttles.ts),
 * so parallel requests, on any number of app instances, never get more than the limit through.
 */
export const authThrottles = pgTable(
  "auth_throttles",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("auth_throttles_window_idx").on(t.windowStartedAt)],
);

/**
 * Platform-wide settings, one row (id = 1). The checks are the fee function's domain
 * (lib/payments/fees.ts): 0 to 10,000 basis points (0-100 %), a fixed part of zero or more minor units.
 * A fee that could never be charged is refused when it is written, not at a buyer's checkout.
 */
export const platformSettings = pgTable(
  "platform_settings",
  {
    id: integer("id").primaryKey().default(1),
    feeBps: integer("fee_bps").notNull(),
    feeFixed: integer("fee_fixed").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("platform_settings_fee_bps_range", sql`${t.feeBps} between 0 and 10000`),
    check("platform_settings_fee_fixed_nonnegative", sql`${t.feeFixed} >= 0`),
  ],
);

export const JOB_RUN_STATUSES = ["running", "ok", "error"] as const;

/**
 * The scheduled jobs (lib/jobs/): one row per job. An instance runs a job only after moving
 * `next_run_at` forward in the same statement that found it due, so two instances never run the
 * same slot; `locked_until` lets a run that died be taken over once its lease passed.
 */
export const scheduledJobs = pgTable("scheduled_jobs", {
  name: text("name").primaryKey(),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  lastStartedAt: timestamp("last_started_at", { withTimezone: true }),
  lastFinishedAt: timestamp("last_finished_at", { withTimezone: true }),
  lastStatus: text("last_status", { enum: JOB_RUN_STATUSES }),
});

/** Every run of a scheduled job, for /admin/jobs: when, where, what it did or why it failed. */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    job: text("job").notNull(),
    /** Which app instance ran it (host:pid), so two instances' runs can be told apart. */
    instance: text("instance").notNull(),
    trigger: text("trigger").notNull(),
    status: text("status", { enum: JOB_RUN_STATUSES }).notNull(),
    summary: text("summary"),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("job_runs_job_started_idx").on(t.job, t.startedAt)],
);

/**
 * How far the event reconciliation has read each account's event list (`platform` or an acct_ id):
 * the `created` of the newest event seen. The next run lists from a little before it.
 */
export const reconcileCursors = pgTable("reconcile_cursors", {
  account: text("account").primaryKey(),
  lastCreated: bigint("last_created", { mode: "number" }).notNull(),
  checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
});
