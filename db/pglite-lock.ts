import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * PGlite is single-process: two processes writing one data directory corrupt it (PostgreSQL's own
 * "could not locate a valid checkpoint record" on the next start). The one owner of a directory holds
 * `<dir>.lock`, naming its PID and, when it serves the database over the Postgres protocol, the port.
 * Everyone else either connects to that port or refuses, saying who holds it.
 */
export interface PgliteLock {
  pid: number;
  /** Loopback port the owner serves the database on; null when a script uses it in-process. */
  port: number | null;
  host: string;
  command: string;
  startedAt: string;
}

export class PgliteBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: PgliteLock,
  ) {
    super(
      `The PGlite data directory ${dir} is in use by process ${holder.pid} (${holder.command}, since ${holder.startedAt})` +
        (holder.port === null ? "." : `, serving it on ${holder.host}:${holder.port}.`) +
        " Only one process may open it: stop that process first, or set PGLITE_DIR to another directory.",
    );
    this.name = "PgliteBusyError";
  }
}

export function lockPath(dir: string): string {
  return `${path.resolve(dir)}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The lock of a living owner, or null (no lock, or one left behind by a process that died). */
export function readLock(dir: string): PgliteLock | null {
  let lock: PgliteLock;
  try {
    lock = JSON.parse(readFileSync(lockPath(dir), "utf8")) as PgliteLock;
  } catch {
    return null;
  }
  return typeof lock.pid === "number" && alive(lock.pid) ? lock : null;
}

/**
 * Takes the directory for this process, or throws PgliteBusyError naming the living owner. A lock left by
 * a killed process is taken over: PostgreSQL's recovery at open replays what that process committed.
 */
export function acquireLock(dir: string, served: { port: number | null; host?: string }): () => void {
  const file = lockPath(dir);
  mkdirSync(path.dirname(file), { recursive: true });
  const mine: PgliteLock = {
    pid: process.pid,
    port: served.port,
    host: served.host ?? "127.0.0.1",
    command: path.basename(process.argv[1] ?? "node"),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: "wx" });
      const release = () => {
        if (readLockRaw(file)?.pid === process.pid) rmSync(file, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(dir);
      if (holder) throw new PgliteBusyError(dir, holder);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock ${file}: another process keeps creating it.`);
}

/** Records the port once the server listens (the lock is taken before, so the port is never raced). */
export function updateLockPort(dir: string, port: number, host: string): void {
  const file = lockPath(dir);
  const lock = readLockRaw(file);
  if (lock?.pid !== process.pid) throw new Error(`${file} is not held by this process`);
  // Write then rename: a reader never sees half a file.
  writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify({ ...lock, port, host }));
  renameSync(`${file}.${process.pid}.tmp`, file);
}

function readLockRaw(file: string): PgliteLock | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PgliteLock;
  } catch {
    return null;
  }
}
