import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * What the buyer's pages ship: a client component ("use client") that imports, even indirectly, a module
 * using zod puts zod (about 30 kB gzip) in the page's First Load JS. The shop, product, cart and checkout
 * pages' client components must not (BENCHMARKS.md: checkout ≤ 130 kB). Server code validates with zod.
 */

const root = path.resolve(import.meta.dirname, "..");
const BUYER_DIRS = [
  "components/checkout",
  "components/shop",
  "components/cart",
  "components/ui",
  "components/wallet",
  "app/(shop)",
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes(".test.") ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(root, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = base + ext;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

/** Modules imported for their values (`import type` and all-`type` specifiers are erased). */
function valueImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const specs: string[] = [];
  for (const m of source.matchAll(/^import\s+(type\s+)?([\s\S]*?)\s+from\s+"([^"]+)"/gm)) {
    if (m[1]) continue;
    const names = m[2]!.trim();
    const onlyTypes =
      /^\{[\s\S]*\}$/.test(names) &&
      names
        .replace(/[{}\s]/g, "")
        .split(",")
        .filter(Boolean)
        .every((n) => n.startsWith("type"));
    if (!onlyTypes) specs.push(m[3]!);
  }
  for (const m of source.matchAll(/^import\s+"([^"]+)"/gm)) specs.push(m[1]!);
  return specs;
}

/** The chain of imports from `file` to zod, or null. */
function pathToZod(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  for (const spec of valueImports(file)) {
    if (spec === "zod") return [file];
    const next = resolveImport(file, spec);
    const rest = next ? pathToZod(next, seen) : null;
    if (rest) return [file, ...rest];
  }
  return null;
}

describe("the buyer's pages' client components", () => {
  const clientFiles = BUYER_DIRS.flatMap((dir) => sourceFiles(path.join(root, dir))).filter((file) =>
    /^["']use client["']/m.test(readFileSync(file, "utf8")),
  );

  it("are found (the check looks at real files)", () => {
    expect(clientFiles.map((f) => path.relative(root, f))).toContain(
      "components/checkout/checkout-panel.tsx",
    );
  });

  it("import nothing that imports zod", () => {
    const chains = clientFiles
      .map((file) => pathToZod(file))
      .filter((chain): chain is string[] => chain !== null)
      .map((chain) => chain.map((f) => path.relative(root, f)).join(" → "));
    expect(chains).toEqual([]);
  });

  it("would see zod through a server module (the detector itself)", () => {
    expect(pathToZod(path.join(root, "lib/payments/checkout-rules.ts"))).not.toBeNull();
  });
});
