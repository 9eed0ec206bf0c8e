import { createRequire } from "node:module";
import path from "node:path";

// Next's own loader (installed with next). Its bundled CommonJS hides named exports from ESM imports.
const { loadEnvConfig } = createRequire(import.meta.url)("@next/env") as typeof import("@next/env");

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Scripts run outside Next but migrate, seed and serve the same app, so they must see the environment
 * Next would: the `.env*` files loaded by Next's own loader (`.env.development.local`, `.env.local`,
 * `.env.development`, `.env`; the `.production` set under NODE_ENV=production; under NODE_ENV=test the
 * `.test` set and no `.env.local`). A variable already set in the shell always wins over a file.
 *
 * Call it before importing anything that reads the environment: lib/env.ts validates on first import.
 * Returns the files it read and the environment as the shell gave it (for a child `next dev`, which
 * must read the files itself to reload them when they change).
 */
export function loadProjectEnv(dir: string = PROJECT_ROOT): { files: string[]; shellEnv: NodeJS.ProcessEnv } {
  const shellEnv = { ...process.env };
  const { loadedEnvFiles } = loadEnvConfig(dir, process.env.NODE_ENV !== "production");
  // @next/env marks process.env as processed, and a child Next inheriting that mark would skip the files.
  delete process.env.__NEXT_PROCESSED_ENV;
  return { files: loadedEnvFiles.map((f) => f.path), shellEnv };
}
