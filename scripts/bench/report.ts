import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import type { CheckoutFigures } from "./checkout";
import type { ConsistencyFigures } from "./consistency";
import type { DevStartupFigures } from "./dev-startup";
import type { ApplyRateFigures, TwoInstanceFigures } from "./inbox";
import type { FirstLoad, LighthouseScore } from "./pages";
import type { SessionFigures } from "./session";
import type { WebhookFigures } from "./webhooks";

/** The figures of one `npm run bench`, rendered into BENCHMARKS.md between its two markers. */

export interface ColumnResult {
  column: string;
  webhooks?: WebhookFigures;
  checkout?: CheckoutFigures;
  session?: SessionFigures;
  worker?: ApplyRateFigures;
  twoInstances?: TwoInstanceFigures;
  error?: string;
}

export interface BenchResults {
  date: string;
  command: string;
  columns: ColumnResult[];
  firstLoad: FirstLoad[];
  lighthouse: LighthouseScore[] | string;
  /** `npm run dev` on a fresh copy of the tree, or why it was not measured. */
  devStartup?: DevStartupFigures | string;
}

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

export function machine(): string {
  const cpus = os.cpus();
  const gb = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ${gb} GB memory, Node ${process.version}, ${os.type()} ${os.release()}`;
}

const f0 = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? "–" : Math.round(n).toLocaleString("en-US");
const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(1));
const f2 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(2));
const mark = (ok: boolean | undefined) => (ok === undefined ? "" : ok ? " ✅" : " ❌");

/** "0 / 0 ✅", or the counts with ❌ (the differences are listed under the table). */
function verdict(f: ConsistencyFigures | undefined): string {
  if (!f) return "–";
  return `**${f.lost} / ${f.doubleApplied}**${mark(f.lost === 0 && f.doubleApplied === 0)}`;
}

function settledText(f: ConsistencyFigures | undefined): string {
  if (!f) return "–";
  return `${f.settleSeconds.toFixed(1)}; ${f.leftForWorker === 0 ? "none" : f.leftForWorker.toLocaleString("en-US")}`;
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

export function renderResults(r: BenchResults): string {
  const cols = r.columns;
  const cell = (fn: (c: ColumnResult) => string) => cols.map((c) => (c.error ? "n/a" : fn(c)));
  const pg = cols.find((c) => c.column === "PostgreSQL");
  const wh = (c: ColumnResult) => c.webhooks;
  const statuses = (c: ColumnResult) => {
    const s = wh(c)?.real.statuses ?? {};
    const bad = Object.entries(s).filter(([k]) => !k.startsWith("2"));
    return bad.length === 0
      ? "none"
      : bad.map(([k, v]) => `${v}× ${k === "0" ? "network error" : k}`).join(", ");
  };
  const webhookRows = [
    ["Signed events delivered (measured)", ...cell((c) => f0(wh(c)?.real.count))],
    [
      "Unique events / duplicates / event types",
      ...cell((c) => `${f0(wh(c)?.events)} / ${f0(wh(c)?.duplicates)} / ${wh(c)?.types ?? "–"}`),
    ],
    ["**Webhook route, events/s**", ...cell((c) => `**${f0(wh(c)?.real.rps)}**`)],
    ["Webhook route p50 / p99 (ms)", ...cell((c) => `${f1(wh(c)?.real.p50)} / ${f1(wh(c)?.real.p99)}`)],
    ["Baseline (signature only), events/s", ...cell((c) => f0(wh(c)?.baseline.rps))],
    ["Baseline p50 / p99 (ms)", ...cell((c) => `${f1(wh(c)?.baseline.p50)} / ${f1(wh(c)?.baseline.p99)}`)],
    [
      "**Ratio to baseline**",
      ...cell((c) => `**${f2(wh(c)?.ratio)}**${mark((wh(c)?.ratio ?? 0) >= (c === pg ? 0.9 : 0.7))}`),
    ],
    ["Non-2xx answers from the webhook route", ...cell(statuses)],
    [
      "Every event applied (after the responses) within, s; left for the cron job",
      ...cell((c) => settledText(wh(c)?.consistency)),
    ],
    ["**Lost / double-applied** (database against Stripe)", ...cell((c) => verdict(wh(c)?.consistency))],
    ["**Server peak RSS during webhook load (MB)**", ...cell((c) => f0(wh(c)?.peakRssMb))],
    [
      "Checkout action p50 / p99 (ms)",
      ...cell((c) => `${f1(c.checkout?.action.p50)} / ${f1(c.checkout?.action.p99)}`),
    ],
    [
      "Emulator PaymentIntent create p50 / p99 (ms)",
      ...cell((c) => `${f1(c.checkout?.emulator.p50)} / ${f1(c.checkout?.emulator.p99)}`),
    ],
    [
      "**Our checkout overhead at p50 (ms)**",
      ...cell(
        (c) =>
          `**${f1(c.checkout?.overheadP50)}**${mark(c.checkout ? c.checkout.overheadP50 <= 8 : undefined)}`,
      ),
    ],
    [
      "Signed-in request, cookie decode only: req/s, p50 (ms)",
      ...cell((c) => `${f0(c.session?.token.rps)}, ${f1(c.session?.token.p50)}`),
    ],
    [
      "Signed-in request with the session check: req/s, p50 (ms)",
      ...cell((c) => `${f0(c.session?.session.rps)}, ${f1(c.session?.session.p50)}`),
    ],
    [
      "**Session check cost at p50 (ms)** (one indexed read of the user row)",
      ...cell((c) => `**${f1(c.session?.costP50)}**`),
    ],
  ];
  const inboxRows = [
    [
      "Route storing only (WEBHOOK_APPLY_AFTER_RESPONSE=0), events/s; p50 (ms)",
      ...cell((c) => `${f0(c.worker?.store.rps)}; ${f1(c.worker?.store.p50)}`),
    ],
    [
      "Backlog left for the worker (events) / drained in (s) / cron runs",
      ...cell(
        (c) => `${f0(c.worker?.backlog)} / ${f1(c.worker?.drainSeconds)} / ${c.worker?.cronCalls ?? "–"}`,
      ),
    ],
    [
      "**Worker apply rate (cron inbox job), events/s**",
      ...cell(
        (c) =>
          `**${f0(c.worker?.applyRate)}**${c === pg && c.worker ? mark(c.worker.applyRate >= 1000) : ""}`,
      ),
    ],
    ["Worker run: lost / double-applied", ...cell((c) => verdict(c.worker?.consistency))],
    [
      "Two instances, deliveries/s (sent to both at once)",
      ...cell((c) => (c.twoInstances ? f0(c.twoInstances.rps) : "not run")),
    ],
    [
      "Two instances, every event applied within, s; left for the cron job",
      ...cell((c) => (c.twoInstances ? settledText(c.twoInstances.consistency) : "not run")),
    ],
    [
      "Two instances, unique events applied per second (deliveries + tail)",
      ...cell((c) => (c.twoInstances ? f0(c.twoInstances.appliedRate) : "not run")),
    ],
    [
      "Two instances, failed attempts retried (see the logs)",
      ...cell((c) => (c.twoInstances ? f0(c.twoInstances.retried) : "not run")),
    ],
    [
      "**Two instances: lost / double-applied**",
      ...cell((c) => (c.twoInstances ? verdict(c.twoInstances.consistency) : "not run")),
    ],
  ];
  const problems = cols.flatMap((c) =>
    (
      [
        ["webhook route", c.webhooks?.consistency],
        ["worker", c.worker?.consistency],
        ["two instances", c.twoInstances?.consistency],
      ] as const
    ).flatMap(([phase, f]) => (f?.problems ?? []).map((p) => `- ${c.column}, ${phase}: ${p}`)),
  );
  const dev =
    r.devStartup === undefined
      ? "not measured (`--no-dev`)"
      : typeof r.devStartup === "string"
        ? `not measured: ${r.devStartup}`
        : `**${f1(r.devStartup.firstPageSeconds)} s**`;
  const errors = cols.filter((c) => c.error).map((c) => `- ${c.column}: not measured — ${c.error}`);
  const fl = table(
    ["Route", "Path", "Scripts", "First Load JS (kB gzip)"],
    r.firstLoad.map((p) => [
      p.name,
      `\`${p.path.replace(/[0-9a-f-]{36}/, ":id")}\``,
      String(p.scripts),
      p.kb === null
        ? `n/a (HTTP ${p.status})`
        : `${f1(p.kb)}${p.name === "checkout" ? mark(p.kb <= 130) : ""}`,
    ]),
  );
  const lh =
    typeof r.lighthouse === "string"
      ? `Lighthouse not run: ${r.lighthouse}`
      : table(
          ["Page", "Performance (median)", "Runs", "FCP / LCP (ms)", "TBT (ms)", "CLS"],
          r.lighthouse.map((l) => [
            l.name,
            `**${l.median}**${mark(l.median >= 98)}`,
            l.scores.join(", "),
            `${f0(l.metrics.fcpMs)} / ${f0(l.metrics.lcpMs)}`,
            f0(l.metrics.tbtMs),
            String(l.metrics.cls ?? "–"),
          ]),
        );
  return [
    `Measured ${r.date} with \`${r.command}\` on ${machine()}.`,
    "",
    "### Money paths (production build, `next start`)",
    "",
    table(["", ...cols.map((c) => c.column)], webhookRows),
    "",
    "### The inbox: worker and two instances",
    "",
    table(["", ...cols.map((c) => c.column)], inboxRows),
    ...(problems.length ? ["", "Differences found:", "", ...problems] : []),
    ...(errors.length ? ["", ...errors] : []),
    "",
    `\`npm run dev\` on a fresh copy of the tree (empty \`.data/\`, hard-linked node_modules), to the first 200 of \`/\`: ${dev}`,
    "",
    "### Pages",
    "",
    fl,
    "",
    lh,
  ].join("\n");
}

export function writeBenchmarks(file: string, results: string): void {
  const current = existsSync(file) ? readFileSync(file, "utf8") : `# Benchmarks\n\n${START}\n${END}\n`;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start + START.length)}\n${results}\n${current.slice(end)}`
      : `${current.trimEnd()}\n\n${START}\n${results}\n${END}\n`;
  writeFileSync(file, next);
}
