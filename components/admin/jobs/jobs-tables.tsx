import Link from "next/link";
import { StatusBadge } from "@/components/admin/badge";
import { RunJobButton } from "@/components/admin/jobs/run-job-button";
import { ResponsiveTable, type Column } from "@/components/ui/responsive-table";
import type { JobRunRow } from "@/db/queries/jobs";
import type { Action, ActionState } from "@/lib/actions";
import { formatDate } from "@/lib/format";
import type { JobStatus } from "@/lib/jobs/admin";
import { FINDING_LABELS, type Finding } from "@/lib/reconcile/findings";

/* The three lists of /admin/jobs, each a ResponsiveTable (cards on a phone, a table from `sm` up). */

const when = (date: Date | null) => (date ? formatDate(date) : "never");

function every(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? "hourly" : `every ${seconds / 3600} h`;
  if (seconds % 60 === 0) return seconds === 60 ? "every minute" : `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}

export function JobsTable({ jobs, runAction }: { jobs: JobStatus[]; runAction: Action<ActionState> }) {
  const columns: Column<JobStatus>[] = [
    {
      header: "Job",
      phone: "title",
      rowHeader: true,
      cell: (j) => (
        <>
          <span className="font-mono text-sm font-medium">{j.name}</span>
          <span className="block text-xs text-slate-500">{j.description}</span>
        </>
      ),
    },
    { header: "Schedule", cell: (j) => every(j.everySeconds), className: "whitespace-nowrap" },
    {
      header: "Last run",
      cell: (j) => (
        <>
          {when(j.lastStartedAt)}{" "}
          {j.running ? (
            <StatusBadge status="running" />
          ) : j.lastStatus ? (
            <StatusBadge status={j.lastStatus} />
          ) : null}
        </>
      ),
    },
    {
      header: "Next run",
      cell: (j) => (j.due || !j.nextRunAt ? "at the next tick" : formatDate(j.nextRunAt)),
    },
    {
      header: "Actions",
      srOnlyHeader: true,
      cell: (j) => <RunJobButton name={j.name} runAction={runAction} />,
    },
  ];
  return (
    <ResponsiveTable
      rows={jobs}
      columns={columns}
      caption="Scheduled jobs"
      rowKey={(j) => j.name}
      variant="boxed"
      rowTestId="job"
    />
  );
}

export function FindingsTable({ findings }: { findings: Finding[] }) {
  const columns: Column<Finding>[] = [
    {
      header: "Order",
      phone: "title",
      rowHeader: true,
      cell: (f) => (
        <Link href={`/admin/orders/${f.orderId}`} className="font-mono text-xs text-brand-700 underline">
          Order {f.orderId.slice(0, 8)}
        </Link>
      ),
    },
    { header: "What differs", cell: (f) => FINDING_LABELS[f.field] ?? f.field },
    { header: "Ours", cell: (f) => <code className="text-xs">{f.ours ?? "—"}</code> },
    { header: "Stripe", cell: (f) => <code className="text-xs">{f.stripe ?? "—"}</code> },
    { header: "Found", cell: (f) => formatDate(f.foundAt) },
  ];
  return (
    <ResponsiveTable
      rows={findings}
      columns={columns}
      caption="Open reconciliation findings, newest first"
      rowKey={(f) => f.id}
      variant="boxed"
      rowTestId="finding"
    />
  );
}

export function RunsTable({ runs }: { runs: JobRunRow[] }) {
  const columns: Column<JobRunRow>[] = [
    {
      header: "Job",
      phone: "title",
      rowHeader: true,
      cell: (r) => <span className="whitespace-nowrap font-mono text-xs">{r.job}</span>,
    },
    { header: "Status", phone: "aside", cell: (r) => <StatusBadge status={r.status} /> },
    { header: "Started", cell: (r) => formatDate(r.startedAt) },
    { header: "Trigger", cell: (r) => `${r.trigger} · ${r.instance}` },
    {
      header: "Result",
      cell: (r) =>
        r.error ? (
          <span className="break-words text-red-700">{r.error}</span>
        ) : (
          <span className="break-words">{r.summary ?? "—"}</span>
        ),
    },
  ];
  return (
    <ResponsiveTable
      rows={runs}
      columns={columns}
      caption="Recent job runs, newest first"
      rowKey={(r) => String(r.id)}
      variant="boxed"
      rowTestId="job-run"
    />
  );
}
