/**
 * Builds the browser code the emulator serves (fake Stripe.js and Connect.js, the fakes harness page)
 * from TypeScript with esbuild, in memory, once per process; each bundle is one classic script (IIFE).
 */
import { build } from "esbuild";

const cache = new Map<string, Promise<string>>();

export interface BundleOptions {
  /** A comment on the first line of the served file. */
  banner?: string;
  /** Values replaced at build time, e.g. `{ "process.env.NODE_ENV": '"production"' }` for React. */
  define?: Record<string, string>;
}

/** The bundled script for `entry` (an absolute path or file URL of a .ts/.tsx module). */
export function bundleScript(entry: string | URL, options: BundleOptions = {}): Promise<string> {
  const path = entry instanceof URL ? decodeURIComponent(entry.pathname) : entry;
  let built = cache.get(path);
  if (!built) {
    built = build({
      entryPoints: [path],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: "es2020",
      jsx: "automatic",
      legalComments: "none",
      logLevel: "silent",
      ...(options.banner ? { banner: { js: options.banner } } : {}),
      ...(options.define ? { define: options.define } : {}),
    }).then((result) => result.outputFiles[0]?.text ?? "");
    built.catch(() => cache.delete(path)); // a failed build is retried on the next request
    cache.set(path, built);
  }
  return built;
}
