import type { Metadata } from "next";
import Link from "next/link";
import { FindingsTable, JobsTable, RunsTable } from "@/components/admin/jobs/jobs-tables";
import { EmptyState } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { getJobsDashboard } from "@/lib/jobs/admin";
import { runJobAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Scheduled jobs" };

/** The scheduled work (lib/jobs): what runs when, what it did, and what the reconciliation found. */
export default async function AdminJobsPage() {
  const admin = await pageUser("admin", "/admin/jobs");
  const { jobs, runs, findings, openFindings, waitingEvents } = await getJobsDashboard(admin);
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Scheduled jobs</h1>
        <p className="text-sm text-slate-600">
          The scheduler calls /api/cron every minute; each job runs when it is due, on one app instance only.
        </p>
      </div>
      <section aria-labelledby="jobs-heading" className="space-y-3">
        <h2 id="jobs-heading" className="text-lg font-semibold">
          Jobs
        </h2>
        <p className="text-sm text-slate-600">
          Webhook inbox:{" "}
          <Link href="/admin/events" className="text-brand-700 underline">
            {waitingEvents === 1 ? "1 event" : `${waitingEvents} events`} waiting to be applied
          </Link>
          .
        </p>
        <JobsTable jobs={jobs} runAction={runJobAction} />
      </section>
      <section aria-labelledby="findings-heading" className="space-y-3">
        <h2 id="findings-heading" className="text-lg font-semibold">
          Reconciliation findings <span className="tabular-nums text-slate-500">({openFindings} open)</span>
        </h2>
        <p className="text-sm text-slate-600">
          Paid orders whose PaymentIntent, refunds or fee at Stripe differ from our records. A finding closes
          by itself when a later check finds them equal.
        </p>
        {findings.length === 0 ? (
          <EmptyState title="No open findings." />
        ) : (
          <FindingsTable findings={findings} />
        )}
      </section>
      <section aria-labelledby="runs-heading" className="space-y-3">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Recent runs
        </h2>
        {runs.length === 0 ? <EmptyState title="No job has run yet." /> : <RunsTable runs={runs} />}
      </section>
    </div>
  );
}
