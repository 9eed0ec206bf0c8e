import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";

/*
 * A small load driver (keep-alive sockets, N requests in flight, each request sent once — autocannon
 * replays the same request list on every connection, which would turn unique events into duplicates)
 * and the measurements the benchmark reports.
 */

export interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  count: number;
  ok: number;
  statuses: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.max(0, Math.ceil(p * sortedMs.length) - 1))]!;
}

function send(agent: http.Agent, base: URL, req: PreparedRequest): Promise<number> {
  return new Promise((resolve) => {
    const r = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: "POST",
        path: req.path,
        headers: { ...req.headers, "content-length": Buffer.byteLength(req.body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    r.on("error", () => resolve(0));
    r.end(req.body);
  });
}

/** Sends every request once with `connections` in flight; latencies in ms. */
export async function drive(
  baseUrl: string,
  requests: PreparedRequest[],
  connections: number,
): Promise<LoadResult> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (;;) {
        const i = next++;
        if (i >= requests.length) return;
        const t0 = process.hrtime.bigint();
        const status = await send(agent, base, requests[i]!);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses).reduce((n, [s, c]) => (s.startsWith("2") ? n + c : n), 0);
  return {
    count: requests.length,
    ok,
    statuses,
    seconds,
    rps: requests.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

/** Adds up several runs of the same kind (alternating rounds against two routes). */
export function combine(results: LoadResult[]): LoadResult {
  const count = results.reduce((n, r) => n + r.count, 0);
  const seconds = results.reduce((n, r) => n + r.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const r of results)
    for (const [s, c] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + c;
  // p50: weighted by requests; p99: the worst round's (conservative).
  const p50 = results.reduce((n, r) => n + r.p50 * r.count, 0) / count;
  return {
    count,
    ok: results.reduce((n, r) => n + r.ok, 0),
    statuses,
    seconds,
    rps: count / seconds,
    p50,
    p99: Math.max(...results.map((r) => r.p99)),
  };
}

/** Times `fn` `n` times one after another; sorted latencies in ms. */
export async function timeEach(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) kids.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return kids;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples the RSS of a process and its descendants every `everyMs`; stop() gives the peak in MB. */
export function sampleRss(pid: number, everyMs = 100): { stop: () => number } {
  let peak = 0;
  let tree = [pid, ...childrenOf(pid)];
  let ticks = 0;
  const timer = setInterval(() => {
    if (++ticks % 20 === 0) tree = [pid, ...childrenOf(pid)];
    peak = Math.max(
      peak,
      tree.reduce((n, p) => n + rssKb(p), 0),
    );
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(peak / 1024);
    },
  };
}
