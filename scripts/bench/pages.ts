import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { stopChild } from "./server";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import lighthouse from "lighthouse";

/*
 * Pages: the JavaScript a first visit downloads (every chunk of the build the server-rendered HTML
 * loads, gzipped — Next 16's build no longer prints "First Load JS"), and Lighthouse's
 * performance score in headless Chromium (default config: mobile, simulated throttling).
 */

export interface PageRoute {
  name: string;
  path: string;
  cookie?: string;
}

export interface FirstLoad {
  name: string;
  path: string;
  status: number;
  scripts: number;
  kb: number | null;
}

export const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function chromiumPath(): string | undefined {
  return [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p): p is string =>
    Boolean(p && existsSync(p)),
  );
}

/**
 * Chunks of the Next build a first visit runs: the bootstrap <script> tags plus the client-component
 * chunks the inline RSC payload names (loaded at hydration). Polyfills (`noModule`) are left out, as
 * modern browsers never fetch them — and as Next's own "First Load JS" figure did.
 */
export function scriptsOf(html: string): string[] {
  const noModule = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="[^"]*(static\/chunks\/[^"?]+\.js)[^"]*"[^>]*noModule/gi))
    noModule.add(m[1]!);
  const found = new Set<string>();
  for (const m of html.matchAll(/static\/chunks\/[A-Za-z0-9_.-]+\.js/g))
    if (!noModule.has(m[0])) found.add(`/_next/${m[0]}`);
  return [...found];
}

export async function firstLoadJs(
  baseUrl: string,
  distDir: string,
  routes: PageRoute[],
): Promise<FirstLoad[]> {
  const out: FirstLoad[] = [];
  for (const route of routes) {
    const res = await fetch(`${baseUrl}${route.path}`, {
      headers: route.cookie ? { cookie: route.cookie } : {},
      redirect: "manual",
    });
    const html = await res.text();
    if (res.status !== 200) {
      out.push({ ...route, status: res.status, scripts: 0, kb: null });
      continue;
    }
    const scripts = scriptsOf(html);
    const bytes = scripts.reduce(
      (n, src) =>
        n + gzipSync(readFileSync(`${distDir}/static/${src.slice("/_next/static/".length)}`)).length,
      0,
    );
    out.push({
      name: route.name,
      path: route.path,
      status: res.status,
      scripts: scripts.length,
      kb: Math.round(bytes / 100) / 10,
    });
  }
  return out;
}

export interface LighthouseScore {
  name: string;
  path: string;
  scores: number[];
  median: number;
  metrics: Record<string, number>;
}

/** `runs` Lighthouse performance runs per page in one headless Chromium; the median score (0–100). */
export async function lighthouseScores(
  baseUrl: string,
  pages: PageRoute[],
  runs = 3,
): Promise<LighthouseScore[]> {
  const chromePath = chromiumPath();
  if (!chromePath) throw new Error("no Chromium found (apt-get install -y chromium, or set CHROME_PATH)");
  // Debian's Chromium, started here with a debugging port Lighthouse drives (never a downloaded browser).
  const port = 9300 + Math.floor(Math.random() * 500);
  const profile = mkdtempSync(path.join(os.tmpdir(), "bench-chromium-"));
  const chrome = spawn(
    chromePath,
    [...CHROME_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "about:blank"],
    { stdio: "ignore" },
  );
  try {
    await waitForDebugger(port);
    const out: LighthouseScore[] = [];
    for (const page of pages) {
      const scores: number[] = [];
      let metrics: Record<string, number> = {};
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(`${baseUrl}${page.path}`, {
          port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance"],
        });
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`lighthouse returned nothing for ${page.path}`);
        scores.push(Math.round((lhr.categories.performance?.score ?? 0) * 100));
        // For investigating a score: each run's whole report (long tasks, bootup time, the LCP element…).
        const saveDir = process.env.BENCH_LIGHTHOUSE_DIR;
        if (saveDir) {
          mkdirSync(saveDir, { recursive: true });
          writeFileSync(path.join(saveDir, `${page.name}-${i + 1}.json`), JSON.stringify(lhr));
        }
        const audit = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
        metrics = {
          fcpMs: audit("first-contentful-paint"),
          lcpMs: audit("largest-contentful-paint"),
          tbtMs: audit("total-blocking-time"),
          cls: Math.round((lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0) * 1000) / 1000,
        };
      }
      const sorted = [...scores].sort((a, b) => a - b);
      out.push({
        name: page.name,
        path: page.path,
        scores,
        median: sorted[Math.floor(sorted.length / 2)]!,
        metrics,
      });
    }
    return out;
  } finally {
    // Chromium writes its profile until it has exited: remove it only then (and never let a leftover
    // file replace the scores with an error).
    await stopChild(chrome);
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (error) {
      console.error(`[bench] could not remove ${profile}:`, error);
    }
  }
}

async function waitForDebugger(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("Chromium did not open its debugging port");
}
