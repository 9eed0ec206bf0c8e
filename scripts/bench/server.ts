import { closeSync, openSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { start, waitForHttp } from "../lib/processes";

/** `next start` of the bench build, logging to `<logDir>/<name>.log`; with BENCH_CPU_PROF, a V8 profile. */

export interface BenchServer {
  child: ChildProcess;
  baseUrl: string;
  stop: () => Promise<void>;
}

export function logTo(logDir: string, name: string) {
  const fd = openSync(`${logDir}/${name}.log`, "w");
  return { stdio: ["ignore", fd, fd] as ["ignore", number, number], close: () => closeSync(fd) };
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

export async function startServer(options: {
  name: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logDir: string;
}): Promise<BenchServer> {
  const log = logTo(options.logDir, options.name);
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = start(
    process.execPath,
    [...profile, "node_modules/next/dist/bin/next", "start", "--port", String(options.port)],
    { env: { ...options.env, NODE_ENV: "production" }, stdio: log.stdio },
  );
  const baseUrl = `http://localhost:${options.port}`;
  let closed = false;
  const stop = async () => {
    await stopChild(child);
    if (!closed) log.close();
    closed = true;
  };
  try {
    await waitForHttp(`${baseUrl}/api/health`, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, baseUrl, stop };
}
