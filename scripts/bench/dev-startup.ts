import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/*
 * `npm run dev` on a fresh clone: the working tree as `git clone` would give it (tracked and untracked
 * files that are not ignored, so uncommitted work counts too; no .data/, no .next*), node_modules
 * hard-linked as `npm ci` would leave it, then `npm run dev` on its own ports in its own process group,
 * timed to the first 200 of `/` (emulator, embedded database, migrations, seed and the first compile),
 * and stopped with Ctrl-C as a developer would (the whole group).
 */

export interface DevStartupFigures {
  firstPageSeconds: number;
}

function freshCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-dev-clone-"));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(file)) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(file, path.join(dir, file));
  }
  execFileSync("cp", ["-al", "node_modules", path.join(dir, "node_modules")]);
  return dir;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (!group) return;
  const alive = () => {
    try {
      process.kill(-group, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const [signal, waitMs] of [
    ["SIGINT", 30_000],
    ["SIGKILL", 5_000],
  ] as const) {
    if (!alive()) return;
    process.kill(-group, signal);
    for (const until = Date.now() + waitMs; alive() && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 100));
  }
}

export async function benchDevStartup(options: {
  port: number;
  emulatorPort: number;
  timeoutMs?: number;
}): Promise<DevStartupFigures> {
  const dir = freshCopy();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    STRIPE_EMULATOR_PORT: String(options.emulatorPort),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // As on a developer's machine: none of the bench's own settings.
  for (const key of Object.keys(env))
    if (
      /^(STRIPE_|NEXT_DIST_DIR|NEXT_BENCH|DATABASE_URL|POSTGRES_URL|PGLITE_|APP_URL|NODE_ENV|AUTH_SECRET|CRON_SECRET|BENCH_)/.test(
        key,
      ) &&
      key !== "STRIPE_EMULATOR_PORT"
    )
      delete env[key];
  let log = "";
  const started = Date.now();
  const dev = spawn("npm", ["run", "dev", "--silent"], {
    cwd: dir,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  dev.stdout?.on("data", (c: Buffer) => (log += c.toString()));
  dev.stderr?.on("data", (c: Buffer) => (log += c.toString()));
  try {
    for (;;) {
      if (dev.exitCode !== null) throw new Error(`npm run dev exited (${dev.exitCode}): ${log.slice(-800)}`);
      if (Date.now() - started > (options.timeoutMs ?? 300_000))
        throw new Error(`npm run dev did not serve / within ${(options.timeoutMs ?? 300_000) / 1000} s`);
      const status = await fetch(`http://127.0.0.1:${options.port}/`, {
        signal: AbortSignal.timeout(60_000),
      }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return { firstPageSeconds: (Date.now() - started) / 1000 };
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await stopGroup(dev);
    rmSync(dir, { recursive: true, force: true });
  }
}
