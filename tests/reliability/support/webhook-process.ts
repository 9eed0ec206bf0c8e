import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/*
 * The webhook route in a process of its own (support/webhook-server.ts): an app instance for the
 * crash test (killed and restarted) and the two-instance test (two of them on one PostgreSQL).
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts the server with this environment (WEBHOOK_SERVER_PORT, the database, the emulator port). */
export function startWebhookServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  // One process (node with tsx's loader, not the tsx wrapper, which forks): SIGKILL must hit the server itself.
  const args = [
    "--conditions=react-server",
    "--import",
    "tsx",
    "tests/reliability/support/webhook-server.ts",
  ];
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`webhook server did not start:\n${log}`)), 60_000);
    child.stderr?.on("data", (c: Buffer) => (log += c.toString()));
    child.stdout?.on("data", (c: Buffer) => {
      log += c.toString();
      if (log.includes("ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("exit", (code) => reject(new Error(`webhook server exited with ${code}:\n${log}`)));
  });
}

export function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/** The instance's worker pass (POST /drain): what it applied, and what is left. */
export async function drainAt(
  port: number,
): Promise<{ applied: number; ignored: number; failed: number; dead: number; remaining: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/drain`, { method: "POST" });
  return (await res.json()) as Awaited<ReturnType<typeof drainAt>>;
}
