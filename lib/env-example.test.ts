import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/* .env.example documents every variable lib/env.ts reads, with placeholders only. */

const source = readFileSync("lib/env.ts", "utf8");
const example = readFileSync(".env.example", "utf8");

/** KEY → value of every `KEY=value` or `# KEY=value` line. */
const documented = new Map(
  [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(
    (m) => [m[1] ?? "", (m[2] ?? "").trim()] as const,
  ),
);

describe(".env.example", () => {
  it("lists every variable lib/env.ts reads, and none it does not", () => {
    const read = new Set([...source.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] ?? ""));
    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((name) => !documented.has(name)).sort()).toEqual([]);
    expect([...documented.keys()].filter((name) => !read.has(name)).sort()).toEqual([]);
  });

  it("sets nothing (every line commented) and holds no real secret", () => {
    expect(example.split("\n").filter((line) => /^[A-Z]/.test(line))).toEqual([]);
    for (const name of [
      "STRIPE_SECRET_KEY",
      "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
      "STRIPE_WEBHOOK_SECRET",
      "STRIPE_CONNECT_WEBHOOK_SECRET",
      "STRIPE_CONNECT_CLIENT_ID",
      "AUTH_SECRET",
      "AUTH_GITHUB_SECRET",
    ]) {
      expect(documented.get(name), name).toMatch(/REPLACE_ME/);
    }
    expect(example).not.toMatch(/(sk|rk|pk)_live_\w/);
  });
});
