import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { EMULATOR_MAIN, EmulatorClient } from "@marketplace/stripe-emulator";
import { WEBHOOK_EVENTS } from "../../lib/webhooks/subscriptions";

/** Starts a child process that inherits stdio and dies with us. */
export function start(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { stdio: "inherit", ...options });
  const kill = () => child.kill("SIGTERM");
  process.on("exit", kill);
  return child;
}

/** Runs a command to completion; resolves with its exit code. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Waits until an HTTP endpoint answers (any status) or the timeout passes. */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export interface DbServer {
  child: ChildProcess;
  url: string;
  /** SIGTERM, then waits until PGlite has closed and released its directory. */
  stop: () => Promise<void>;
}

/**
 * Starts `scripts/db-server.ts`, the one owner of the PGlite directory named by env.PGLITE_DIR, and
 * waits until it serves. Everything started afterwards with the same PGLITE_DIR connects to it.
 */
export function startDbServer(env: NodeJS.ProcessEnv): Promise<DbServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/db-server.ts"], {
    env,
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = () => child.kill("SIGTERM");
  process.on("exit", kill);
  const stop = async () => {
    process.off("exit", kill);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      out += chunk.toString();
      const match = /served at (\S+)/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1], stop });
    });
    child.once("exit", (code) => reject(new Error(`the database server exited (${code}) before serving`)));
  });
}

/**
 * The Stripe emulator as its own process (`tsx <EMULATOR_MAIN>`, configured by `env`, see the package's
 * CONTRACT.md); resolves once its control API answers our key.
 */
export async function startEmulatorProcess(
  env: NodeJS.ProcessEnv,
  options: SpawnOptions = {},
): Promise<{ child: ChildProcess; client: EmulatorClient }> {
  // Its platform and Connect endpoints subscribe to what ours subscribe to (lib/webhooks/subscriptions.ts),
  // so an event the app needs but does not subscribe to is missing offline too, as with real Stripe.
  const subscribed: Record<string, string> = {
    STRIPE_EMULATOR_PLATFORM_EVENTS: WEBHOOK_EVENTS.platform.join(","),
    STRIPE_EMULATOR_CONNECT_EVENTS: WEBHOOK_EVENTS.connect.join(","),
  };
  const child = start("node_modules/.bin/tsx", [EMULATOR_MAIN], {
    env: { ...subscribed, ...env },
    ...options,
  });
  const client = new EmulatorClient({ url: `http://127.0.0.1:${env.STRIPE_EMULATOR_PORT ?? "12111"}` });
  await client.waitUntilReady();
  return { child, client };
}
