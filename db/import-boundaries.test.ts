import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * House style: data flows app/ → lib/ → db/queries. Only db/ holds the client (`db`, `db.transaction`:
 * lib/ groups queries with db/queries/transaction.ts), and pages, route handlers and components take
 * nothing but types from db/ (constants they need are re-exported by lib/). Tests and scripts are exempt.
 * Components never import from app/, not even types: a page hands its server actions down as props.
 */

const root = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Every module a file imports or re-exports (types and dynamic `import()` included) that matches `from`. */
function allImports(file: string, from: RegExp): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)"([^"]+)"/gm)]
    .map((m) => m[1] ?? "")
    .filter((m) => from.test(m));
}

/** Value imports (not `import type`) of a module matching `from`. */
function valueImports(file: string, from: RegExp): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)";/gms)]
    .map((m) => m[1] ?? "")
    .filter((m) => from.test(m));
}

describe("import boundaries", () => {
  it("only db/ imports the database client", () => {
    const offenders = ["app", "components", "lib"]
      .flatMap(sources)
      .filter((f) => valueImports(f, /^@\/db\/client$/).length > 0);
    expect(offenders).toEqual([]);
  });

  it("pages, route handlers and components import only types from db/", () => {
    const offenders = ["app", "components"]
      .flatMap(sources)
      .filter((f) => valueImports(f, /^@\/db\//).length > 0);
    expect(offenders).toEqual([]);
  });

  it("components never import from app/ (pages pass server actions down as props)", () => {
    const offenders = sources("components").filter(
      (f) => allImports(f, /^(@\/app\/|(\.\.\/)+app\/)/).length > 0,
    );
    expect(offenders).toEqual([]);
  });
});
