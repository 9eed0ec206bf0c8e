import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut, signUp, uniqueEmail } from "../support/auth";
import { CARDS, openProduct, pay, startCheckout } from "../support/checkout";
import { completeEmbeddedOnboarding, createProduct, startSelling } from "../support/seller";

/*
 * `npm run dev` as a user lives it, on an empty data directory: sign up as a seller, onboard, add a
 * product, buy it as a guest with 4242; Ctrl-C; start again, pages rendered before the first webhook
 * (the compile order that once made Connect events "not a Stripe event"), buy again; SIGKILL of the
 * whole process group; start again and find every committed row. Throughout, exactly one process
 * holds the PGlite files open.
 */

const port = process.env.DEV_JOURNEY_PORT ?? "3210";
const emulatorPort = process.env.DEV_JOURNEY_EMULATOR_PORT ?? "12121";
const dataDir = path.resolve(`.data/dev-journey-${port}`);
const distDir = `.next-dev-journey-${port}`;
const base = `http://localhost:${port}`;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  STRIPE_EMULATOR_PORT: emulatorPort,
  STRIPE_EMULATOR_SNAPSHOT: `${dataDir}/emulator.json`,
  PGLITE_DIR: `${dataDir}/pglite`,
  NEXT_DIST_DIR: distDir,
  NEXT_TELEMETRY_DISABLED: "1",
};
for (const key of [
  "STRIPE_SECRET_KEY",
  "DATABASE_URL",
  "POSTGRES_URL",
  "NODE_ENV",
  "STRIPE_EMULATOR_WEBHOOK_URL",
  "APP_URL",
])
  delete env[key];

let dev: ChildProcess | null = null;
let log = "";

async function startDev(): Promise<number> {
  log = "";
  const started = Date.now();
  // Its own process group, like a terminal's: the emulator, the database, next dev and its workers.
  dev = spawn("npm", ["run", "dev", "--silent"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  dev.stdout?.on("data", (c: Buffer) => (log += c.toString()));
  dev.stderr?.on("data", (c: Buffer) => (log += c.toString()));
  while (Date.now() - started < 300_000) {
    if (dev.exitCode !== null) throw new Error(`npm run dev exited (${dev.exitCode}):\n${log}`);
    const status = await fetch(`${base}/`, { signal: AbortSignal.timeout(60_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`npm run dev did not serve / within 5 minutes:\n${log}`);
}

async function stopDev(signal: "SIGINT" | "SIGKILL") {
  const group = dev?.pid;
  if (!group) return;
  try {
    process.kill(-group, signal);
  } catch {
    // already gone
  }
  for (let i = 0; i < 300; i++) {
    try {
      process.kill(-group, 0);
    } catch {
      dev = null;
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`npm run dev's processes still run 30 s after ${signal}`);
}

/** PIDs with a file under the PGlite directory open (Linux /proc). */
function pidsHoldingDatabase(): Set<number> {
  const holders = new Set<number>();
  const dir = `${dataDir}/pglite/`;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`).startsWith(dir)) holders.add(Number(entry));
      } catch {
        // closed meanwhile
      }
    }
  }
  return holders;
}

/** Exactly one process has the PGlite files open, and it is the database server, never Next or a worker. */
function expectOneDatabaseOwner() {
  const holders = [...pidsHoldingDatabase()];
  const commands = holders.map((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    } catch {
      return `${pid} (gone)`;
    }
  });
  expect(commands, `processes with ${dataDir}/pglite open`).toHaveLength(1);
  expect(commands[0]).toContain("scripts/db-server.ts");
}

async function buyAsGuest(page: Page, product: string): Promise<string> {
  await openProduct(page, product);
  await startCheckout(page);
  await pay(page, CARDS.visa, uniqueEmail("dev-guest"));
  // `next dev` compiles the order page on its first visit, and the webhook route on the first delivery
  // after a start: on a busy 2-core machine each can take longer than the emulator's 10 s delivery
  // timeout, and then the event arrives with Stripe's retry schedule (1 s, 5 s, 30 s, 2 min here) instead.
  // "Payment succeeded" only comes from the payment_intent.succeeded Connect webhook: a webhook refused
  // whatever the compile order (the bug this journey guards) never gets there, however long we wait.
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}/, { timeout: 120_000 });
  await expect(page.getByTestId("order-status")).toHaveText("Payment succeeded", { timeout: 200_000 });
  return page.url();
}

test.beforeAll(async () => {
  // A server left on this port (an interrupted run) would answer for ours and prove nothing.
  const stale = await fetch(`${base}/`, { signal: AbortSignal.timeout(5_000) }).then(
    () => true,
    () => false,
  );
  if (stale)
    throw new Error(
      `${base} already answers: stop whatever listens on port ${port} (or set DEV_JOURNEY_PORT)`,
    );
  rmSync(dataDir, { recursive: true, force: true }); // the lock file (`pglite.lock`) lives in it too
});
test.afterAll(async () => {
  await stopDev("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(distDir, { recursive: true, force: true });
});

test("npm run dev keeps every committed row across Ctrl-C and SIGKILL, and applies Connect webhooks whatever compiled first", async ({
  page,
}) => {
  const tag = Date.now().toString(36);
  const seller = { email: uniqueEmail("dev-seller"), password: "a good long password" };
  const shop = `Restart Pottery ${tag}`;
  const product = `Restart bowl ${tag}`;

  // 1. An empty directory: seeded on start, then a whole seller and buyer journey.
  const cold = await startDev();
  console.log(`[dev journey] empty directory: first 200 of / after ${cold.toFixed(1)} s`);
  await signUp(page, { role: "seller", name: "Re Start", ...seller, businessName: shop });
  await startSelling(page);
  await completeEmbeddedOnboarding(page, shop);
  await expect(page).toHaveURL(/\/dashboard\?onboarded=1$/);
  await createProduct(page, { name: product, description: "Survives restarts.", price: "19.00" });
  // Wait until signed out: a checkout opened while the sign-out is still in flight is the seller's own.
  await signOut(page);
  const firstOrder = await buyAsGuest(page, product);
  expectOneDatabaseOwner();

  // 2. Ctrl-C (SIGINT to the whole group), start again: pages are compiled before the webhook route.
  await stopDev("SIGINT");
  const warm = await startDev();
  console.log(`[dev journey] restart: first 200 of / after ${warm.toFixed(1)} s`);
  expect(log).toContain("database ready");
  await page.goto(firstOrder);
  await expect(page.getByTestId("order-status")).toHaveText("Payment succeeded");
  const secondOrder = await buyAsGuest(page, product);
  expectOneDatabaseOwner();

  // 3. SIGKILL of every process: nothing gets to clean up. Whatever committed must be there.
  await stopDev("SIGKILL");
  await startDev();
  expect(log).toContain("database ready");
  for (const order of [firstOrder, secondOrder]) {
    await page.goto(order);
    await expect(page.getByTestId("order-status")).toHaveText("Payment succeeded");
  }
  await signIn(page, seller);
  await page.goto("/dashboard/products");
  await expect(page.getByRole("cell", { name: product, exact: true })).toBeVisible();
  expectOneDatabaseOwner();
  await stopDev("SIGINT");
});
